//! The Flow pages of the crate a file belongs to: the nearest ancestor folder with a
//! `Cargo.toml`, and its `src/pages/`. The IO half of what `resuma check` and the
//! language server report about pages; the route table and every diagnostic come from
//! `resuma_analysis::routes`.

use std::path::{Path, PathBuf};

use resuma_analysis::routes::{page_diagnostics, page_files_in, route_table, RouteTable};
use resuma_analysis::{Diagnostic, TextRange};

/// A Flow crate's pages, as listed now.
#[derive(Clone, Debug)]
pub struct CratePages {
    /// The crate's folder (where its `Cargo.toml` is).
    pub crate_dir: PathBuf,
    /// Its `src/pages/`.
    pub dir: PathBuf,
    /// The route table of the files there.
    pub table: RouteTable,
}

/// The pages of the crate `path` (a file or a folder) belongs to; `None` when that crate
/// has no `src/pages/` folder (not a Flow crate) or the folder cannot be listed.
pub fn crate_pages(path: &Path) -> Option<CratePages> {
    let manifest = crate::settings::find_manifest(path)?;
    let crate_dir = manifest.parent()?.to_owned();
    let dir = crate_dir.join("src").join("pages");
    if !dir.is_dir() {
        return None;
    }
    let files = match page_files_in(&dir) {
        Ok(files) => files,
        Err(err) => {
            tracing::warn!("cannot list {}: {err}", dir.display());
            return None;
        }
    };
    Some(CratePages { crate_dir, table: route_table(&files), dir })
}

impl CratePages {
    /// `path` relative to `src/pages/`, `/`-separated, when it is a file there.
    pub fn page_file(&self, path: &Path) -> Option<String> {
        let relative = path.strip_prefix(&self.dir).ok()?;
        let parts: Option<Vec<&str>> =
            relative.components().map(|it| it.as_os_str().to_str()).collect();
        let parts = parts.filter(|it| !it.is_empty())?;
        Some(parts.join("/"))
    }

    /// What Flow reports on the file at `path` with `text`: its links, and the route
    /// table's diagnostics about it when it is a page file.
    pub fn diagnostics(&self, path: &Path, text: &str) -> Vec<Diagnostic<TextRange>> {
        page_diagnostics(text, self.page_file(path).as_deref(), &self.table)
    }
}

#[cfg(test)]
mod tests {
    use super::crate_pages;

    #[test]
    fn a_file_belongs_to_the_crate_above_it() {
        let root = std::env::temp_dir().join(format!("resuma-lsp-pages-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("app/src/pages/blog")).unwrap();
        std::fs::write(root.join("app/Cargo.toml"), "[package]\nname = \"app\"\n").unwrap();
        std::fs::write(root.join("app/src/pages/blog/[slug].rs"), "").unwrap();
        std::fs::write(root.join("app/src/main.rs"), "").unwrap();
        let pages = crate_pages(&root.join("app/src/main.rs")).expect("a Flow crate");
        assert_eq!(pages.table.routes[0].pattern, "/blog/{slug}");
        let page = root.join("app/src/pages/blog/[slug].rs");
        assert_eq!(pages.page_file(&page).as_deref(), Some("blog/[slug].rs"));
        assert_eq!(pages.page_file(&root.join("app/src/main.rs")), None);
        let found = pages.diagnostics(&page, "fn f() { crate::pages::blog::path(); }");
        // The page has no component (R082, at its start) and links to a folder (R075).
        let codes: Vec<&str> = found.iter().map(|it| it.code.as_str()).collect();
        assert_eq!(codes, ["R082", "R075"]);
        std::fs::remove_dir_all(root.join("app/src/pages")).unwrap();
        assert!(crate_pages(&root.join("app/src/main.rs")).is_none());
        std::fs::remove_dir_all(&root).unwrap();
    }
}
