//! Typed links checked against the route table: every `pages::…::path(…)` call in a
//! file's text (in a `view!` attribute or anywhere else) names a page module, and takes
//! one argument per route parameter. A call whose module is no page is R075, with the
//! closest page modules as suggestions; a call with the wrong number of arguments is
//! R076. The compiler says the same (an unresolved path, a wrong argument count), but
//! without knowing what the pages are.
//!
//! The search is a scan of tokens ([`lex`](super::lex)), not a parse: it works on
//! half-typed files, and it finds calls inside macro bodies (`view!`), which syn does
//! not look into. A `pages` path segment is the convention (`mod pages { resuma::pages!(); }`);
//! the caller checks only crates that have a `src/pages/` folder.

use super::lex::{self, Kind, Token};
use super::RouteTable;
use crate::diagnostics::{link_arguments, missing_page, Diagnostic};
use crate::span::TextRange;
use crate::view::edit_distance;

/// One `pages::…::path(…)` call in a text.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PageLink {
    /// The module path under `pages`: `"blog::slug"` (empty for `pages::path(…)`).
    pub module: String,
    /// Where that module path is written (the `path` ident when it is empty).
    pub module_range: TextRange,
    /// The argument list with its parentheses.
    pub args_range: TextRange,
    /// How many arguments it passes; `None` when the list is not closed (a half-typed
    /// call).
    pub n_args: Option<usize>,
}

/// Every typed link in `text`, in order.
///
/// ```
/// let links = resuma_analysis::routes::page_links("let a = crate::pages::blog::slug::path(\"x\");");
/// assert_eq!(links[0].module, "blog::slug");
/// assert_eq!(links[0].n_args, Some(1));
/// ```
pub fn page_links(text: &str) -> Vec<PageLink> {
    let tokens = lex::tokens(text);
    let slice = |token: &Token| text.get(token.start as usize..token.end as usize).unwrap_or("");
    let mut out = Vec::new();
    for (idx, token) in tokens.iter().enumerate() {
        let after_sep = idx > 0 && tokens[idx - 1].kind == Kind::PathSep;
        let is_pages = token.kind == Kind::Ident && slice(token) == "pages";
        // `foo::pages::…` is someone else's `pages` only if `foo` is not a path root.
        let rooted =
            !after_sep || idx >= 2 && matches!(slice(&tokens[idx - 2]), "crate" | "super" | "self");
        if !is_pages || !rooted {
            continue;
        }
        // `pages` (`::` ident)* `::` `path` `(`
        let mut segments: Vec<&Token> = Vec::new();
        let mut at = idx + 1;
        while tokens.get(at).is_some_and(|it| it.kind == Kind::PathSep)
            && tokens.get(at + 1).is_some_and(|it| it.kind == Kind::Ident)
        {
            segments.push(&tokens[at + 1]);
            at += 2;
        }
        let Some((last, modules)) = segments.split_last() else { continue };
        let opens = tokens.get(at).is_some_and(|it| it.kind == Kind::Open('('));
        if slice(last) != "path" || !opens {
            continue;
        }
        let module = modules.iter().map(|it| slice(it)).collect::<Vec<_>>().join("::");
        let module_range = match (modules.first(), modules.last()) {
            (Some(first), Some(end)) => TextRange::new(first.start, end.end),
            _ => TextRange::new(last.start, last.end),
        };
        let (n_args, close) = count_args(&tokens[at + 1..]);
        let end = close.map_or(text.len() as u32, |it| it.end);
        out.push(PageLink {
            module,
            module_range,
            args_range: TextRange::new(tokens[at].start, end),
            n_args,
        });
    }
    out
}

/// R075 and R076 for the links of `text`, against `table`.
///
/// ```
/// use resuma_analysis::routes::{check_links, route_table, PageFile};
/// let table = route_table(&[PageFile::new("blog/[slug].rs"), PageFile::new("about.rs")]);
/// let found = check_links("pages::blog::slgu::path(\"x\"); pages::about::path(1)", &table);
/// assert_eq!(found[0].code.as_str(), "R075");
/// assert_eq!(found[0].help.as_deref(), Some("did you mean `pages::blog::slug`?"));
/// assert_eq!(found[1].code.as_str(), "R076");
/// ```
pub fn check_links(text: &str, table: &RouteTable) -> Vec<Diagnostic<TextRange>> {
    let mut out = Vec::new();
    for link in page_links(text) {
        match table.routes.iter().find(|it| it.page.module == link.module) {
            Some(route) => {
                let params: Vec<&str> = route.params.iter().map(|it| it.name.as_str()).collect();
                if link.n_args.is_some_and(|it| it != params.len()) {
                    out.push(link_arguments(
                        link.args_range,
                        &link.module,
                        &params,
                        link.n_args.unwrap_or(0),
                    ));
                }
            }
            None => {
                let closest = closest_pages(&link.module, table);
                let closest: Vec<&str> = closest.iter().map(String::as_str).collect();
                let all: Vec<&str> =
                    table.routes.iter().map(|it| it.page.module.as_str()).collect();
                out.push(missing_page(link.module_range, &link.module, &closest, &all));
            }
        }
    }
    out
}

