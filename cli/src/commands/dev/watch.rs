//! What `resuma dev` watches: `src/`, `Cargo.toml`, `build.rs` and the asset folders, with
//! bursts of events (an editor's save is several; a `git checkout` is many) gathered into
//! one batch.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::event::{EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};
use tokio::sync::mpsc;

/// Folders watched recursively when they exist, besides `src/`.
const ASSET_DIRS: &[&str] = &["assets", "static", "public"];
/// Files of the app's root that matter to its build.
const ROOT_FILES: &[&str] = &["Cargo.toml", "build.rs"];

/// The changes under an app, as batches of paths.
pub(crate) struct Changes {
    // Kept alive: dropping it stops the events.
    _watcher: RecommendedWatcher,
    events: mpsc::UnboundedReceiver<PathBuf>,
}

/// Starts watching the app in `dir`.
pub(crate) fn watch(dir: &Path) -> notify::Result<Changes> {
    let (sender, events) = mpsc::unbounded_channel();
    let root = dir.to_owned();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(event) = res else { return };
        if !changes_contents(&event.kind) {
            return;
        }
        for path in event.paths {
            if is_watched(&root, &path) {
                let _ = sender.send(path);
            }
        }
    })?;
    watcher.watch(&dir.join("src"), RecursiveMode::Recursive)?;
    // The root itself, not its files: editors save by renaming a new file over the old,
    // which would end a watch on the file.
    watcher.watch(dir, RecursiveMode::NonRecursive)?;
    for assets in ASSET_DIRS {
        let assets = dir.join(assets);
        if assets.is_dir() {
            watcher.watch(&assets, RecursiveMode::Recursive)?;
        }
    }
    Ok(Changes { _watcher: watcher, events })
}

impl Changes {
    /// The next batch: the paths that changed from the first event until `quiet` passes
    /// with none, sorted. `None` when the watcher stopped.
    pub(crate) async fn next_batch(&mut self, quiet: Duration) -> Option<Vec<PathBuf>> {
        loop {
            let mut batch = BTreeSet::new();
            batch.insert(self.events.recv().await?);
            while let Ok(Some(path)) = tokio::time::timeout(quiet, self.events.recv()).await {
                batch.insert(path);
            }
            // A path gone again is an editor's or sed's scratch file; a deleted source
            // still counts. A batch of only scratch files rebuilds nothing.
            let paths: Vec<PathBuf> = batch
                .into_iter()
                .filter(|path| {
                    path.exists()
                        || path.extension().is_some_and(|ext| ext == "rs" || ext == "toml")
                })
                .collect();
            if !paths.is_empty() {
                return Some(paths);
            }
        }
    }
}

/// Whether an event can change what the app builds: reads and metadata-only changes
/// cannot (and cargo's own reads would otherwise trigger a rebuild after every build).
fn changes_contents(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// Whether `path` is one that matters: under `src/` or an asset folder, or one of the
/// root's build files; never an editor's swap or backup file.
fn is_watched(root: &Path, path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|it| it.to_str()) else { return false };
    let scratch = name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913";
    if scratch {
        return false;
    }
    let Ok(relative) = path.strip_prefix(root) else { return false };
    let mut parts = relative.components();
    let first = parts.next().and_then(|it| it.as_os_str().to_str()).unwrap_or_default();
    let is_root_file = parts.next().is_none();
    if is_root_file {
        ROOT_FILES.contains(&first)
    } else {
        first == "src" || ASSET_DIRS.contains(&first)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::is_watched;

    #[test]
    fn sources_and_build_files_count_scratch_files_do_not() {
        let root = Path::new("/app");
        for path in ["/app/src/main.rs", "/app/src/a/b.rs", "/app/Cargo.toml", "/app/assets/x.css"]
        {
            assert!(is_watched(root, Path::new(path)), "{path}");
        }
        for path in [
            "/app/Cargo.lock",
            "/app/target/debug/app",
            "/app/src/.main.rs.swp",
            "/app/src/main.rs~",
            "/app/src/4913",
            "/app/todos.db",
            "/elsewhere/src/main.rs",
        ] {
            assert!(!is_watched(root, Path::new(path)), "{path}");
        }
    }
}
