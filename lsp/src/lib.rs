//! `resuma-lsp`: the Resuma language server.
//!
//! It speaks only about Resuma constructs and lives next to rust-analyzer: the
//! diagnostics of `view!`, handlers and payload budgets (the same values `resuma check`
//! and the macros report, from `resuma_analysis`), hover on handlers and components,
//! completion inside `view!`, and fixes for the diagnostics that have a mechanical one.
//! `resuma lsp` and the `resuma-lsp` binary both call [`run_stdio`].
//!
//! **Invariant:** nothing a client sends stops it: analysis runs on its own thread
//! behind `catch_unwind`, requests are guarded the same way, and every position is
//! clamped to the text.

use std::time::Duration;

mod convert;
mod documents;
mod handlers;
pub mod pages;
mod schedule;
mod server;
pub mod settings;
mod worker;

/// How the server runs.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// At most one analysis per document per window: an edit after a quiet period is
    /// analysed at once, a burst of edits once at the end of the window.
    pub debounce: Duration,
}

impl Config {
    /// The default window: long enough to fold a burst of keystrokes into one analysis,
    /// short enough not to be seen.
    pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(75);
}

impl Default for Config {
    fn default() -> Config {
        Config { debounce: Config::DEFAULT_DEBOUNCE }
    }
}

/// Serves the protocol on stdin/stdout until the client says `exit`; logs go to stderr
/// (level from `RESUMA_LSP_LOG`, default `warn`).
pub fn run_stdio(config: Config) -> std::io::Result<()> {
    let filter = tracing_subscriber::EnvFilter::try_from_env("RESUMA_LSP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    // A second call (a test running the server twice) keeps the first subscriber.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(server::serve(tokio::io::stdin(), tokio::io::stdout(), config))
}