/// Up to three page modules closest to `module`: its `index` first (`blog::index` for
/// `blog`), then those within a third of its length in edit distance, closest first.
pub fn closest_pages(module: &str, table: &RouteTable) -> Vec<String> {
    let index = if module.is_empty() { "index".to_owned() } else { format!("{module}::index") };
    let mut ranked: Vec<(bool, usize, &str)> = table
        .routes
        .iter()
        .map(|it| it.page.module.as_str())
        .map(|it| (it != index, edit_distance(module, it), it))
        .filter(|&(not_index, distance, it)| {
            !not_index || distance <= (it.len().max(module.len()) / 3).max(1)
        })
        .collect();
    ranked.sort();
    ranked.into_iter().take(3).map(|(_, _, it)| it.to_owned()).collect()
}

/// The number of comma-separated arguments before the `)` that closes the list, and
/// that `)`; `(None, None)` when the list is never closed.
fn count_args(tokens: &[Token]) -> (Option<usize>, Option<&Token>) {
    let mut depth = 0usize;
    // `::<…>` generic arguments, whose commas do not separate arguments.
    let mut angle = 0usize;
    let mut n_commas = 0;
    let mut any = false;
    let mut trailing_comma = false;
    for (idx, token) in tokens.iter().enumerate() {
        match token.kind {
            Kind::Open(_) => depth += 1,
            Kind::Close(_) if depth == 0 => {
                let n = if !any { 0 } else { n_commas + usize::from(!trailing_comma) };
                return (Some(n), Some(token));
            }
            Kind::Close(_) => depth -= 1,
            Kind::Lt if idx > 0 && tokens[idx - 1].kind == Kind::PathSep => angle += 1,
            Kind::Gt if angle > 0 => angle -= 1,
            Kind::Comma if depth == 0 && angle == 0 => {
                n_commas += 1;
                trailing_comma = true;
                continue;
            }
            _ => {}
        }
        any = true;
        trailing_comma = false;
    }
    (None, None)
}

#[cfg(test)]
mod tests {
    use super::{check_links, page_links};
    use crate::routes::{route_table, PageFile};

    #[track_caller]
    fn check(text: &str, expect: &str) {
        let table = route_table(&[
            PageFile::new("index.rs"),
            PageFile::new("about.rs"),
            PageFile::new("blog/index.rs"),
            PageFile::new("blog/[slug].rs"),
            PageFile::new("docs/[...rest].rs"),
            PageFile::new("_404.rs"),
        ]);
        let shown: Vec<String> = check_links(text, &table)
            .into_iter()
            .map(|it| {
                let at = &text[it.span.start as usize..it.span.end as usize];
                format!("{} {at:?} {} / {}", it.code, it.message, it.help.unwrap_or_default())
            })
            .collect();
        assert_eq!(shown.join("\n"), expect);
    }

    #[test]
    fn pages_of_the_table_with_their_params_are_fine() {
        check(
            "view! { <a href={pages::blog::slug::path(\"a\")}>\"x\"</a> } \
             crate::pages::index::path(); pages::docs::rest::path(format!(\"{}/{}\", a, b)); \
             pages::about::path(); pages::blog::index::path(/* none */)",
            "",
        );
    }

    #[test]
    fn a_missing_page_suggests_the_closest() {
        check(
            "pages::blog::slgu::path(\"a\")",
            "R075 \"blog::slgu\" `pages::blog::slgu` is no page of src/pages/ / did you mean `pages::blog::slug`?",
        );
        check(
            "let x = pages::blog::path();",
            "R075 \"blog\" `pages::blog` is no page of src/pages/ / did you mean `pages::blog::index`?",
        );
        // A special file is a module but no page; nothing is close: the pages are listed.
        check(
            "pages::_404::path()",
            "R075 \"_404\" `pages::_404` is no page of src/pages/ / the pages are \
             `pages::index`, `pages::about`, `pages::blog::index` and 2 more; a page's module \
             path is its file's path under src/pages/: `blog/[slug].rs` is `pages::blog::slug`",
        );
    }

    #[test]
    fn a_wrong_number_of_arguments_is_reported_on_the_list() {
        check(
            "pages::blog::slug::path(a, f::<u8, u16>(b))",
            "R076 \"(a, f::<u8, u16>(b))\" `pages::blog::slug::path` takes 1 argument (`slug`), \
             found 2 / pass one value per route parameter, in URL order: `path(slug)`",
        );
        check(
            "pages::about::path(1,)",
            "R076 \"(1,)\" `pages::about::path` takes no arguments, found 1 / call it as `path()`",
        );
    }

    #[test]
    fn strings_comments_other_paths_and_half_typed_calls_are_not_links() {
        check(
            "\"pages::nope::path()\" // pages::nope::path()\n other::pages::nope::path() \
             pages::nope::Page pages::nope::path pages::blog::slug::path(\"a\"",
            "",
        );
        assert_eq!(page_links("pages::blog::slug::path(\"a\"")[0].n_args, None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, failure_persistence: None, ..Default::default() })]

        #[test]
        fn any_text_is_scanned_without_panicking(
            text in r#"(pages|::|blog|path|[(),<>"'#/*rbc\\]|\PC| ){0,40}"#,
            cursor in 0usize..200,
        ) {
            let table = route_table(&[PageFile::new("blog/[slug].rs"), PageFile::new("index.rs")]);
            let _ = check_links(&text, &table);
            let mut cursor = cursor.min(text.len());
            while !text.is_char_boundary(cursor) {
                cursor -= 1;
            }
            let _ = crate::routes::module_completions(&text, cursor as u32, &table);
            let _ = crate::routes::module_completions(&text, 10_000, &table);
        }
    }
}
