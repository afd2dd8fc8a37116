//! `use resuma::prelude::*;` brings every name an app needs into scope.
//!
//! Invariant: only items an app writes by name; traits are here so that their methods
//! resolve in generated and hand-written code alike.
//!
//! A page file's load and submit need nothing else:
//!
//! ```
//! use resuma::prelude::*;
//!
//! #[derive(serde::Deserialize, garde::Validate)]
//! pub struct Sign {
//!     #[garde(length(chars, min = 1, max = 80))]
//!     pub name: String,
//! }
//!
//! #[load]
//! pub async fn load(cx: LoadCx) -> Result<Vec<String>, LoadError> {
//!     let _ = cx.query::<std::collections::HashMap<String, String>>();
//!     Ok(vec![String::from("Ada")])
//! }
//!
//! #[submit]
//! pub async fn sign(_cx: SubmitCx, form: Sign) -> Result<Submitted, FormError> {
//!     Ok(Submitted::redirect(format!("/guestbook?signed={}", form.name.len())))
//! }
//! ```

/// Flow's names a page, a load and a submit write (the rest of `resuma::flow` by path).
pub use crate::flow::{use_form, FlowApp, Form, FormError, LoadCx, LoadError, SubmitCx, Submitted};
/// The `#[server]` attribute and the `server` module (`server::cookie`, `server::app_state`).
pub use crate::server;
pub use crate::{
    component, computed, debounce, effect, island, js, layout, load, middleware, pages,
    static_params, submit, view,
};
pub use crate::{
    init_tracing, raw_html, use_signal, ActionRejection, AttributeValue, Children, Component,
    Event, Html, Page, RawHtml, Render, ResumaApp, Signal, View,
};
