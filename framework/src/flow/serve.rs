//! The axum side of a [`Pages`] table: a route per page, catch-alls and 404 pages in a
//! fallback, and how a route's [`Outcome`] becomes a response.
//!
//! Invariant: a request passes its route's middlewares, then its loads; a param that does
//! not parse or a load's `not_found` is the nearest 404 page (status 404, never a 500); a
//! load's redirect is a redirect; any other load error is the nearest `_error.rs` with
//! its status, its details only in the log. The page renders in one buffer after the
//! loads, so no `View` crosses an await. axum 0.8 refuses a param and a catch-all at one
//! position (`/{id}` beside `/{*rest}`), so catch-alls never reach `Router::route`: the
//! fallback tries them in the table's order, then the deepest 404 page whose folder
//! holds the path.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse as _, Response};
use axum::routing::get;
use axum::Router;
use futures_util::FutureExt as _;

use super::form::FormLimits;
use super::load::{ErrorInfo, LoadCx, Stop};
use super::middleware::{AppState, BoxFuture, Next};
use super::pages::{is_under, match_path, PageEntry, Pages, Segment};
use super::params::Params;
use super::route::{Outcome, Wrap};
use super::submit::{post, Posted};
use crate::app::Shared;
use crate::page::{is_export, mount_prefix, Answer, PageRoute};
use crate::render::form::Replay;
use crate::render::panic::panic_message;
use crate::render::Document;
use crate::serve::{request_deadline, DeadlineAnswer};
use crate::{Page, View};

/// A table entry and the page shell it renders in.
struct Served {
    entry: PageEntry,
    page: PageRoute,
}

/// What every request of a Flow app needs.
struct Flow {
    shared: Arc<Shared>,
    /// The limits of a submitted form.
    limits: FormLimits,
    /// The app's request timeout, which bounds a deferred part too.
    part_timeout: Option<Duration>,
    catch_alls: Vec<Arc<Served>>,
    not_found: Vec<Arc<Served>>,
    /// The shell of the 404 and error pages when no `_404.rs` or `_error.rs` applies.
    default_page: PageRoute,
}

/// Adds the routes of `pages` and their fallback to `router`.
pub(super) fn install(
    pages: Pages,
    limits: FormLimits,
    part_timeout: Option<Duration>,
    mut router: Router,
    document: &Document,
    shared: &Arc<Shared>,
) -> Router {
    // Flow renders through `respond_view`: the `Page` itself only carries the shell.
    let shell = |pattern: &str| {
        PageRoute::new(pattern, Page::new(View::empty), document, Arc::clone(shared))
    };
    let served = |entry: PageEntry| Arc::new(Served { page: shell(entry.pattern), entry });
    let (catch_alls, routes): (Vec<PageEntry>, Vec<PageEntry>) = pages
        .routes
        .into_iter()
        .partition(|it| it.segments.iter().any(|s| matches!(s, Segment::CatchAll(_))));
    let flow = Arc::new(Flow {
        shared: Arc::clone(shared),
        limits,
        part_timeout,
        catch_alls: catch_alls.into_iter().map(served).collect(),
        not_found: pages.not_found.into_iter().map(served).collect(),
        default_page: shell("404"),
    });
    for entry in routes {
        let route = served(entry);
        let route_pattern = route.entry.pattern;
        let flow = Arc::clone(&flow);
        let handler = move |path: Result<Path<Vec<(String, String)>>, PathRejection>,
                            req: Request| {
            let (route, flow) = (Arc::clone(&route), Arc::clone(&flow));
            match path {
                Ok(Path(params)) => flow.serve(route, Params(params), req, StatusCode::OK),
                // A param that is not UTF-8 once decoded is no page either.
                Err(_) => flow.not_found(req),
            }
        };
        router = router.route(route_pattern, get(handler.clone()).post(handler));
    }
    router.fallback(move |req: Request| Arc::clone(&flow).answer(req))
}

