//! Resuma builds instantly-interactive web apps in Rust: components run once, on the
//! server, and the page resumes in the browser without hydration.
//!
//! This crate is what apps depend on: the SSR renderer ([`Html`], [`View`], [`Render`],
//! [`AttributeValue`], [`Component`]), [`ResumaApp`], an axum [`Router`](axum::Router)
//! builder that serves pages and server functions, and its security defaults
//! ([`security`]: headers, CSRF, rate limits).
//!
//! ```no_run
//! use resuma::prelude::*;
//!
//! fn home() -> View {
//!     View::new(|html| {
//!         html.push_static("<h1>");
//!         html.push_text("Hello & welcome");
//!         html.push_static("</h1>");
//!     })
//! }
//!
//! fn main() -> std::io::Result<()> {
//!     init_tracing();
//!     ResumaApp::new().title("Hello").page("/", home).run()
//! }
//! ```
//!
//! Features: `app` (what an app takes, with `default-features = false`: `garde`, a form's
//! `#[derive(garde::Validate)]` rules as its field errors) and `cli`, the `resuma` command
//! (`cargo install resuma`). Both are default, so a bare `resuma = "0.3.3"` compiles the
//! command's dependencies too; `resuma new` writes
//! `resuma = { version = "0.3.3", default-features = false, features = ["app"] }`.
//!
//! Invariant: text and attribute values are escaped by construction; unescaped HTML
//! needs the explicit, greppable [`raw_html`].

// Lets `::resuma::…` paths from the macros resolve inside this crate's own tests.
extern crate self as resuma;

mod action;
mod app;
mod cache;
mod compress;
mod dev;
mod error;
mod event;
pub mod flow;
mod http;
mod page;
pub mod prelude;
mod resume;
pub mod security;
mod serve;
pub mod server;
#[cfg(feature = "test")]
pub mod test;

/// Guides: the model first, then the API.
pub mod guide {
    #[doc = include_str!("docs/components.md")]
    pub mod components {}
    #[doc = include_str!("docs/islands.md")]
    pub mod islands {}
    #[doc = include_str!("docs/server-functions.md")]
    pub mod server_functions {}
    #[doc = include_str!("docs/flow.md")]
    pub mod flow {}
    #[doc = include_str!("docs/forms.md")]
    pub mod forms {}
    #[doc = include_str!("docs/limits.md")]
    pub mod limits {}
}
pub mod render;

/// The guides under the repository's `docs/` as doctests: their Rust blocks without
/// `ignore` are compiled and run by `cargo test --doc`; nothing of this is in the crate.
#[cfg(doctest)]
mod docs_guides {
    #[doc = include_str!("../../docs/deploy.md")]
    mod deploy {}
    #[doc = include_str!("../../docs/flow-tooling.md")]
    mod flow_tooling {}
    #[doc = include_str!("../../docs/resumability.md")]
    mod resumability {}
    #[doc = include_str!("../../docs/rs2js.md")]
    mod rs2js {}
    #[doc = include_str!("../../docs/diagnostics.md")]
    mod diagnostics {}
    #[doc = include_str!("../../docs/editor.md")]
    mod editor {}
    #[doc = include_str!("../../docs/security.md")]
    mod security {}
    #[doc = include_str!("../../docs/tutorial/01-counter.md")]
    mod tutorial_counter {}
    #[doc = include_str!("../../docs/guides/auth.md")]
    mod auth {}
    #[doc = include_str!("../../docs/guides/i18n.md")]
    mod i18n {}
    #[doc = include_str!("../../docs/guides/libsql.md")]
    mod libsql {}
    #[doc = include_str!("../../docs/guides/sqlx.md")]
    mod sqlx {}
    #[doc = include_str!("../../docs/guides/testing.md")]
    mod testing {}
    #[doc = include_str!("../../docs/guides/validation.md")]
    mod validation {}
}

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use action::ActionRejection;
pub use app::{init_tracing, ResumaApp, LIST_PAGES_VAR};
pub use error::ConfigError;
pub use event::Event;
pub use page::{IntoPage, Page};
pub use render::{raw_html, AttributeValue, Children, Component, Html, RawHtml, Render, View};
pub use resuma_macros::{
    component, computed, debounce, effect, island, js, layout, load, middleware, pages, server,
    static_params, submit, view,
};
pub use resume::{use_signal, Signal};
pub use serve::{limits_layer, LimitsLayer, LimitsService, ServerLimits};
