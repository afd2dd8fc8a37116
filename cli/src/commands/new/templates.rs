//! The templates `resuma new` writes, embedded in the binary from `cli/templates/`.
//!
//! The files there are real files (the `.rs` ones are checked by this crate's tests and
//! built by `cli/tests/new.rs`); two are renamed on the way out so that they do not act on
//! this repository: `gitignore` becomes `.gitignore` and `Cargo.toml.tmpl` `Cargo.toml`.

use clap::ValueEnum;

/// A template's files: path in the new crate (before renaming) and contents.
type Files = &'static [(&'static str, &'static str)];

macro_rules! files {
    ($template:literal: $($path:literal),+ $(,)?) => {
        &[$(($path, include_str!(concat!("../../../templates/", $template, "/", $path)))),+]
    };
}

const BASIC: Files = files!("basic":
    "Cargo.toml.tmpl",
    "README.md",
    "gitignore",
    "src/main.rs",
    "src/components/mod.rs",
    "src/components/counter.rs",
    "src/components/home.rs",
);

const TODO: Files = files!("todo":
    "Cargo.toml.tmpl",
    "README.md",
    "gitignore",
    "src/main.rs",
    "src/store.rs",
    "src/todos.rs",
    "src/components/mod.rs",
    "src/components/todo_list.rs",
);

/// The shape of `examples/flow` (minus its demo-only pages), copied rather than included
/// from `examples/`: the templates must live inside this crate for `cargo package`.
/// `cli/tests/new.rs` fails when a copied file differs from the example's.
const FLOW: Files = files!("flow":
    "Cargo.toml.tmpl",
    "README.md",
    "gitignore",
    "build.rs",
    "src/counter.rs",
    "src/db.rs",
    "src/main.rs",
    "src/uploads.rs",
    "src/pages/_404.rs",
    "src/pages/_error.rs",
    "src/pages/_layout.rs",
    "src/pages/about.rs",
    "src/pages/admin/_middleware.rs",
    "src/pages/admin/index.rs",
    "src/pages/blog/[slug].rs",
    "src/pages/blog/_layout.rs",
    "src/pages/blog/index.rs",
    "src/pages/blog/new.rs",
    "src/pages/index.rs",
    "src/pages/login.rs",
);

/// What `resuma new --template` can start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Template {
    /// A page with a counter that resumes in the browser and a static section.
    Basic,
    /// A todo list kept in SQLite by #[server] functions (add, toggle, remove, filter).
    Todo,
    /// A Flow blog: pages from src/pages/, loads from SQLite, layouts, an admin guard.
    Flow,
}

impl Template {
    /// The template's files, as stored.
    pub(crate) fn files(self) -> Files {
        match self {
            Template::Basic => BASIC,
            Template::Todo => TODO,
            Template::Flow => FLOW,
        }
    }

    /// The template's name, as given to `--template`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Template::Basic => "basic",
            Template::Todo => "todo",
            Template::Flow => "flow",
        }
    }
}

/// Where a stored file goes in the new crate.
pub(crate) fn output_path(stored: &str) -> &str {
    match stored {
        "gitignore" => ".gitignore",
        "Cargo.toml.tmpl" => "Cargo.toml",
        other => other,
    }
}

/// Whether the file has `{{…}}` placeholders to fill (the `.rs` files have none, so that
/// they stay plain Rust that can be checked and built as they are).
pub(crate) fn has_placeholders(stored: &str) -> bool {
    stored.ends_with(".tmpl") || stored.ends_with(".md")
}

#[cfg(test)]
mod tests {
    use super::{has_placeholders, Template};

    /// Every `view!` and handler of the templates passes `resuma check`.
    #[test]
    fn template_sources_pass_the_analysis() {
        for template in [Template::Basic, Template::Todo] {
            for (path, text) in template.files() {
                if path.ends_with(".rs") {
                    let diagnostics = resuma_analysis::check(text);
                    assert!(diagnostics.is_empty(), "{}/{path}: {diagnostics:#?}", template.name());
                    assert!(!text.contains("{{"), "{path} has a placeholder");
                }
            }
        }
    }

    /// Every file under `cli/templates/` is embedded, so none is forgotten when one is added.
    #[test]
    fn every_template_file_is_embedded() {
        for template in [Template::Basic, Template::Todo] {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("templates")
                .join(template.name());
            let mut on_disk: Vec<String> = walkdir::WalkDir::new(&root)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|entry| entry.file_type().is_file())
                .map(|entry| {
                    let relative = entry.path().strip_prefix(&root).unwrap_or(entry.path());
                    relative.to_string_lossy().replace('\\', "/")
                })
                .collect();
            on_disk.sort();
            let mut embedded: Vec<String> =
                template.files().iter().map(|(path, _)| (*path).to_owned()).collect();
            embedded.sort();
            assert_eq!(on_disk, embedded, "{}", template.name());
            assert!(template.files().iter().any(|(path, _)| has_placeholders(path)));
        }
    }
}
