//! `resuma-lsp`: the Resuma language server on stdio.
//!
//! `resuma-lsp [--stdio] [--debounce-ms N]`; `resuma lsp` runs the same server.

use std::process::ExitCode;
use std::time::Duration;

fn main() -> ExitCode {
    let mut config = resuma_lsp::Config::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            // Editors pass the transport; stdio is the only one.
            "--stdio" => {}
            "--debounce-ms" => match args.next().and_then(|it| it.parse().ok()) {
                Some(ms) => config.debounce = Duration::from_millis(ms),
                None => return usage("--debounce-ms takes a number of milliseconds"),
            },
            "--version" => {
                println!("resuma-lsp {}", env!("CARGO_PKG_VERSION"));
                return ExitCode::SUCCESS;
            }
            other => return usage(&format!("unknown argument `{other}`")),
        }
    }
    match resuma_lsp::run_stdio(config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: resuma-lsp: {err}");
            ExitCode::FAILURE
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("error: {problem}\nusage: resuma-lsp [--stdio] [--debounce-ms N]");
    ExitCode::from(2)
}
