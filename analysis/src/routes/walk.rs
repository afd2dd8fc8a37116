//! The one IO of `resuma-analysis`: listing the page files of a `src/pages/` folder.

use std::path::Path;

use super::PageFile;

/// Every `.rs` file under `dir`, as [`PageFile`]s relative to it, sorted by path.
///
/// Hidden files and folders (a name starting with `.`) and files not ending in `.rs`
/// are skipped. Symbolic links to folders are never followed (no cycles, no page seen
/// twice); a link to a file is listed only when its target lies inside `dir`. A name
/// that is not valid UTF-8 is listed lossily (with `U+FFFD`), so that [`route_table`]
/// reports it as R071 instead of the walk failing or dropping it. An `Err` is an IO
/// error: `dir` missing or unreadable, a folder in it unreadable.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("resuma-doc-pages-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("blog")).unwrap();
/// std::fs::write(dir.join("index.rs"), "").unwrap();
/// std::fs::write(dir.join("blog/[slug].rs"), "").unwrap();
/// std::fs::write(dir.join("notes.txt"), "").unwrap();
/// let files = resuma_analysis::routes::page_files_in(&dir).unwrap();
/// let paths: Vec<&str> = files.iter().map(|it| it.path.as_str()).collect();
/// assert_eq!(paths, ["blog/[slug].rs", "index.rs"]);
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
///
/// [`route_table`]: super::route_table
pub fn page_files_in(dir: &Path) -> std::io::Result<Vec<PageFile>> {
    let root = dir.canonicalize()?;
    let mut files = Vec::new();
    // An explicit stack of (folder, its path relative to `dir`): no recursion.
    let mut stack = vec![(root.clone(), String::new())];
    while let Some((folder, prefix)) = stack.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let path = format!("{prefix}{name}");
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push((entry.path(), format!("{path}/")));
            } else if name.ends_with(".rs")
                && (kind.is_file() || links_inside(&entry.path(), &root))
            {
                files.push(PageFile { path });
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Whether the symbolic link `path` leads to a file inside `root` (canonical).
fn links_inside(path: &Path, root: &Path) -> bool {
    path.canonicalize().is_ok_and(|target| target.starts_with(root) && target.is_file())
}
