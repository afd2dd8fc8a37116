//! `resuma`: the command-line front of Resuma, as a library.
//!
//! The `resuma` binary is the framework crate's (`framework/src/bin/resuma.rs`, feature
//! `cli`), so `cargo install resuma` installs it; it and this crate's own `resuma-cli`
//! binary (what `cli/tests/` run) only call [`main`]. Each subcommand is a module in
//! `commands/`; this file only parses the arguments.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod commands;
mod out;
mod report;

/// Resuma: instantly-interactive web apps in Rust.
#[derive(Parser)]
#[command(name = "resuma", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check every `view!` and handler in a crate, as the compiler would, and more.
    Check(commands::check::CheckArgs),
    /// Create a new app from a template: `resuma new my-app --template todo`.
    New(commands::new::NewArgs),
    /// Run the Resuma language server on stdio (what the VS Code extension starts).
    Lsp(commands::lsp::LspArgs),
    /// Serve an app, rebuilt and reloaded in the browser on every save, errors in an overlay.
    Dev(commands::dev::DevArgs),
    /// Build for release, then list each page with the JavaScript it ships (gzip).
    Build(commands::build::BuildArgs),
}

/// Runs the `resuma` command with the process's arguments and returns its exit code.
///
/// ```no_run
/// fn main() -> std::process::ExitCode {
///     resuma_cli::main()
/// }
/// ```
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => commands::check::run(&args),
        Command::New(args) => commands::new::run(&args),
        Command::Lsp(args) => commands::lsp::run(&args),
        Command::Dev(args) => commands::dev::run(&args),
        Command::Build(args) => commands::build::run(&args),
    }
}
