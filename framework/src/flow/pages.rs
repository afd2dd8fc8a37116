//! [`Pages`]: the page table `resuma::pages!()` builds, and how a URL path finds its
//! route or its 404 page.
//!
//! Invariant: the table is in Flow's precedence order (static segments before params
//! before a catch-all) as `resuma_build` wrote it; matching here is only for what axum's
//! router cannot take (catch-alls, 404 folders), in that same order.

use std::fmt;

use std::sync::Arc;

use super::load::LoadCx;
use super::params::Params;
use super::route::{Route, StaticParams};
use crate::action::StateMap;
use crate::app::ListPages;

/// The routes of `src/pages/`, as `resuma::pages!()` builds them (see the Flow guide).
///
/// ```
/// use resuma::flow::{Outcome, Pages, Route};
/// use resuma::View;
///
/// let home = Route::new(|_cx| {
///     Box::pin(async { Outcome::new().page(Ok(|| View::new(|h| h.push_static("<h1>Home</h1>")))) })
/// });
/// let item = Route::new(|cx| {
///     Box::pin(async move {
///         let id: u64 = match cx.param("id") {
///             Ok(id) => id,
///             Err(err) => return Outcome::failed(err), // `/items/x` is a 404
///         };
///         Outcome::new().page(Ok(move || View::new(move |h| h.push_text(&id.to_string()))))
///     })
/// });
/// let pages = Pages::new().route("/", "index.rs", home).route("/items/{id}", "items/[id].rs", item);
/// let router: axum::Router = resuma::flow::FlowApp::new(pages).router();
/// ```
#[derive(Default)]
pub struct Pages {
    pub(crate) routes: Vec<PageEntry>,
    pub(crate) not_found: Vec<PageEntry>,
}

/// One route or 404 page of the table.
pub(crate) struct PageEntry {
    pub(crate) pattern: &'static str,
    pub(crate) file: &'static str,
    pub(crate) segments: Vec<Segment>,
    pub(crate) route: Route,
}

