//! `cargo build` of an app, read through cargo's JSON messages: the binary it produced, or
//! the errors to show. `resuma build` uses it too, for the release build.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use tokio::io::{AsyncBufReadExt as _, BufReader};
use tokio::process::Command;

use super::errors::OverlayError;

/// How many of cargo's own stderr lines an overlay keeps when there is no diagnostic to
/// show (a manifest or resolution error, a linker failure).
const STDERR_TAIL_LINES: usize = 30;

/// A build's result and the compiler's report (its warnings and errors, as the terminal
/// shows them), to print once the progress line is done.
pub(crate) struct Build {
    pub(crate) outcome: BuildOutcome,
    pub(crate) report: String,
}

/// What a build gave.
pub(crate) enum BuildOutcome {
    /// The app's binary.
    Built { executable: PathBuf },
    /// Why there is none.
    Failed { errors: Vec<OverlayError> },
}

/// Builds the app in `dir` (`release` for `--release`). `bin` chooses among several
/// binaries.
pub(crate) async fn build(dir: &Path, release: bool, bin: Option<&str>) -> std::io::Result<Build> {
    let mut report = String::new();
    let outcome = run_cargo(dir, release, bin, &mut report).await?;
    Ok(Build { outcome, report })
}

async fn run_cargo(
    dir: &Path,
    release: bool,
    bin: Option<&str>,
    report: &mut String,
) -> std::io::Result<BuildOutcome> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.arg("build").arg("--message-format=json").current_dir(dir);
    if release {
        command.arg("--release");
    }
    if let Some(bin) = bin {
        command.args(["--bin", bin]);
    }
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()?;
    let (Some(stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
        return Err(std::io::Error::other("cargo's output is not piped"));
    };
    // Cargo's own messages ("Compiling …", manifest errors) are kept for when no
    // diagnostic explains a failure.
    let stderr_tail = tokio::spawn(async move {
        let mut lines = BufReader::new(stderr).lines();
        let mut tail = Vec::new();
        while let Ok(Some(line)) = lines.next_line().await {
            if line.trim_start().starts_with("Compiling")
                || line.trim_start().starts_with("Finished")
                || line.trim_start().starts_with("Blocking waiting")
            {
                continue;
            }
            tail.push(line);
            if tail.len() > STDERR_TAIL_LINES {
                tail.remove(0);
            }
        }
        tail
    });
    let mut executables = Vec::new();
    let mut errors = Vec::new();
    let mut lines = BufReader::new(stdout).lines();
    while let Some(line) = lines.next_line().await? {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        match message["reason"].as_str() {
            Some("compiler-message") => {
                let diagnostic = &message["message"];
                if let Some(rendered) = diagnostic["rendered"].as_str() {
                    report.push_str(rendered);
                }
                errors.extend(OverlayError::from_rustc(diagnostic, dir));
            }
            Some("compiler-artifact") => {
                let is_bin = message["target"]["kind"]
                    .as_array()
                    .is_some_and(|kinds| kinds.iter().any(|kind| kind == "bin"));
                if let (true, Some(path)) = (is_bin, message["executable"].as_str()) {
                    let name = message["target"]["name"].as_str().unwrap_or_default();
                    executables.push((name.to_owned(), PathBuf::from(path)));
                }
            }
            _ => {}
        }
    }
    let status = child.wait().await?;
    let tail = stderr_tail.await.unwrap_or_default();
    if !status.success() {
        if errors.is_empty() {
            let tail = tail.join("\n");
            report.push_str(&tail);
            errors.push(OverlayError::general("cargo build", tail));
        }
        return Ok(BuildOutcome::Failed { errors });
    }
    match executables.len() {
        1 => Ok(BuildOutcome::Built { executable: executables.remove(0).1 }),
        0 => Ok(BuildOutcome::Failed {
            errors: vec![OverlayError::general(
                "cargo build",
                "the package has no binary to run (add src/main.rs)".to_owned(),
            )],
        }),
        _ => {
            let names: Vec<_> = executables.iter().map(|(name, _)| name.as_str()).collect();
            Ok(BuildOutcome::Failed {
                errors: vec![OverlayError::general(
                    "cargo build",
                    format!(
                        "the package has several binaries ({}): choose one with --bin",
                        names.join(", ")
                    ),
                )],
            })
        }
    }
}
