//! `resuma lsp`: the Resuma language server on stdio, the same one `resuma-lsp` runs.

use std::process::ExitCode;
use std::time::Duration;

use clap::Args;

/// Arguments of `resuma lsp`.
#[derive(Args)]
pub(crate) struct LspArgs {
    /// Talk over stdin/stdout (the only transport; editors pass this flag).
    #[arg(long)]
    stdio: bool,
    /// Analyse each document at most once per this many milliseconds while typing.
    #[arg(long, default_value_t = resuma_lsp::Config::DEFAULT_DEBOUNCE.as_millis() as u64)]
    debounce_ms: u64,
}

/// Serves until the editor says `exit`.
pub(crate) fn run(args: &LspArgs) -> ExitCode {
    let _ = args.stdio;
    let config = resuma_lsp::Config { debounce: Duration::from_millis(args.debounce_ms) };
    match resuma_lsp::run_stdio(config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: the language server stopped: {err}");
            ExitCode::FAILURE
        }
    }
}
