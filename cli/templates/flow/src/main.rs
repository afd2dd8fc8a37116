//! A blog on Resuma Flow: every file under `src/pages/` is a route (see README.md).

mod counter;
mod db;
mod uploads;

mod pages {
    resuma::pages!();
}

fn main() -> std::io::Result<()> {
    resuma::init_tracing();
    let path = std::env::var("BLOG_DB").unwrap_or_else(|_| "blog.db".to_owned());
    let db = db::Db::open(&path).map_err(std::io::Error::other)?;
    let uploads = uploads::Uploads::from_env()?;
    resuma::flow::FlowApp::new(pages::all()).title("Blog").state(db).state(uploads).run()
}
