//! Which route of a table a concrete URL path takes, in the table's precedence order: for
//! tools that know a URL and want its page file (`resuma build` naming what it measured).
//! The framework's router does its own matching at request time; this follows the same
//! rules (static segments before parameters before a catch-all; a parameter is one
//! non-empty segment, a catch-all one or more).

use super::{ParamKind, Route, RouteTable, Segment};

/// The route `path` (`/blog/hello`, a query or fragment ignored) takes, if any.
///
/// ```
/// use resuma_analysis::routes::{route_of, route_table, PageFile};
/// let table = route_table(&[PageFile::new("blog/[slug].rs"), PageFile::new("blog/new.rs")]);
/// assert_eq!(route_of(&table, "/blog/new").unwrap().page.file, "blog/new.rs");
/// assert_eq!(route_of(&table, "/blog/hello?x=1").unwrap().page.file, "blog/[slug].rs");
/// assert!(route_of(&table, "/blog").is_none());
/// ```
pub fn route_of<'a>(table: &'a RouteTable, path: &str) -> Option<&'a Route> {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let rest = path.strip_prefix('/')?;
    let parts: Vec<&str> = if rest.is_empty() { Vec::new() } else { rest.split('/').collect() };
    table.routes.iter().find(|route| matches(route, &parts))
}

fn matches(route: &Route, parts: &[&str]) -> bool {
    let mut at = 0;
    for segment in &route.segments {
        match segment {
            Segment::Static(name) => {
                if parts.get(at) != Some(&name.as_str()) {
                    return false;
                }
                at += 1;
            }
            Segment::Param(param) if param.kind == ParamKind::Segment => {
                if parts.get(at).is_none_or(|it| it.is_empty()) {
                    return false;
                }
                at += 1;
            }
            Segment::Param(_) => {
                return at < parts.len() && parts[at..].iter().all(|it| !it.is_empty());
            }
        }
    }
    at == parts.len()
}
