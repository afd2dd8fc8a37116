//! The axum side of a [`Pages`] table: a route per page, catch-alls and 404 pages in a
//! fallback.
//!
//! Invariant: a route's params parse or the request is the 404 page (status 404, never a
//! 500); a page renders in one buffer on the handler's thread, so no `View` crosses an
//! await. axum 0.8 refuses a param and a catch-all at one position (`/{id}` beside
//! `/{*rest}`), so catch-alls never reach `Router::route`: the fallback tries them in the
//! table's order, then answers the deepest 404 page whose folder holds the path.

use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse as _, Response};
use axum::routing::get;
use axum::Router;

use super::pages::{is_under, match_path, PageEntry, Pages, Params, Segment};
use crate::app::Shared;
use crate::page::{mount_prefix, PageRoute};
use crate::render::Document;
use crate::{Page, View};

/// A table entry and the page shell it renders in.
struct Served {
    entry: PageEntry,
    page: PageRoute,
}

/// What the fallback needs.
struct Fallback {
    catch_alls: Vec<Served>,
    not_found: Vec<Served>,
    /// The 404 page when no `_404.rs` holds the path.
    default_not_found: PageRoute,
}

/// Adds the routes of `pages` and their fallback to `router`.
pub(super) fn install(
    pages: Pages,
    mut router: Router,
    document: &Document,
    shared: &Arc<Shared>,
) -> Router {
    // Flow renders through `respond_view`: the `Page` itself only carries the shell.
    let shell = |pattern: &str| {
        PageRoute::new(pattern, Page::new(View::empty), document, Arc::clone(shared))
    };
    let served = |entry: PageEntry| Served { page: shell(entry.pattern), entry };
    let (catch_alls, routes): (Vec<PageEntry>, Vec<PageEntry>) = pages
        .routes
        .into_iter()
        .partition(|it| it.segments.iter().any(|s| matches!(s, Segment::CatchAll(_))));
    let fallback = Arc::new(Fallback {
        catch_alls: catch_alls.into_iter().map(served).collect(),
        not_found: pages.not_found.into_iter().map(served).collect(),
        default_not_found: shell("404"),
    });
    for entry in routes {
        let route = Arc::new(served(entry));
        let fallback_of_route = Arc::clone(&fallback);
        router = router.route(
            route.entry.pattern,
            get(move |path: Result<Path<Vec<(String, String)>>, PathRejection>, req: Request| {
                let (route, fallback) = (Arc::clone(&route), Arc::clone(&fallback_of_route));
                async move {
                    match path {
                        Ok(Path(params)) => respond(&route, &Params(params), &fallback, &req),
                        // A param that is not UTF-8 once decoded is no page either.
                        Err(_) => fallback.not_found(&req),
                    }
                }
            }),
        );
    }
    router.fallback(move |req: Request| {
        let fallback = Arc::clone(&fallback);
        async move { fallback.answer(&req) }
    })
}

/// The page of `route` with `params`, or the 404 page when a param does not parse.
fn respond(route: &Served, params: &Params, fallback: &Fallback, req: &Request) -> Response {
    match (route.entry.render)(params) {
        Some(view) => {
            let mount = mount_prefix(req);
            route.page.respond_view(req.headers(), &mount, StatusCode::OK, || view)
        }
        None => fallback.not_found(req),
    }
}

impl Fallback {
    /// A request no axum route took: a catch-all in precedence order, or the 404 page.
    fn answer(&self, req: &Request) -> Response {
        let path = req.uri().path();
        for route in &self.catch_alls {
            if let Some(params) = match_path(&route.entry.segments, path) {
                if req.method() != Method::GET && req.method() != Method::HEAD {
                    return StatusCode::METHOD_NOT_ALLOWED.into_response();
                }
                return respond(route, &params, self, req);
            }
        }
        self.not_found(req)
    }

    /// The deepest `_404.rs` whose folder holds the path, with status 404.
    fn not_found(&self, req: &Request) -> Response {
        let path = req.uri().path();
        let mount = mount_prefix(req);
        let page = self
            .not_found
            .iter()
            .filter(|it| is_under(&it.entry.segments, path))
            .max_by_key(|it| it.entry.segments.len());
        match page {
            Some(page) => {
                page.page.respond_view(req.headers(), &mount, StatusCode::NOT_FOUND, || {
                    (page.entry.render)(&Params::default()).unwrap_or_else(View::empty)
                })
            }
            None => self.default_not_found.respond_view(
                req.headers(),
                &mount,
                StatusCode::NOT_FOUND,
                || View::new(|html| html.push_static("<h1>404 Not Found</h1>")),
            ),
        }
    }
}
