//! A blog on Resuma Flow: every file under `src/pages/` is a route (see README.md). Posts
//! live in SQLite (`BLOG_DB`, default `blog.db`), or in Postgres when `DATABASE_URL` is a
//! `postgres://` URL.

mod counter;
mod db;
mod uploads;

mod pages {
    resuma::pages!();
}

fn main() -> std::io::Result<()> {
    resuma::init_tracing();
    let database_url = std::env::var("DATABASE_URL").ok();
    let path = std::env::var("BLOG_DB").unwrap_or_else(|_| "blog.db".to_owned());
    let uploads = uploads::Uploads::from_env()?;
    let addr = std::env::var("RESUMA_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
    // One runtime for the database pool and the server: a Postgres pool belongs to the
    // runtime it was made on.
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let db = db::Db::open(database_url.as_deref(), &path).await.map_err(std::io::Error::other)?;
        resuma::flow::FlowApp::new(pages::all())
            .title("Blog")
            .state(db)
            .state(uploads)
            .serve(addr)
            .await
    })
}
