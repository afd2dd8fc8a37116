//! Flow: every file under `src/pages/` is a route, with no other edit.
//!
//! `index.rs` is `/`, `about.rs` `/about`, `blog/[slug].rs` `/blog/{slug}` (its `#[load]`
//! reads the post from SQLite, or Postgres when `DATABASE_URL` is a `postgres://` URL;
//! an unknown slug is the 404 page), `items/[id].rs`
//! `/items/{id}` (a `u64`: `/items/abc` is the 404 page), `go/[slug].rs` a redirect,
//! `_layout.rs` and `blog/_layout.rs` wrap the pages below them, `admin/_middleware.rs`
//! guards `admin/`, `_error.rs` shows failed loads and `_404.rs` answers the rest.
//! `blog/new.rs` and `blog/[slug].rs` create, edit and delete posts with forms that work
//! without JavaScript (attachments go to `FLOW_UPLOADS`).
//! Run it with `cargo run -p flow`; `/admin` wants the cookie `admin=letmein`.

mod counter;
mod db;
#[cfg(test)]
mod e2e;
mod uploads;

mod pages {
    resuma::pages!();
}

fn main() -> std::io::Result<()> {
    resuma::init_tracing();
    let database_url = std::env::var("DATABASE_URL").ok();
    let path = std::env::var("FLOW_DB").unwrap_or_else(|_| ":memory:".to_owned());
    let uploads = uploads::Uploads::from_env()?;
    let addr = std::env::var("RESUMA_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
    // One runtime for the database pool and the server: a Postgres pool belongs to the
    // runtime it was made on.
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let db =
            db::Db::open(database_url.as_deref(), &path).await.map_err(std::io::Error::other)?;
        app(db, uploads).serve(addr).await
    })
}

/// The app on `db`, its attachments in `uploads`: `main` serves it, `e2e.rs` tests it
/// in-process.
fn app(db: db::Db, uploads: uploads::Uploads) -> resuma::flow::FlowApp {
    resuma::flow::FlowApp::new(pages::all()).title("Flow · Resuma").state(db).state(uploads)
}
