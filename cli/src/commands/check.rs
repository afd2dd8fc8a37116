//! `resuma check [PATH]`: every `.rs` file of a crate through `resuma_analysis::check`,
//! reported with miette (or as JSON), with a summary; non-zero exit on errors.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use resuma_analysis::{check, Severity};
use serde::Serialize;

use crate::report::{render, JsonDiagnostic};

/// Arguments of `resuma check`.
#[derive(Args)]
pub(crate) struct CheckArgs {
    /// A crate directory (its `src/` is checked), a directory, or one `.rs` file.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// How to print the diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Source snippets, labels and help, for a terminal.
    Human,
    /// One JSON document on stdout, for CI and tools.
    Json,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    unreadable: Vec<String>,
    diagnostics: Vec<JsonDiagnostic>,
}

/// Runs the check; exit code 0 when there is no error, 1 when there is, 2 when `path`
/// does not exist.
pub(crate) fn run(args: &CheckArgs) -> ExitCode {
    let Some(files) = rust_files(&args.path) else {
        eprintln!("error: {} does not exist", args.path.display());
        return ExitCode::from(2);
    };
    let mut summary = Summary {
        files: files.len(),
        errors: 0,
        warnings: 0,
        unreadable: Vec::new(),
        diagnostics: Vec::new(),
    };
    for file in &files {
        let shown = file.display().to_string();
        let text = match std::fs::read(file).map(String::from_utf8) {
            Ok(Ok(text)) => text,
            Ok(Err(_)) | Err(_) => {
                // A file we cannot read is reported, and the others are still checked.
                if matches!(args.format, Format::Human) {
                    eprintln!("error: cannot read {shown} as UTF-8 text");
                }
                summary.unreadable.push(shown);
                summary.errors += 1;
                continue;
            }
        };
        for diagnostic in check(&text) {
            match diagnostic.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
            }
            match args.format {
                Format::Human => print!("{}", render(&shown, &text, &diagnostic)),
                Format::Json => {
                    summary.diagnostics.push(JsonDiagnostic::new(&shown, &text, &diagnostic))
                }
            }
        }
    }
    match args.format {
        Format::Human => println!(
            "resuma check: {} error{}, {} warning{} in {} file{}",
            summary.errors,
            plural(summary.errors),
            summary.warnings,
            plural(summary.warnings),
            summary.files,
            plural(summary.files)
        ),
        Format::Json => match serde_json::to_string_pretty(&summary) {
            Ok(json) => println!("{json}"),
            Err(err) => eprintln!("error: {err}"),
        },
    }
    if summary.errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The `.rs` files to check, sorted; `None` when `path` does not exist. A crate directory
/// means its `src/`; build output, dependencies and hidden directories are skipped.
fn rust_files(path: &Path) -> Option<Vec<PathBuf>> {
    if path.is_file() {
        return Some(vec![path.to_owned()]);
    }
    if !path.is_dir() {
        return None;
    }
    let root = if path.join("Cargo.toml").is_file() && path.join("src").is_dir() {
        path.join("src")
    } else {
        path.to_owned()
    };
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            entry.depth() == 0
                || !(name.starts_with('.') || name == "target" || name == "node_modules")
        })
        .filter_map(Result::ok)
        .filter(|entry| {
            entry.file_type().is_file() && entry.path().extension().is_some_and(|it| it == "rs")
        })
        .map(|entry| entry.into_path())
        .collect();
    files.sort();
    Some(files)
}
