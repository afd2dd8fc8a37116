//! One module per request: each takes a text snapshot (and its analysis) and returns
//! the LSP answer. No protocol state here; `server.rs` owns that.

pub(crate) mod code_action;
pub(crate) mod completion;
pub(crate) mod hover;
pub(crate) mod pages;