/// A segment of a pattern.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Segment {
    Static(&'static str),
    Param(&'static str),
    CatchAll(&'static str),
}

impl Pages {
    /// A table with no routes.
    ///
    /// ```
    /// let pages = resuma::flow::Pages::new();
    /// ```
    pub fn new() -> Pages {
        Pages::default()
    }

    /// Adds the route of `file` (its path under `src/pages/`) at `pattern` (axum 0.8
    /// syntax: `/blog/{slug}`, `/docs/{*rest}`), after the ones before it in precedence.
    ///
    /// ```
    /// use resuma::flow::{Outcome, Pages, Route};
    /// let empty = Route::new(|_| Box::pin(async { Outcome::new().page(Ok(resuma::View::empty)) }));
    /// let pages = Pages::new().route("/", "index.rs", empty);
    /// ```
    pub fn route(mut self, pattern: &'static str, file: &'static str, route: Route) -> Pages {
        self.routes.push(PageEntry { pattern, file, segments: segments_of(pattern), route });
        self
    }

    /// Adds the 404 page of the folder whose pattern is `pattern` (`/blog`, `/` for the
    /// root): it answers the paths under it that no route takes, the deepest folder first.
    ///
    /// ```
    /// use resuma::flow::{Outcome, Pages, Route};
    /// use resuma::View;
    /// let gone = Route::new(|_| {
    ///     Box::pin(async { Outcome::new().page(Ok(|| View::new(|h| h.push_static("gone")))) })
    /// });
    /// let pages = Pages::new().not_found("/", "_404.rs", gone);
    /// ```
    pub fn not_found(mut self, pattern: &'static str, file: &'static str, route: Route) -> Pages {
        self.not_found.push(PageEntry { pattern, file, segments: segments_of(pattern), route });
        self
    }

    /// The paths the table exports, as `resuma build` asks for them: each route without
    /// parameters, and each dynamic route for every set of params its `#[static_params]`
    /// fn lists (run with `state` and no request). A failing fn is logged and exports
    /// nothing.
    pub(crate) fn exports(&self, state: Arc<StateMap>) -> ListPages {
        let routes: Arc<[Exported]> = self
            .routes
            .iter()
            .map(|it| (it.segments.clone(), it.file, it.route.static_params))
            .collect();
        Arc::new(move || {
            let (routes, state) = (Arc::clone(&routes), Arc::clone(&state));
            Box::pin(async move {
                let mut paths = Vec::new();
                for (segments, file, static_params) in routes.iter() {
                    if segments.iter().all(|s| matches!(s, Segment::Static(_))) {
                        paths.push(fill(segments, &Params::default()));
                        continue;
                    }
                    let Some(list) = static_params else { continue };
                    let parts = axum::http::Request::new(()).into_parts().0;
                    let cx = LoadCx::new(Params::default(), parts, Arc::clone(&state), 0, None);
                    match list(cx).await {
                        Ok(all) => paths.extend(all.iter().map(|params| fill(segments, params))),
                        Err(err) => {
                            tracing::error!(page = file, error = %err, "a #[static_params] fn failed");
                        }
                    }
                }
                paths
            })
        })
    }
}

impl fmt::Debug for Pages {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |entries: &[PageEntry]| -> Vec<(&str, &str)> {
            entries.iter().map(|it| (it.pattern, it.file)).collect()
        };
        f.debug_struct("Pages")
            .field("routes", &list(&self.routes))
            .field("not_found", &list(&self.not_found))
            .finish()
    }
}

/// A route as its export needs it: segments, file, `#[static_params]` fn.
type Exported = (Vec<Segment>, &'static str, Option<StaticParams>);

/// The path of `segments` with `params` put in (a missing one is empty: no route).
fn fill(segments: &[Segment], params: &Params) -> String {
    let mut path = String::new();
    for segment in segments {
        match segment {
            Segment::Static(name) => {
                path.push('/');
                path.push_str(name);
            }
            Segment::Param(name) => push_segment(&mut path, params.get(name).unwrap_or("")),
            Segment::CatchAll(name) => push_catch_all(&mut path, params.get(name).unwrap_or("")),
        }
    }
    if path.is_empty() {
        path.push('/');
    }
    path
}

/// Appends `/` and `value` as one path segment, for a page's generated `path()`: UTF-8,
/// percent-encoded but for the unreserved characters (`A-Z a-z 0-9 - . _ ~`), so a `/`
/// in it is `%2F` (the rule of `resuma_analysis::routes::link_path`). An empty value,
/// `.` or `..` cannot be one segment: the link it makes matches no route (a 404).
///
/// ```
/// let mut out = String::new();
/// resuma::flow::push_segment(&mut out, "hello world/2");
/// assert_eq!(out, "/hello%20world%2F2");
/// ```
pub fn push_segment(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('/');
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
}

/// Appends a catch-all's value: its `/`s kept, each piece between them as
/// [`push_segment`] encodes it.
///
/// ```
/// let mut out = String::new();
/// resuma::flow::push_catch_all(&mut out, "guide/a b");
/// assert_eq!(out, "/guide/a%20b");
/// ```
pub fn push_catch_all(out: &mut String, value: &str) {
    for piece in value.split('/') {
        push_segment(out, piece);
    }
}

/// The segments of an axum pattern: `/blog/{slug}` is `blog`, `{slug}`.
fn segments_of(pattern: &'static str) -> Vec<Segment> {
    split(pattern)
        .map(|it| match it.strip_prefix('{').and_then(|it| it.strip_suffix('}')) {
            Some(name) => match name.strip_prefix('*') {
                Some(name) => Segment::CatchAll(name),
                None => Segment::Param(name),
            },
            None => Segment::Static(it),
        })
        .collect()
}

/// The segments of a path: `/` has none, `/a/` has `a` and an empty one.
fn split(path: &str) -> impl Iterator<Item = &str> {
    let path = path.strip_prefix('/').unwrap_or(path);
    path.split('/').filter(move |_| !path.is_empty())
}

/// The params of `path` if `segments` match all of it (a catch-all takes one or more
/// segments, with their `/`s), percent-decoded; `None` if they do not match or a value
/// is not UTF-8.
pub(crate) fn match_path(segments: &[Segment], path: &str) -> Option<Params> {
    let parts: Vec<&str> = split(path).collect();
    let mut params = Vec::new();
    for (idx, segment) in segments.iter().enumerate() {
        match *segment {
            Segment::Static(name) => {
                if parts.get(idx) != Some(&name) {
                    return None;
                }
            }
            Segment::Param(name) => {
                let value = parts.get(idx).filter(|it| !it.is_empty())?;
                params.push((name.to_owned(), decode(value)?));
            }
            Segment::CatchAll(name) => {
                let rest = parts.get(idx..).map(|it| it.join("/")).unwrap_or_default();
                if rest.is_empty() {
                    return None;
                }
                params.push((name.to_owned(), decode(&rest)?));
                return Some(Params(params));
            }
        }
    }
    (parts.len() == segments.len()).then_some(Params(params))
}

/// Whether a 404 folder's `segments` are a prefix of `path` (params match any segment).
pub(crate) fn is_under(segments: &[Segment], path: &str) -> bool {
    let mut parts = split(path);
    segments.iter().all(|segment| match (segment, parts.next()) {
        (Segment::Static(name), Some(part)) => *name == part,
        (_, Some(part)) => !part.is_empty(),
        (_, None) => false,
    })
}

fn decode(value: &str) -> Option<String> {
    percent_encoding::percent_decode_str(value).decode_utf8().ok().map(|it| it.into_owned())
}

#[cfg(test)]
mod tests {
    use super::{is_under, match_path, segments_of, Params, Segment};

    fn params(pairs: &[(&str, &str)]) -> Option<Params> {
        Some(Params(pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()))
    }

    #[test]
    fn patterns_split_into_segments() {
        assert_eq!(segments_of("/"), []);
        assert_eq!(
            segments_of("/blog/{slug}/{*rest}"),
            [Segment::Static("blog"), Segment::Param("slug"), Segment::CatchAll("rest")]
        );
    }

    #[test]
    fn catch_alls_take_one_or_more_decoded_segments() {
        let docs = segments_of("/docs/{*rest}");
        assert_eq!(match_path(&docs, "/docs/a/b%20c"), params(&[("rest", "a/b c")]));
        assert_eq!(match_path(&docs, "/docs/a"), params(&[("rest", "a")]));
        assert_eq!(match_path(&docs, "/docs"), None);
        assert_eq!(match_path(&docs, "/docs/"), None);
        assert_eq!(match_path(&docs, "/other/a"), None);
        assert_eq!(match_path(&docs, "/docs/%FF"), None);
        let root = segments_of("/{*rest}");
        assert_eq!(match_path(&root, "/"), None);
        assert_eq!(match_path(&root, "/x/y"), params(&[("rest", "x/y")]));
        assert_eq!(match_path(&segments_of("/"), "/"), params(&[]));
    }

    #[test]
    fn not_found_folders_are_path_prefixes() {
        assert!(is_under(&segments_of("/"), "/anything"));
        assert!(is_under(&segments_of("/blog"), "/blog/a/b"));
        assert!(is_under(&segments_of("/blog"), "/blog"));
        assert!(!is_under(&segments_of("/blog"), "/blogs"));
        assert!(is_under(&segments_of("/u/{id}"), "/u/7/x"));
        assert!(!is_under(&segments_of("/u/{id}"), "/u"));
    }
}
