//! `use resuma::prelude::*;` brings every name an app needs into scope.
//!
//! Invariant: only items an app writes by name; traits are here so that their methods
//! resolve in generated and hand-written code alike.

pub use crate::flow::{FlowApp, Form};
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
