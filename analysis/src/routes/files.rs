//! The route table's diagnostics as each page file sees them, for the surfaces that show
//! diagnostics per file (`resuma check`, the language server).
//!
//! The table's diagnostics span paths (`about.rs`, `[...rest]/`); a file gets every one
//! that names it (as the span or as a label: both files of R070 and R073) or a folder it
//! lies in (R071 and R072 on folders), spanning the start of the file (`0..0`), with no
//! labels (they are about other files, and the message names them).

use super::page_file::{read_page_file, Role};
use super::RouteTable;
use crate::diagnostics::Diagnostic;
use crate::span::TextRange;

/// The diagnostics of `table` about the page file `file` (relative to `src/pages/`).
///
/// ```
/// use resuma_analysis::routes::{file_diagnostics, route_table, PageFile};
/// let table = route_table(&[PageFile::new("about.rs"), PageFile::new("about/index.rs")]);
/// for file in ["about.rs", "about/index.rs"] {
///     let found = file_diagnostics(&table, file);
///     assert_eq!(found[0].code.as_str(), "R070");
///     assert_eq!((found[0].span.start, found[0].span.end), (0, 0));
/// }
/// assert!(file_diagnostics(&table, "index.rs").is_empty());
/// ```
pub fn file_diagnostics(table: &RouteTable, file: &str) -> Vec<Diagnostic<TextRange>> {
    let about = |path: &str| path == file || path.ends_with('/') && file.starts_with(path);
    table
        .diagnostics
        .iter()
        .filter(|it| about(&it.span) || it.labels.iter().any(|label| about(&label.span)))
        .map(|it| {
            let mut it = it.clone();
            it.labels.clear();
            it.map_span(|_| TextRange::new(0, 0))
        })
        .collect()
}

/// Everything Flow reports on one file of a crate with `src/pages/`: the links of `text`
/// against `table` (R075, R076) and, when the file is the page file `page_file`
/// (relative to `src/pages/`), the table's diagnostics about it and whether its items fit
/// its role (R082, as the build script reads it; not while the file does not parse,
/// which the compiler reports). What `resuma check` and
/// the language server add to [`analyze`](crate::analyze) for a Flow crate.
///
/// ```
/// use resuma_analysis::routes::{page_diagnostics, route_table, PageFile};
/// let table = route_table(&[PageFile::new("index.rs"), PageFile::new("[a-b].rs")]);
/// let found = page_diagnostics("fn f() { pages::nope::path(); }", Some("[a-b].rs"), &table);
/// let codes: Vec<&str> = found.iter().map(|it| it.code.as_str()).collect();
/// assert_eq!(codes, ["R071", "R075"]);
/// ```
pub fn page_diagnostics(
    text: &str,
    page_file: Option<&str>,
    table: &RouteTable,
) -> Vec<Diagnostic<TextRange>> {
    let mut out = Vec::new();
    if let Some(file) = page_file {
        out.extend(file_diagnostics(table, file));
        out.extend(role_diagnostics(text, file, table));
    }
    out.extend(super::check_links(text, table));
    out.sort_by_key(|it| (it.span.start, it.span.end));
    out
}

/// R082 for the page file `file` of `table`, at the start of the file; nothing for a file
/// the table gives no role (a name it rejects) or a text that does not parse.
fn role_diagnostics(text: &str, file: &str, table: &RouteTable) -> Vec<Diagnostic<TextRange>> {
    let Some((role, params)) = role_of(table, file) else { return Vec::new() };
    if syn::parse_file(text).is_err() {
        return Vec::new();
    }
    match read_page_file(file, text, role, &params) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.into_iter().map(|it| it.map_span(|_| TextRange::new(0, 0))).collect(),
    }
}

/// The role of `file` in `table`, with its route's parameters for a page.
fn role_of<'a>(table: &'a RouteTable, file: &str) -> Option<(Role, Vec<&'a str>)> {
    if let Some(route) = table.routes.iter().find(|it| it.page.file == file) {
        return Some((Role::Page, route.params.iter().map(|it| it.name.as_str()).collect()));
    }
    let all = table.routes.iter().chain(&table.not_found);
    if table.not_found.iter().any(|it| it.page.file == file) {
        return Some((Role::NotFound, Vec::new()));
    }
    for route in all {
        if route.layouts.iter().any(|it| it.file == file) {
            return Some((Role::Layout, Vec::new()));
        }
        if route.error.as_ref().is_some_and(|it| it.file == file) {
            return Some((Role::Error, Vec::new()));
        }
        if route.middlewares.iter().any(|it| it.file == file) {
            return Some((Role::Middleware, Vec::new()));
        }
    }
    None
}
