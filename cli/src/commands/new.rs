//! `resuma new <PATH> [--template basic|todo|flow]`: a ready crate from an embedded template.
//!
//! Invariant: nothing is written unless the name is a valid crate name and the target
//! directory is new or empty; the crate has its own `[workspace]`, so it builds wherever
//! it is put.

mod name;
mod templates;

use std::path::{Path, PathBuf};

use clap::Args;
use miette::Diagnostic;
use thiserror::Error;

use templates::{has_placeholders, output_path, Template};

/// Arguments of `resuma new`.
#[derive(Args)]
pub(crate) struct NewArgs {
    /// Where to create the app. Its last component is the crate's name (`my-app`,
    /// `apps/my-app`); the directory must be new or empty.
    path: PathBuf,
    /// What the app starts as.
    #[arg(long, value_enum, default_value_t = Template::Basic)]
    template: Template,
    /// Depend on the Resuma checkout at PATH (its root, or its `framework/` folder) instead
    /// of a published version. Without this flag, a CLI built from a checkout uses that
    /// checkout, so the app builds offline.
    #[arg(long, value_name = "PATH", conflicts_with = "from_registry")]
    resuma_path: Option<PathBuf>,
    /// Depend on the published version of Resuma even when this CLI was built from a
    /// checkout.
    #[arg(long)]
    from_registry: bool,
}

/// Why `resuma new` wrote nothing.
#[derive(Debug, Error, Diagnostic)]
enum NewError {
    #[error("`{path}` has no name to give the crate")]
    #[diagnostic(
        code(resuma::new::no_name),
        help("give a directory name, e.g. `resuma new my-app`")
    )]
    NoName { path: String },
    #[error("invalid crate name: {reason}")]
    #[diagnostic(
        code(resuma::new::invalid_name),
        help("the name is the last component of the path; try e.g. `my-app` or `todo_app`")
    )]
    InvalidName { reason: String },
    #[error("`{path}` already exists and is not an empty directory")]
    #[diagnostic(
        code(resuma::new::not_empty),
        help("resuma new never overwrites files: choose a new directory, or empty this one")
    )]
    NotEmpty { path: String },
    #[error("`{path}` is not a Resuma checkout (no framework/Cargo.toml there)")]
    #[diagnostic(
        code(resuma::new::not_a_checkout),
        help("--resuma-path takes the root of a Resuma checkout or its framework/ folder")
    )]
    NotACheckout { path: String },
    #[error("cannot write `{path}`")]
    #[diagnostic(code(resuma::new::io))]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// How the new crate depends on Resuma.
enum ResumaSource {
    /// `version = "VERSION"`, from the registry: this CLI's own version, so the app gets
    /// the framework the command came with.
    Version(&'static str),
    /// `path = "…/framework"`, with the checkout's root (for its Cargo.lock).
    Checkout { root: PathBuf },
}

impl ResumaSource {
    /// Where the dependency on the checkout's crate in `folder` comes from (`framework` is
    /// `resuma`, `build` is `resuma-build`), as the first key of its inline table in
    /// `Cargo.toml`; the templates add the features.
    fn location(&self, folder: &str) -> String {
        match self {
            ResumaSource::Version(version) => format!("version = {}", toml_string(version)),
            ResumaSource::Checkout { root } => {
                format!("path = {}", toml_string(&root.join(folder).to_string_lossy()))
            }
        }
    }
}

/// Creates the app; exit code 0 on success, 1 with a report otherwise.
pub(crate) fn run(args: &NewArgs) -> std::process::ExitCode {
    super::finish(create(args).map_err(miette::Report::new))
}

fn create(args: &NewArgs) -> Result<(), NewError> {
    let shown = args.path.display().to_string();
    let name = args
        .path
        .file_name()
        .and_then(|it| it.to_str())
        .ok_or_else(|| NewError::NoName { path: shown.clone() })?;
    if let Some(reason) = name::invalid_reason(name) {
        return Err(NewError::InvalidName { reason });
    }
    let source = resuma_source(args)?;
    prepare_directory(&args.path)?;
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| NewError::Io { path, source }
    };
    let (resuma_source, build_source) = (source.location("framework"), source.location("build"));
    for (stored, text) in args.template.files() {
        let target = args.path.join(output_path(stored));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        let text = if has_placeholders(stored) {
            text.replace("{{name}}", name)
                .replace("{{resuma_source}}", &resuma_source)
                .replace("{{resuma_build_source}}", &build_source)
        } else {
            (*text).to_owned()
        };
        std::fs::write(&target, text).map_err(io(&target))?;
    }
    if let ResumaSource::Checkout { root } = &source {
        // The checkout's lock file pins every shared dependency to the versions the
        // checkout is built and tested with: the app needs nothing new from the registry
        // but its own extra crates, and a shared target directory reuses their builds.
        let lock = root.join("Cargo.lock");
        if lock.is_file() {
            let target = args.path.join("Cargo.lock");
            std::fs::copy(&lock, &target).map_err(io(&target))?;
        }
    }
    let from = match &source {
        ResumaSource::Version(version) => format!("resuma {version} from crates.io"),
        ResumaSource::Checkout { root } => format!("resuma at {}", root.display()),
    };
    crate::out::outln!(
        "Created `{name}` from the {} template in {shown} ({from}).",
        args.template.name()
    );
    crate::out::outln!("\nNext:\n  cd {shown}\n  resuma dev      # or: cargo run");
    Ok(())
}

/// Where the app gets Resuma from: `--resuma-path`, else the checkout this CLI was built
/// from (when it still exists), else the published version.
fn resuma_source(args: &NewArgs) -> Result<ResumaSource, NewError> {
    const VERSION: &str = env!("CARGO_PKG_VERSION");
    if let Some(path) = &args.resuma_path {
        let not_a_checkout = || NewError::NotACheckout { path: path.display().to_string() };
        let path = std::fs::canonicalize(path).map_err(|_| not_a_checkout())?;
        let root = if is_checkout(&path) {
            path
        } else {
            // The framework folder itself: its parent is the checkout.
            path.parent()
                .filter(|parent| is_checkout(parent))
                .ok_or_else(not_a_checkout)?
                .to_owned()
        };
        return Ok(ResumaSource::Checkout { root });
    }
    if !args.from_registry {
        let built_from = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        if is_checkout(&built_from) {
            if let Ok(root) = std::fs::canonicalize(&built_from) {
                return Ok(ResumaSource::Checkout { root });
            }
        }
    }
    Ok(ResumaSource::Version(VERSION))
}

fn is_checkout(root: &Path) -> bool {
    root.join("framework").join("Cargo.toml").is_file()
}

/// Makes sure `path` is an empty directory, creating it (and its parents) when missing.
fn prepare_directory(path: &Path) -> Result<(), NewError> {
    let shown = || path.display().to_string();
    match std::fs::read_dir(path) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(NewError::NotEmpty { path: shown() });
            }
            Ok(())
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(path).map_err(|source| NewError::Io { path: shown(), source })
        }
        // A file, or something we cannot list: either way we must not write there.
        Err(_) if path.exists() => Err(NewError::NotEmpty { path: shown() }),
        Err(source) => Err(NewError::Io { path: shown(), source }),
    }
}

/// `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::toml_string;

    #[test]
    fn paths_are_valid_toml_strings() {
        assert_eq!(toml_string(r#"C:\dir "x""#), r#""C:\\dir \"x\"""#);
        assert_eq!(toml_string("a\tb"), r#""a\u0009b""#);
    }
}
