//! `resuma build --static`: the app's pages as files any static host serves.
//!
//! Each page the build found (the app's list, which has a Flow app's dynamic routes for
//! the params their `#[static_params]` fn gives, and the pages links reach) is fetched with
//! `x-resuma-export`, so the app renders it for every visitor (no session, no CSRF token),
//! and written as `DIR/PATH/index.html` (`DIR/index.html` for `/`); the app's 404 page as
//! `DIR/404.html`; every runtime file and handler chunk the app serves (`/_resuma/files`)
//! at its URL under `DIR`. Pages with handlers still resume: their chunks and the core are
//! files like the rest.
//!
//! A page that needs a server is reported: one the app marks (`x-resuma-dynamic`: a form
//! to submit, a middleware, a load reading the request), or whose chunks call a server
//! function. It is a warning, and `--strict` turns it into a refusal: then nothing is
//! written. Invariant: everything is fetched and checked before the first file is written,
//! and no path from the app can write outside `DIR`.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use miette::{miette, IntoDiagnostic as _, WrapErr as _};

use super::http;
use super::measure::read_page;

/// The header asking the app for a page as a file (framework `page.rs`).
const EXPORT_HEADER: (&str, &str) = ("x-resuma-export", "1");
/// The header of an exported page saying what it needs a server for.
const DYNAMIC_HEADER: &str = "x-resuma-dynamic";
/// A path no app serves, for its 404 page.
pub(crate) const MISSING: &str = "/__resuma_export_404__";

/// What an export wrote, for the summary.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Exported {
    pub(crate) pages: usize,
    pub(crate) files: usize,
    /// `route: why it needs a server`, one per page.
    pub(crate) warnings: Vec<String>,
}

/// Exports `routes` (the pages that answered 200) of the app at `addr` into `out`.
pub(crate) async fn export(
    addr: SocketAddr,
    routes: &[String],
    out: &Path,
    strict: bool,
) -> miette::Result<Exported> {
    let mut files: BTreeMap<PathBuf, Vec<u8>> = BTreeMap::new();
    let mut warnings = Vec::new();
    let mut chunks: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for url in listed_files(addr).await? {
        let file = fetch(addr, &url).await?;
        chunks.insert(url, file);
    }
    for route in routes {
        let page = http::get_with(addr, route, &[EXPORT_HEADER])
            .await
            .map_err(|err| miette!("cannot fetch {route} from the app: {err}"))?;
        if page.status != 200 {
            warnings.push(format!("{route}: the app answers {}, not exported", page.status));
            continue;
        }
        let mut reasons: Vec<String> = page
            .header(DYNAMIC_HEADER)
            .map(|it| it.split(',').map(|it| it.trim().to_owned()).collect())
            .unwrap_or_default();
        let html = String::from_utf8_lossy(&page.body);
        let scripts = read_page(&html);
        for url in scripts.core.iter().chain(&scripts.chunks) {
            if !chunks.contains_key(url) {
                // Named by the page, not listed (an app built on an older Resuma).
                let file = fetch(addr, url).await?;
                chunks.insert(url.clone(), file);
            }
        }
        let calls_server = scripts.chunks.iter().any(|url| {
            let source = String::from_utf8_lossy(&chunks[url]);
            source.contains("__resuma.action(") || source.contains("__resuma.result(")
        });
        if calls_server {
            reasons.push("server function".to_owned());
        }
        if !reasons.is_empty() {
            warnings.push(format!("{route}: needs a server ({})", reasons.join(", ")));
        }
        files.insert(page_file(route)?, page.body.to_vec());
    }
    let missing = http::get_with(addr, MISSING, &[EXPORT_HEADER])
        .await
        .map_err(|err| miette!("cannot fetch the app's 404 page: {err}"))?;
    if missing.status == 404 && missing.content_type.starts_with("text/html") {
        files.insert(PathBuf::from("404.html"), missing.body.to_vec());
    }
    if strict && !warnings.is_empty() {
        return Err(miette!(
            help = "export only pages that work from files, or drop --strict to export them \
                    anyway (their forms and server calls will fail on a static host)",
            "--strict: {} page(s) need a server, nothing was written:\n  {}",
            warnings.len(),
            warnings.join("\n  ")
        ));
    }
    let pages = files.len();
    for (url, body) in chunks {
        files.insert(relative_file(&url)?, body);
    }
    let count = files.len();
    for (file, body) in files {
        let path = out.join(&file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .into_diagnostic()
                .wrap_err_with(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, body)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot write {}", path.display()))?;
    }
    Ok(Exported { pages, files: count - pages, warnings })
}

/// `/_resuma/files`: every runtime file and chunk the app serves.
async fn listed_files(addr: SocketAddr) -> miette::Result<Vec<String>> {
    let answer = http::get(addr, "/_resuma/files")
        .await
        .map_err(|err| miette!("cannot ask the app for its files: {err}"))?;
    if answer.status != 200 {
        return Ok(Vec::new());
    }
    serde_json::from_slice(&answer.body)
        .into_diagnostic()
        .wrap_err("the app's /_resuma/files is not a JSON list of URLs")
}

async fn fetch(addr: SocketAddr, url: &str) -> miette::Result<Vec<u8>> {
    let file = http::get(addr, url)
        .await
        .map_err(|err| miette!("cannot fetch {url} from the app: {err}"))?;
    if file.status != 200 {
        return Err(miette!("the app answers {} for {url}", file.status));
    }
    Ok(file.body.to_vec())
}

/// The file of the page at `route`: `index.html` in the folder of its decoded path, as a
/// static host looks it up (`/blog/caf%C3%A9` is `blog/café/index.html`).
fn page_file(route: &str) -> miette::Result<PathBuf> {
    Ok(relative_file(route)?.join("index.html"))
}

/// `url`'s path, percent-decoded, as a path under the export folder: each segment a
/// plain name (no `..`, no separators or NUL), or an error naming the URL.
fn relative_file(url: &str) -> miette::Result<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let mut file = PathBuf::new();
    for segment in path.split('/').filter(|it| !it.is_empty()) {
        let decoded = percent_decode(segment)
            .filter(|it| !matches!(it.as_str(), "." | ".."))
            .filter(|it| !it.contains(['/', '\\', '\0']))
            .ok_or_else(|| miette!("{url} cannot be a file path: a segment is not a plain name"))?;
        file.push(decoded);
    }
    Ok(file)
}

/// `%XX` decoded, as UTF-8; `None` when it is not.
fn percent_decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut idx = 0;
    while idx < bytes.len() {
        if bytes[idx] == b'%' {
            let hex = segment.get(idx + 1..idx + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            idx += 3;
        } else {
            out.push(bytes[idx]);
            idx += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::{page_file, relative_file};

    #[test]
    fn pages_become_index_files_of_their_decoded_paths() {
        assert_eq!(page_file("/").unwrap(), PathBuf::from("index.html"));
        assert_eq!(page_file("/about").unwrap(), PathBuf::from("about/index.html"));
        assert_eq!(
            page_file("/blog/caf%C3%A9%20%3Cb%3E").unwrap(),
            PathBuf::from("blog/café <b>/index.html")
        );
        assert_eq!(
            relative_file("/_resuma/handler/Counter.1a2b.js").unwrap(),
            PathBuf::from("_resuma/handler/Counter.1a2b.js")
        );
    }

    #[test]
    fn no_url_writes_outside_the_folder() {
        for url in ["/../etc/passwd", "/a/%2E%2E/b", "/a%2Fb", "/%00", "/a/./b", "/%ZZ", "/%C3"] {
            assert!(relative_file(url).is_err(), "{url}");
        }
    }
}
