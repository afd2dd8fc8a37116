//! What can follow `pages::` at a cursor: the next segment of a page's module path, or
//! `path` once the path names a page. For the language server's completion; the scan is
//! the link search's ([`lex`](super::lex)), so nothing is offered inside a string or a
//! comment, and any text (half-typed or not) is fine.

use super::lex::{self, Kind};
use super::{Route, RouteTable};
use crate::span::TextRange;

/// The completions of a page module path at a cursor.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ModuleCompletions<'a> {
    /// The partial segment before the cursor, which a completion replaces (empty right
    /// after `::`).
    pub replace: TextRange,
    /// What can come next, sorted.
    pub items: Vec<ModuleItem<'a>>,
}

/// One completion after `pages::…::`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum ModuleItem<'a> {
    /// A module segment; `page` is the route whose module it completes, when it does
    /// (`blog` is both the page `blog.rs` and the folder `blog/`).
    Segment {
        /// The segment: `blog`.
        name: String,
        /// The route of the module path it ends, if any.
        page: Option<&'a Route>,
    },
    /// `path`: the path names this page.
    PathFn(&'a Route),
}

/// The completions at byte `offset` of `text`, when the cursor ends a `pages::…::` path
/// (rooted at `pages`, `crate::pages` or `super::pages`).
///
/// ```
/// use resuma_analysis::routes::{module_completions, route_table, ModuleItem, PageFile};
/// let table = route_table(&[PageFile::new("blog/[slug].rs"), PageFile::new("about.rs")]);
/// let text = "let a = pages::bl";
/// let found = module_completions(text, text.len() as u32, &table).unwrap();
/// let names: Vec<String> = found
///     .items
///     .iter()
///     .filter_map(|it| match it {
///         ModuleItem::Segment { name, .. } => Some(name.clone()),
///         ModuleItem::PathFn(_) => None,
///     })
///     .collect();
/// assert_eq!(names, ["about", "blog"]);
/// assert_eq!((found.replace.start, found.replace.end), (15, 17));
/// ```
pub fn module_completions<'a>(
    text: &str,
    offset: u32,
    table: &'a RouteTable,
) -> Option<ModuleCompletions<'a>> {
    let before = text.get(..offset as usize)?;
    let tokens = lex::tokens(before);
    let slice =
        |at: usize| tokens.get(at).and_then(|it| before.get(it.start as usize..it.end as usize));
    let mut at = tokens.len().checked_sub(1)?;
    let replace = match tokens[at].kind {
        Kind::Ident if tokens[at].end == offset => {
            let range = TextRange::new(tokens[at].start, tokens[at].end);
            at = at.checked_sub(1)?;
            range
        }
        Kind::PathSep if tokens[at].end == offset => TextRange::new(offset, offset),
        _ => return None,
    };
    // Back over (`::` ident)* to `pages`.
    let mut segments: Vec<&str> = Vec::new();
    loop {
        if tokens[at].kind != Kind::PathSep {
            return None;
        }
        at = at.checked_sub(1)?;
        if tokens[at].kind != Kind::Ident {
            return None;
        }
        let name = slice(at)?;
        if name == "pages" {
            let rooted = at < 2
                || tokens[at - 1].kind != Kind::PathSep
                || matches!(slice(at - 2), Some("crate" | "super" | "self"));
            if !rooted {
                return None;
            }
            break;
        }
        segments.push(name);
        at = at.checked_sub(1)?;
    }
    segments.reverse();
    let prefix = segments.join("::");
    let mut items: Vec<ModuleItem<'a>> = Vec::new();
    for route in &table.routes {
        let module: Vec<&str> = route.page.module.split("::").collect();
        if module.len() > segments.len() && module[..segments.len()] == segments[..] {
            let name = module[segments.len()];
            let page = (module.len() == segments.len() + 1).then_some(route);
            let seen = items.iter_mut().find_map(|it| match it {
                ModuleItem::Segment { name: seen, page } if seen == name => Some(page),
                _ => None,
            });
            match seen {
                Some(seen_page) => *seen_page = seen_page.or(page),
                None => items.push(ModuleItem::Segment { name: name.to_owned(), page }),
            }
        } else if !segments.is_empty() && route.page.module == prefix {
            items.push(ModuleItem::PathFn(route));
        }
    }
    items.sort_by(|a, b| key(a).cmp(&key(b)));
    Some(ModuleCompletions { replace, items })
}

fn key<'a>(item: &'a ModuleItem<'_>) -> (bool, &'a str) {
    match item {
        ModuleItem::PathFn(_) => (false, "path"),
        ModuleItem::Segment { name, .. } => (true, name),
    }
}

#[cfg(test)]
mod tests {
    use super::{module_completions, ModuleItem};
    use crate::routes::{route_table, PageFile};

    #[track_caller]
    fn check(text: &str, expect: &str) {
        let table = route_table(&[
            PageFile::new("index.rs"),
            PageFile::new("blog.rs"),
            PageFile::new("blog/[slug].rs"),
            PageFile::new("blog/_layout.rs"),
            PageFile::new("docs/[...rest].rs"),
        ]);
        let cursor = text.find('|').expect("a cursor");
        let text = text.replace('|', "");
        let shown = match module_completions(&text, cursor as u32, &table) {
            None => "none".to_owned(),
            Some(found) => {
                let items: Vec<String> = found
                    .items
                    .iter()
                    .map(|it| match it {
                        ModuleItem::Segment { name, page: Some(route) } => {
                            format!("{name}={}", route.pattern)
                        }
                        ModuleItem::Segment { name, page: None } => format!("{name}/"),
                        ModuleItem::PathFn(route) => format!("path({})", route.params.len()),
                    })
                    .collect();
                format!("{}..{} {}", found.replace.start, found.replace.end, items.join(" "))
            }
        };
        assert_eq!(shown, expect);
    }

    #[test]
    fn segments_then_path() {
        check("pages::|", "7..7 blog=/blog docs/ index=/");
        check("x = crate::pages::bl|", "18..20 blog=/blog docs/ index=/");
        check("pages::blog::|", "13..13 path(0) slug=/blog/{slug}");
        check("pages::blog::slug::|", "19..19 path(1)");
        check("view! { <a href={pages::docs::|} }", "30..30 rest=/docs/{*rest}");
    }

    #[test]
    fn nothing_outside_a_pages_path() {
        check("\"pages::|", "none");
        check("// pages::|", "none");
        check("other::pages::|", "none");
        check("pages|", "none");
        check("pages::blog(|", "none");
        check("|", "none");
    }
}
