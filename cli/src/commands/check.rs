//! `resuma check [PATH]`: every `.rs` file of a crate through `resuma_analysis::analyze`
//! with the budgets of the crate's `Cargo.toml`, reported with miette (or as JSON), with a
//! summary of errors, warnings and each component's payload; non-zero exit on errors.
//! [`check_crate`] is the check itself, which `resuma dev` runs before every build. In a
//! Flow crate (one with `src/pages/`) it adds what `resuma_analysis::routes` reports on
//! each file (the route table's diagnostics on the page files, typed links everywhere),
//! and lists the routes with the JavaScript each page ships (`check/routes.rs`).

mod routes;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use resuma_analysis::payload::ComponentPayload;
use resuma_analysis::{analyze, FileAnalysis, LineIndex, Settings, Severity};
use resuma_lsp::pages::{crate_pages, CratePages};
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
    /// Files that do not parse as Rust: their views were checked, not their handlers.
    unparsed: Vec<String>,
    budget: BudgetJson,
    components: Vec<ComponentJson>,
    /// The routes of the checked crate's `src/pages/`; empty outside a Flow crate.
    routes: Vec<routes::RouteJson>,
    diagnostics: Vec<JsonDiagnostic>,
}

#[derive(Serialize)]
struct BudgetJson {
    chunk_gz_bytes: u32,
    state_bytes: u32,
}

/// What one component ships, as the summary lists it.
#[derive(Serialize)]
struct ComponentJson {
    file: String,
    name: String,
    line: u32,
    handlers: usize,
    /// `Component.HASH`, the chunk's name in the page; `null` when it has no handler.
    chunk: Option<String>,
    chunk_bytes: u32,
    chunk_gz_bytes: u32,
    state_bytes: u32,
    state_exact: bool,
}

impl ComponentJson {
    fn new(file: &str, index: &LineIndex, payload: &ComponentPayload) -> ComponentJson {
        ComponentJson {
            file: file.to_owned(),
            name: payload.name.clone(),
            line: index.line_col(payload.name_range.start).line + 1,
            handlers: payload.handlers.len(),
            chunk: payload.chunk_name.clone(),
            chunk_bytes: payload.chunk_bytes,
            chunk_gz_bytes: payload.chunk_gz_bytes,
            state_bytes: payload.state_bytes,
            state_exact: payload.state_exact,
        }
    }
}

/// One crate checked as `resuma check` and `resuma dev` check it: every `.rs` file that
/// [`rust_files`] lists, analysed with the budgets of the crate's `Cargo.toml`.
pub(crate) struct CrateCheck {
    pub(crate) settings: Settings,
    /// In path order.
    pub(crate) files: Vec<CheckedFile>,
    /// The pages of the crate the checked path is in, when it is a Flow crate.
    pub(crate) pages: Option<CratePages>,
}

/// One file of a [`CrateCheck`].
pub(crate) struct CheckedFile {
    pub(crate) path: PathBuf,
    /// The text and its analysis; `None` when the file cannot be read as UTF-8 text,
    /// which is an error of the check (the other files are still checked).
    pub(crate) analysed: Option<(String, FileAnalysis)>,
}

/// Why a crate could not be checked at all.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CrateCheckError {
    #[error("{} does not exist", .0.display())]
    Missing(PathBuf),
    #[error(transparent)]
    Manifest(#[from] resuma_lsp::settings::ManifestError),
}

/// The message of a file that [`check_crate`] could not read.
pub(crate) fn unreadable_message(shown: &str) -> String {
    format!("cannot read {shown} as UTF-8 text")
}

/// Checks `path`: a crate directory (its `src/`), a directory, or one `.rs` file.
pub(crate) fn check_crate(path: &Path) -> Result<CrateCheck, CrateCheckError> {
    let files = rust_files(path).ok_or_else(|| CrateCheckError::Missing(path.to_owned()))?;
    let settings = resuma_lsp::settings::load_settings(path, Settings::default())?;
    // Each file's crate's pages, listed once per crate (a folder may hold several).
    let mut pages_by_crate: HashMap<Option<PathBuf>, Option<CratePages>> = HashMap::new();
    let files = files
        .into_iter()
        .map(|path| {
            let analysed = match std::fs::read(&path).map(String::from_utf8) {
                Ok(Ok(text)) => {
                    let mut analysis = analyze(&text, &settings);
                    let manifest = resuma_lsp::settings::find_manifest(&path);
                    let pages =
                        pages_by_crate.entry(manifest).or_insert_with(|| crate_pages(&path));
                    if let Some(pages) = pages {
                        analysis.diagnostics.extend(pages.diagnostics(&path, &text));
                        analysis.diagnostics.sort_by_key(|it| (it.span.start, it.span.end));
                    }
                    Some((text, analysis))
                }
                Ok(Err(_)) | Err(_) => None,
            };
            CheckedFile { path, analysed }
        })
        .collect();
    Ok(CrateCheck { settings, files, pages: crate_pages(path) })
}

