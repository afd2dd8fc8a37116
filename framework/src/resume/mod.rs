//! Resumability on the server: signals, the render context that collects the page's
//! state and handlers, and the scripts and assets that let the browser resume.
//!
//! The wire format is `docs/resumability.md`.

mod assets;
pub(crate) mod context;
pub(crate) mod reactive;
mod signal;
pub(crate) mod state;
mod stylesheet;

pub use assets::Chunk;
pub(crate) use assets::{asset_urls, form_chunk_name, serve_chunk, serve_core};
pub use reactive::Dependency;
pub use signal::{use_signal, Capture, Signal};
pub(crate) use stylesheet::{handler as stylesheet_handler, Stylesheet};
