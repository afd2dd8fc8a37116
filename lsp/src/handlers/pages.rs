//! Completions of Flow pages: the routes of the crate inside an `href="…"` of a view, and
//! the page modules after `pages::` anywhere in Rust code (rust-analyzer knows them only
//! once the build script has generated them, and not at all for a page just added).

use resuma_analysis::routes::{module_completions, ModuleItem, Route, RouteTable, Segment};
use resuma_analysis::TextRange;
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, InsertTextFormat, TextEdit,
};

use crate::convert::PositionIndex;

/// The routes for an `href` whose text starts at byte `start`, the cursor at `offset`:
/// each replaces what is typed so far. A static route is inserted as written; one with
/// parameters as a snippet with a placeholder per parameter (`/blog/${1:slug}`).
pub(crate) fn href_items(
    text: &str,
    start: u32,
    offset: u32,
    table: &RouteTable,
) -> Vec<CompletionItem> {
    let range = PositionIndex::new(text).range(TextRange::new(start.min(offset), offset));
    table
        .routes
        .iter()
        .map(|route| {
            let is_static = route.params.is_empty();
            let new_text = if is_static { route.pattern.clone() } else { snippet(route) };
            CompletionItem {
                label: route.pattern.clone(),
                kind: Some(CompletionItemKind::FILE),
                detail: Some(format!("src/pages/{}", route.page.file)),
                filter_text: Some(route.pattern.clone()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text })),
                insert_text_format: Some(if is_static {
                    InsertTextFormat::PLAIN_TEXT
                } else {
                    InsertTextFormat::SNIPPET
                }),
                ..CompletionItem::default()
            }
        })
        .collect()
}

/// The page module segments (or `path(…)`) after `pages::…::` at `offset`; `None` when
/// the cursor is not there.
pub(crate) fn module_items(
    text: &str,
    offset: u32,
    table: &RouteTable,
) -> Option<Vec<CompletionItem>> {
    let found = module_completions(text, offset, table)?;
    let range = PositionIndex::new(text).range(found.replace);
    let items = found
        .items
        .iter()
        .map(|item| {
            let (label, new_text, detail, kind, format) = match item {
                ModuleItem::Segment { name, page } => (
                    name.clone(),
                    name.clone(),
                    match page {
                        Some(route) => format!("{} (src/pages/{})", route.pattern, route.page.file),
                        None => "a folder of src/pages/".to_owned(),
                    },
                    CompletionItemKind::MODULE,
                    InsertTextFormat::PLAIN_TEXT,
                ),
                ModuleItem::PathFn(route) => {
                    let args: Vec<String> = route
                        .params
                        .iter()
                        .enumerate()
                        .map(|(idx, it)| format!("${{{}:{}}}", idx + 1, it.name))
                        .collect();
                    (
                        "path".to_owned(),
                        format!("path({})", args.join(", ")),
                        format!("the URL of {}", route.pattern),
                        CompletionItemKind::FUNCTION,
                        InsertTextFormat::SNIPPET,
                    )
                }
            };
            CompletionItem {
                label,
                kind: Some(kind),
                detail: Some(detail),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text })),
                insert_text_format: Some(format),
                ..CompletionItem::default()
            }
        })
        .collect();
    Some(items)
}

/// The route as a snippet: `/blog/${1:slug}`, `/docs/${1:rest}`.
fn snippet(route: &Route) -> String {
    let mut out = String::new();
    let mut n_params = 0;
    for segment in &route.segments {
        out.push('/');
        match segment {
            Segment::Static(name) => out.push_str(&escape_snippet(name)),
            Segment::Param(param) => {
                n_params += 1;
                out.push_str(&format!("${{{n_params}:{}}}", param.name));
            }
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// A literal part of a snippet: `$`, `}` and `\` are escaped.
fn escape_snippet(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let escape = matches!(c, '$' | '}' | '\\');
            escape.then_some('\\').into_iter().chain(std::iter::once(c))
        })
        .collect()
}
