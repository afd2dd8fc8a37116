//! libSQL: a Flow page whose load reads notes from a libSQL file and whose form adds one.
//! `LIBSQL_PATH` is the database file (default `:memory:`). Run it with
//! `cargo run -p libsql-notes`.

mod db;
#[cfg(test)]
mod e2e;

mod pages {
    resuma::pages!();
}

fn main() -> std::io::Result<()> {
    resuma::init_tracing();
    let path = std::env::var("LIBSQL_PATH").unwrap_or_else(|_| ":memory:".to_owned());
    let addr = std::env::var("RESUMA_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
    // One runtime for the database and the server.
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let db = db::Db::open(&path).await.map_err(std::io::Error::other)?;
        app(db).serve(addr).await
    })
}

/// The app on `db`: `main` serves it, `e2e.rs` tests it in-process.
fn app(db: db::Db) -> resuma::flow::FlowApp {
    resuma::flow::FlowApp::new(pages::all()).title("libSQL · Resuma").state(db)
}
