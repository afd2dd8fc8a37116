//! A todo list: add, toggle, remove and filter todos, kept in SQLite by `#[server]`
//! functions, with CSRF checks and rate limits on every call, and every failure shown in
//! the page.
//!
//! `cargo run` serves it at http://127.0.0.1:3000 (set `RESUMA_ADDR` to change); the
//! database is `todos.db` in the current directory (set `TODO_DB` to change), created on
//! first run.

mod components;
mod store;
mod todos;

use std::path::PathBuf;

use resuma::prelude::*;

use crate::store::{Filter, Store};

/// The environment variable naming the database file.
const DB_VAR: &str = "TODO_DB";

fn main() -> std::io::Result<()> {
    resuma::init_tracing();
    let path = std::env::var_os(DB_VAR).map_or_else(|| PathBuf::from("todos.db"), PathBuf::from);
    let store = Store::open(&path).map_err(|err| {
        std::io::Error::other(format!("cannot open the database {}: {err}", path.display()))
    })?;
    tracing::info!("todos are kept in {}", path.display());
    let mut app = ResumaApp::new()
        .title("Todos")
        .state(store.clone())
        // Every server function gets at most this many calls per second per client,
        // unless it sets its own rate with `#[server(rate = "…")]`.
        .rate_limit("20/s");
    for filter in Filter::ALL {
        let store = store.clone();
        app = app.page(filter.path(), move || components::page(store.clone(), filter));
    }
    app.run()
}