impl Flow {
    /// A request no axum route took: a catch-all in precedence order, or the 404 page.
    fn answer(self: Arc<Self>, req: Request) -> BoxFuture<Response> {
        let path = req.uri().path();
        for route in &self.catch_alls {
            if let Some(params) = match_path(&route.entry.segments, path) {
                if ![Method::GET, Method::HEAD, Method::POST].contains(req.method()) {
                    return Box::pin(async { StatusCode::METHOD_NOT_ALLOWED.into_response() });
                }
                let route = Arc::clone(route);
                return self.serve(route, params, req, StatusCode::OK);
            }
        }
        self.not_found(req)
    }

    /// The deepest `_404.rs` whose folder holds the path, with status 404.
    fn not_found(self: Arc<Self>, req: Request) -> BoxFuture<Response> {
        let path = req.uri().path();
        let page = self
            .not_found
            .iter()
            .filter(|it| is_under(&it.entry.segments, path))
            .max_by_key(|it| it.entry.segments.len())
            .map(Arc::clone);
        match page {
            Some(page) => self.serve(page, Params::default(), req, StatusCode::NOT_FOUND),
            None => Box::pin(async move { self.default_not_found(&req) }),
        }
    }

    /// The built-in 404 page, when no `_404.rs` holds the path.
    fn default_not_found(&self, req: &Request) -> Response {
        let mount = mount_prefix(req);
        let answer = Answer::status(StatusCode::NOT_FOUND);
        self.default_page.respond_view(req.headers(), &mount, answer, default_not_found)
    }

    /// `route` for `req`: its middlewares, then its loads and page, answered with
    /// `status` (404 for a 404 page).
    fn serve(
        self: Arc<Self>,
        route: Arc<Served>,
        params: Params,
        mut req: Request,
        status: StatusCode,
    ) -> BoxFuture<Response> {
        let middlewares = Arc::clone(&route.entry.route.middlewares);
        // For `app_state`: only middlewares read it (loads have their context).
        let state = (!middlewares.is_empty()).then(|| Arc::clone(&self.shared.actions.state));
        let answer = move |req: Request| -> BoxFuture<Response> {
            if req.method() == Method::POST && status == StatusCode::OK {
                Box::pin(self.post(route, params, req))
            } else {
                Box::pin(self.page(route, params, req, status))
            }
        };
        match state {
            None => answer(req),
            Some(state) => {
                req.extensions_mut().insert(AppState(state));
                Box::pin(Next::new(middlewares, answer).run(req))
            }
        }
    }

    /// The loads and page of `route`, after its middlewares.
    async fn page(
        self: Arc<Self>,
        route: Arc<Served>,
        params: Params,
        req: Request,
        status: StatusCode,
    ) -> Response {
        let mount = mount_prefix(&req);
        let (parts, _) = req.into_parts();
        let cx = self.context(&route, params, parts);
        self.render(route, cx, &mount, status, None).await
    }

    /// The context of `route`'s loads for a request with `params` and `parts`.
    fn context(&self, route: &Served, params: Params, parts: Parts) -> LoadCx {
        let state = Arc::clone(&self.shared.actions.state);
        LoadCx::new(params, parts, state, route.entry.route.layouts, self.part_timeout)
    }

    /// A form posted to `route`, after its middlewares: its submit's answer, or the page
    /// again with the submit's replay.
    async fn post(self: Arc<Self>, route: Arc<Served>, params: Params, req: Request) -> Response {
        let mount = mount_prefix(&req);
        let (parts, body) = req.into_parts();
        let cx = self.context(&route, params, parts);
        let (shared, limits) = (&self.shared, &self.limits);
        let posted = within(post(shared, limits, &route.entry.route, route.entry.file, &cx, body));
        let posted = match posted.await {
            Ok(posted) => posted,
            Err(cut) => return self.cut(route, cx, &mount, cut).await,
        };
        match posted {
            Posted::Response(res) => res,
            Posted::Page { status, replay, headers } => {
                let mut res = self.render(route, cx, &mount, status, Some(replay)).await;
                res.headers_mut().extend(headers);
                res
            }
            Posted::Stop { stop, retry_after } => {
                let stop = (0, stop);
                let mut res = self.stop(route, cx, &mount, StatusCode::OK, Vec::new(), stop).await;
                if let Some(seconds) = retry_after {
                    res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
                }
                res
            }
        }
    }

