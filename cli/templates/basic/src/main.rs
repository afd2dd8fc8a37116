//! A Resuma app: a counter that resumes in the browser on the first click, and a static
//! section that ships no JavaScript at all.
//!
//! `cargo run` serves it at http://127.0.0.1:3000 (set `RESUMA_ADDR` to change);
//! `resuma dev` rebuilds it and reloads the page on every save.

mod components;

use resuma::prelude::*;

fn main() -> std::io::Result<()> {
    resuma::init_tracing();
    ResumaApp::new().title(env!("CARGO_PKG_NAME")).page("/", components::Home).run()
}
