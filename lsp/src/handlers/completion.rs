//! Completion inside `view!`: HTML tags after `<`, attributes and event attributes inside
//! a tag, and in a Flow crate the routes of `src/pages/` inside an `href="…"`. Outside a
//! view (or inside a `{…}` block or another string) it offers nothing of HTML:
//! rust-analyzer covers Rust, but for the page modules after `pages::`, which it cannot
//! know before the build script has run (see `pages.rs` here).

use resuma_analysis::routes::RouteTable;
use resuma_analysis::scan::find_views;
use resuma_analysis::view::KNOWN_EVENTS;
use tower_lsp_server::ls_types::{CompletionItem, CompletionItemKind, InsertTextFormat};

use super::pages;

/// Elements a view commonly writes.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "article",
    "aside",
    "audio",
    "b",
    "blockquote",
    "br",
    "button",
    "canvas",
    "caption",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "main",
    "mark",
    "menu",
    "meter",
    "nav",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "picture",
    "pre",
    "progress",
    "q",
    "s",
    "samp",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// Attributes: the global ones and the common element-specific ones.
const ATTRIBUTES: &[&str] = &[
    "accept",
    "action",
    "alt",
    "aria-label",
    "aria-hidden",
    "aria-describedby",
    "autocomplete",
    "autofocus",
    "checked",
    "class",
    "cols",
    "colspan",
    "contenteditable",
    "disabled",
    "download",
    "draggable",
    "enctype",
    "for",
    "form",
    "height",
    "hidden",
    "href",
    "id",
    "inputmode",
    "lang",
    "loading",
    "max",
    "maxlength",
    "method",
    "min",
    "minlength",
    "multiple",
    "name",
    "pattern",
    "placeholder",
    "readonly",
    "rel",
    "required",
    "role",
    "rows",
    "rowspan",
    "selected",
    "size",
    "span",
    "src",
    "srcset",
    "step",
    "style",
    "tabindex",
    "target",
    "title",
    "type",
    "value",
    "width",
];

/// Where in a view the cursor is.
#[derive(Debug, PartialEq, Eq)]
enum Context {
    /// After `<` or `</`: a tag name is being written.
    TagName,
    /// Inside an open tag, after its name: an attribute is being written.
    Attribute,
    /// Inside the string value of an `href` attribute, whose text starts at this byte of
    /// the body.
    Href(usize),
}

/// The completions at byte `offset` of `text`; `table` is the route table of its crate
/// when it is a Flow crate.
pub(crate) fn completions(
    text: &str,
    offset: u32,
    table: Option<&RouteTable>,
) -> Vec<CompletionItem> {
    if let Some(items) = table.and_then(|it| pages::module_items(text, offset, it)) {
        return items;
    }
    let Some(site) = find_views(text)
        .into_iter()
        .filter(|it| it.body.start <= offset && offset <= it.body.end)
        .min_by_key(|it| it.body.len_bytes())
    else {
        return Vec::new();
    };
    let body = text.get(site.body.start as usize..offset as usize).unwrap_or("");
    match context(body) {
        Some(Context::TagName) => TAGS
            .iter()
            .map(|tag| CompletionItem {
                label: (*tag).to_owned(),
                kind: Some(CompletionItemKind::PROPERTY),
                detail: Some("HTML element".to_owned()),
                ..CompletionItem::default()
            })
            .collect(),
        Some(Context::Attribute) => attributes(),
        Some(Context::Href(start)) => match table {
            Some(table) => pages::href_items(text, site.body.start + start as u32, offset, table),
            None => Vec::new(),
        },
        None => Vec::new(),
    }
}

fn attributes() -> Vec<CompletionItem> {
    let plain = ATTRIBUTES.iter().map(|name| CompletionItem {
        label: (*name).to_owned(),
        kind: Some(CompletionItemKind::FIELD),
        detail: Some("attribute".to_owned()),
        ..CompletionItem::default()
    });
    let events = KNOWN_EVENTS.iter().map(|(dom, camel)| CompletionItem {
        label: format!("on{camel}"),
        kind: Some(CompletionItemKind::EVENT),
        detail: Some(format!("`{dom}` handler, runs in the browser")),
        insert_text: Some(format!("on{camel}={{move |event| $0}}")),
        insert_text_format: Some(InsertTextFormat::SNIPPET),
        // Typing `on:click` finds it too.
        filter_text: Some(format!("on{camel} on:{dom}")),
        ..CompletionItem::default()
    });
    plain.chain(events).collect()
}

/// The context at the end of `body` (a view's text up to the cursor): a small scan
/// that skips `{…}` blocks and string literals, as the view grammar does.
fn context(body: &str) -> Option<Context> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut state: Option<Context> = None;
    let mut name_len = 0usize;
    // Where the open string's text starts, when it is an `href` value.
    let mut href_at: Option<usize> = None;
    for (at, c) in body.char_indices() {
        if in_string {
            match (escaped, c) {
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => escaped = false,
            }
            continue;
        }
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '"' => {
                in_string = true;
                let before = body[..at].trim_end();
                let is_href = state == Some(Context::Attribute)
                    && before.strip_suffix('=').is_some_and(|it| {
                        let it = it.trim_end();
                        it.ends_with("href")
                            && !it[..it.len() - 4]
                                .ends_with(|c: char| c.is_alphanumeric() || c == '-')
                    });
                href_at = is_href.then_some(at + 1);
            }
            '<' => {
                state = Some(Context::TagName);
                name_len = 0;
            }
            '>' => state = None,
            '/' if state == Some(Context::TagName) && name_len == 0 => {}
            c if c.is_whitespace() && state == Some(Context::TagName) && name_len > 0 => {
                state = Some(Context::Attribute);
            }
            _ if state == Some(Context::TagName) => name_len += 1,
            _ => {}
        }
    }
    if depth > 0 {
        return None;
    }
    if in_string {
        return href_at.map(Context::Href);
    }
    state
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_follow_the_view_grammar() {
        assert_eq!(context("<"), Some(Context::TagName));
        assert_eq!(context("<di"), Some(Context::TagName));
        assert_eq!(context("<p>\"x\"</"), Some(Context::TagName));
        assert_eq!(context("<button "), Some(Context::Attribute));
        assert_eq!(context("<button class=\"a > b\" on"), Some(Context::Attribute));
        assert_eq!(context("<button onClick={move |_| a > b} "), Some(Context::Attribute));
        assert_eq!(context("<p>"), None);
        assert_eq!(context("<p>{ x <"), None);
        assert_eq!(context("<p>\"<"), None);
        assert_eq!(context("<a href=\"/b"), Some(Context::Href(9)));
        assert_eq!(context("<a class=\"x\" href = \""), Some(Context::Href(21)));
        assert_eq!(context("<a hreflang=\""), None);
        assert_eq!(context("<a data-href=\""), None);
        assert_eq!(context("<a title=\""), None);
        assert_eq!(context("<a href={\""), None);
    }
}