    /// Runs the loads of `route` with `cx` and answers with its page (with `status`, and
    /// the `replay` of a submit its form shows), or how a load stopped it.
    async fn render(
        self: Arc<Self>,
        route: Arc<Served>,
        cx: LoadCx,
        mount: &str,
        status: StatusCode,
        replay: Option<Replay>,
    ) -> Response {
        let outcome = match within((route.entry.route.render)(cx.clone())).await {
            Ok(outcome) => outcome,
            Err(cut) => return self.cut(route, cx, mount, cut).await,
        };
        let Outcome { layouts, page, failure } = outcome;
        let stop = match (failure, page) {
            (None, Some(page)) => {
                let (headers, query) = (&cx.parts().headers, cx.parts().uri.query());
                let answer =
                    Answer { status, cache: cx.cache(), replay, query: query.map(str::to_owned) };
                let body = move || {
                    layouts.into_iter().rev().flatten().fold(page(), |view, wrap| wrap(view))
                };
                let mut res = match cx.streams() {
                    true => route.page.respond_streamed(headers, mount, answer, body),
                    false => route.page.respond_view(headers, mount, answer, body),
                };
                if is_export(&self.shared, headers) {
                    needs_a_server(&route.entry.route, &cx, res.headers_mut());
                }
                return res;
            }
            (Some((level, error)), _) => (level, error.into_stop()),
            // A render that built no page and said no error: a bug of the table.
            (None, None) => {
                let detail = Some("the route's render gave no page".to_owned());
                (0, Stop::Error { info: ErrorInfo::internal(), detail })
            }
        };
        self.stop(route, cx, mount, status, layouts, stop).await
    }

    /// How `route` answers when its loads or submit were cut short: the nearest
    /// `_error.rs` without layouts (their data never came), `503` past the deadline
    /// (marked so the limits layer lets it out) or `500` after a panic.
    async fn cut(
        self: Arc<Self>,
        route: Arc<Served>,
        cx: LoadCx,
        mount: &str,
        cut: Cut,
    ) -> Response {
        let (info, detail, late) = match cut {
            Cut::Late => {
                let detail = "its loads or submit took longer than the request timeout";
                (ErrorInfo::timed_out(), detail.to_owned(), true)
            }
            Cut::Panicked(message) => {
                (ErrorInfo::internal(), format!("panicked: {message}"), false)
            }
        };
        let stop = (0, Stop::Error { info, detail: Some(detail) });
        let mut res = self.stop(route, cx, mount, StatusCode::OK, Vec::new(), stop).await;
        if late {
            res.extensions_mut().insert(DeadlineAnswer);
        }
        res
    }

    /// How `route` answers when a load (at `level`, below `layouts`) or its submit stopped
    /// it: a redirect, the nearest 404 page, or the nearest error page.
    async fn stop(
        self: Arc<Self>,
        route: Arc<Served>,
        cx: LoadCx,
        mount: &str,
        status: StatusCode,
        layouts: Vec<Option<Wrap>>,
        (level, stop): (usize, Stop),
    ) -> Response {
        match stop {
            Stop::Redirect { status, location } => redirect(status, &location, route.entry.file),
            Stop::NotFound if status == StatusCode::NOT_FOUND => {
                self.default_not_found(&cx.into_request())
            }
            Stop::NotFound => self.not_found(cx.into_request()).await,
            Stop::Error { info, detail } => {
                log_error(route.entry.file, &info, detail.as_deref());
                let answer = Answer::status(info.status());
                let headers = &cx.parts().headers;
                match route.entry.route.error {
                    Some((wrapping, error_page)) => {
                        // The layouts above the failure that wrap the error page's folder.
                        let wraps: Vec<_> =
                            layouts.into_iter().take(wrapping.min(level)).flatten().collect();
                        route.page.respond_view(headers, mount, answer, move || {
                            wraps.into_iter().rev().fold(error_page(info), |view, wrap| wrap(view))
                        })
                    }
                    None => self
                        .default_page
                        .respond_view(headers, mount, answer, move || default_error_page(&info)),
                }
            }
        }
    }
}

