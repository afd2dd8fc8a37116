//! The one brain of Resuma.
//!
//! `resuma-analysis` parses `view!`, translates handler closures to JavaScript
//! ([`rs2js`]), measures what each component ships ([`payload`]) and builds Flow's route
//! table from the file names of `src/pages/` ([`routes`]). The proc macros, `resuma
//! check` and the language server all call it, so the editor, the terminal and the
//! compiler say the same thing.
//!
//! **Invariant:** it does no IO (but for [`routes::page_files_in`], which lists a pages
//! folder), never panics on any input, and knows nothing of axum, LSP or miette: it
//! takes tokens or text and returns plain data.

pub mod check;
pub mod chunk;
pub mod component_env;
pub mod diagnostics;
pub mod form_rules;
pub mod incremental;
pub mod js_macro;
mod js_quotes;
pub mod lower;
pub mod payload;
pub mod reactive;
mod reactive_macro;
pub mod routes;
pub mod rs2js;
pub mod scan;
pub mod signature;
pub mod span;
pub mod view;

pub use check::{analyze, check, check_with, parse_views, FileAnalysis, FileView, Settings};
pub use diagnostics::{Code, Diagnostic, Label, Severity};
pub use span::{LineCol, LineIndex, TextRange, TokenSpan};
