//! `resuma-lsp`: the Resuma language server.
//!
//! It speaks only about Resuma constructs and lives next to rust-analyzer: the
//! diagnostics of `view!`, handlers and payload budgets (the same values `resuma check`
//! and the macros report, from `resuma_analysis`), hover on handlers and components,
//! completion inside `view!`, and fixes for the diagnostics that have a mechanical one.
//!
//! **Invariant:** nothing a client sends stops it: analysis runs on its own thread
//! behind `catch_unwind`, and a failing request answers an error.

pub mod settings;
