//! Server-side rendering: the [`Html`] buffer, escaping, the [`Render`] and
//! [`AttributeValue`] traits, [`View`] and [`Component`], the page shell ([`Document`])
//! and streaming ([`render_to_stream`]).
//!
//! Invariant: every byte a render writes is either static markup from the `view!` macro,
//! escaped dynamic data, or [`RawHtml`] that the app opted into explicitly.

mod decimal;
pub(crate) mod defer;
mod document;
mod escape;
pub(crate) mod form;
mod head;
mod html;
pub(crate) mod join;
pub(crate) mod nonce;
pub(crate) mod panic;
mod parts;
mod raw;
mod stream;
mod traits;
mod url;
mod view;

pub use document::{Document, ResponseContext};
pub use head::{use_head, Head};
pub use html::Html;
pub use parts::AttrPart;
pub use raw::{raw_html, RawHtml};
pub use stream::render_to_stream;
pub(crate) use stream::render_to_stream_named;
pub use traits::{AttributeValue, Render};
pub use view::{Children, Component, View};