/// Why a route's loads or submit gave no outcome.
enum Cut {
    /// The request's deadline came first.
    Late,
    /// It panicked, with this message.
    Panicked(String),
}

/// `work` until the request's deadline (the limits layer's request timeout), its panic
/// caught: what it gave, or why it gave nothing.
async fn within<T>(work: impl std::future::Future<Output = T>) -> Result<T, Cut> {
    let work = AssertUnwindSafe(work).catch_unwind();
    let caught = match request_deadline() {
        Some(deadline) => tokio::time::timeout_at(deadline, work).await.map_err(|_| Cut::Late)?,
        None => work.await,
    };
    caught.map_err(|payload| Cut::Panicked(panic_message(&*payload).to_owned()))
}

/// The header of an exported page saying what it needs a server for (`submit`,
/// `middleware`, `request`), for `resuma build --static` to report.
const DYNAMIC_HEADER: &str = "x-resuma-dynamic";

/// Adds [`DYNAMIC_HEADER`] when `route`, as `cx` loaded it, needs a server: forms to post
/// to, middlewares to run, or loads that read the request.
fn needs_a_server(route: &super::route::Route, cx: &LoadCx, headers: &mut axum::http::HeaderMap) {
    let reasons: Vec<&str> = [
        (!route.submits.is_empty(), "submit"),
        (!route.middlewares.is_empty(), "middleware"),
        (cx.read_request(), "request"),
    ]
    .into_iter()
    .filter_map(|(needed, reason)| needed.then_some(reason))
    .collect();
    if !reasons.is_empty() {
        headers.insert(
            DYNAMIC_HEADER,
            HeaderValue::from_str(&reasons.join(", "))
                .unwrap_or(HeaderValue::from_static("request")),
        );
    }
}

/// The built-in 404 page, when no `_404.rs` holds the path (the page table also names
/// it, for folders whose middleware must run before it).
pub fn default_not_found() -> View {
    View::new(|html| html.push_static("<h1>404 Not Found</h1>"))
}

/// The built-in error page, when no `_error.rs` applies.
fn default_error_page(info: &ErrorInfo) -> View {
    let (status, message) = (info.status(), info.message().to_owned());
    View::new(move |html| {
        html.push_static("<h1>");
        html.push_text(status.as_str());
        html.push_static(" ");
        html.push_text(status.canonical_reason().unwrap_or("Error"));
        html.push_static("</h1><p>");
        html.push_text(&message);
        html.push_static("</p>");
    })
}

/// A load's redirect: `status` with `Location`, or a logged 500 when `location` is no
/// header value (a newline in it, say).
fn redirect(status: StatusCode, location: &str, file: &str) -> Response {
    crate::http::redirect_response(status, location).unwrap_or_else(|| {
        tracing::error!(
            page = file,
            location,
            "a load redirected to a location that is no header value"
        );
        StatusCode::INTERNAL_SERVER_ERROR.into_response()
    })
}

/// Logs a load's error: server errors with their details as errors, the others as info.
fn log_error(file: &str, info: &ErrorInfo, detail: Option<&str>) {
    let status = info.status().as_u16();
    if info.status().is_server_error() {
        let detail = detail.unwrap_or(info.message());
        tracing::error!(page = file, status, error = detail, "a load failed");
    } else {
        tracing::info!(page = file, status, message = info.message(), "a load answered an error");
    }
}