/// Runs the check; exit code 0 when there is no error, 1 when there is, 2 when `path`
/// does not exist or its `Cargo.toml` has invalid Resuma settings.
pub(crate) fn run(args: &CheckArgs) -> ExitCode {
    let checked = match check_crate(&args.path) {
        Ok(checked) => checked,
        Err(CrateCheckError::Missing(path)) => {
            eprintln!("error: {} does not exist", path.display());
            return ExitCode::from(2);
        }
        Err(CrateCheckError::Manifest(err)) => {
            eprintln!("{:?}", miette::Report::from_err(err));
            return ExitCode::from(2);
        }
    };
    let settings = &checked.settings;
    let mut summary = Summary {
        files: checked.files.len(),
        errors: 0,
        warnings: 0,
        unreadable: Vec::new(),
        unparsed: Vec::new(),
        budget: BudgetJson {
            chunk_gz_bytes: settings.budget.chunk_gz_bytes,
            state_bytes: settings.budget.state_bytes,
        },
        components: Vec::new(),
        routes: Vec::new(),
        diagnostics: Vec::new(),
    };
    for file in &checked.files {
        let shown = file.path.display().to_string();
        let Some((text, analysis)) = &file.analysed else {
            // A file we cannot read is reported, and the others are still checked.
            if matches!(args.format, Format::Human) {
                eprintln!("error: {}", unreadable_message(&shown));
            }
            summary.unreadable.push(shown);
            summary.errors += 1;
            continue;
        };
        if !analysis.rust_parses {
            summary.unparsed.push(shown.clone());
        }
        let index = LineIndex::new(text);
        summary
            .components
            .extend(analysis.components.iter().map(|it| ComponentJson::new(&shown, &index, it)));
        for diagnostic in &analysis.diagnostics {
            match diagnostic.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
            }
            match args.format {
                Format::Human => crate::out::out!("{}", render(&shown, text, diagnostic)),
                Format::Json => {
                    summary.diagnostics.push(JsonDiagnostic::new(&shown, text, diagnostic))
                }
            }
        }
    }
    if let Some(pages) = &checked.pages {
        summary.routes = routes::list(pages, &checked.files);
    }
    match args.format {
        Format::Human => print_summary(&summary),
        Format::Json => match serde_json::to_string_pretty(&summary) {
            Ok(json) => crate::out::outln!("{json}"),
            Err(err) => eprintln!("error: {err}"),
        },
    }
    if summary.errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The human summary: files that were only partly checked, each component's payload
/// against the budget, then the counts.
fn print_summary(summary: &Summary) {
    for file in &summary.unparsed {
        crate::out::outln!(
            "note: {file} does not parse as Rust: its views were checked, not its handlers"
        );
    }
    if !summary.components.is_empty() {
        crate::out::outln!(
            "payload (budget per component: chunk {} B gzip, state {} B):",
            summary.budget.chunk_gz_bytes,
            summary.budget.state_bytes
        );
        let width = summary.components.iter().map(|it| it.name.len()).max().unwrap_or(0);
        for component in &summary.components {
            let over = component.chunk_gz_bytes > summary.budget.chunk_gz_bytes
                || component.state_bytes > summary.budget.state_bytes;
            crate::out::outln!(
                "  {:width$}  {:>2} handler{:1}  chunk {:>5} B gzip ({:>5} B)  state {}{:>5} B  {}:{}{}",
                component.name,
                component.handlers,
                plural(component.handlers),
                component.chunk_gz_bytes,
                component.chunk_bytes,
                if component.state_exact { " " } else { "≈" },
                component.state_bytes,
                component.file,
                component.line,
                if over { "  over budget" } else { "" },
            );
        }
    }
    if !summary.routes.is_empty() {
        crate::out::out!("{}", routes::table(&summary.routes));
    }
    crate::out::outln!(
        "resuma check: {} error{}, {} warning{} in {} file{}, {} component{}",
        summary.errors,
        plural(summary.errors),
        summary.warnings,
        plural(summary.warnings),
        summary.files,
        plural(summary.files),
        summary.components.len(),
        plural(summary.components.len()),
    );
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
