//! [`LimitsLayer`]: the per-request part of [`ServerLimits`] — the request timeout, the
//! body timeout and panics — as a tower layer, answering in the shape of the route: JSON
//! rejections under `/_resuma/action/`, an HTML page elsewhere.
//!
//! Invariant: whatever the handler does (hangs, panics, never reads its body), the client
//! gets an answer, and a handler that timed out is dropped, never polled again.

use std::convert::Infallible;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, Request, StatusCode, Uri};
use axum::response::{IntoResponse as _, Response};
use axum::BoxError;
use futures_util::future::{CatchUnwind, Either};
use futures_util::FutureExt as _;
use hyper::body::Body as HttpBody;
use tokio::time::error::Elapsed;
use tokio::time::{Instant, Timeout};
use tower::{Layer, Service};

use super::body::{BodyWatch, DeadlineBody};
use super::ServerLimits;
use crate::render::panic::panic_message;
use crate::ActionRejection;

/// The layer doing the per-request part of `limits` ([`ServerLimits::request_timeout`],
/// [`ServerLimits::body_timeout`]) and answering `500` for a handler that panics. A
/// [`ResumaApp`](crate::ResumaApp)'s router carries it already; give it to routes of
/// your own, or to a whole router merged from several, served by your own server.
///
/// A handler past the request timeout is dropped and answered `503`; one still reading
/// its body past the body timeout, `408`; one that panics, `500` (the panic is logged).
/// Paths with `/_resuma/action/` in them get [`ActionRejection`]'s JSON, others an HTML
/// page. The connection part ([`ServerLimits::header_read_timeout`], `idle_timeout`,
/// `max_connections`) is your server's job then (hyper's `header_read_timeout`, a
/// semaphore around `accept`).
///
/// ```
/// use std::time::Duration;
/// use axum::routing::get;
///
/// let limits = resuma::ServerLimits::default().request_timeout(Duration::from_secs(5));
/// let api = axum::Router::new()
///     .route("/health", get(|| async { "ok" }))
///     .layer(resuma::limits_layer(&limits));
/// let app: axum::Router = resuma::ResumaApp::new()
///     .server_limits(limits)
///     .page("/", resuma::View::empty)
///     .router()
///     .merge(api);
/// ```
pub fn limits_layer(limits: &ServerLimits) -> LimitsLayer {
    LimitsLayer { request_timeout: limits.request_timeout, body_timeout: limits.body_timeout }
}

/// The tower layer [`limits_layer`] makes.
#[derive(Debug, Clone, Copy)]
pub struct LimitsLayer {
    request_timeout: Option<Duration>,
    body_timeout: Option<Duration>,
}

impl<S> Layer<S> for LimitsLayer {
    type Service = LimitsService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        LimitsService { inner, limits: *self }
    }
}

/// The service [`LimitsLayer`] wraps around a route (or a router).
#[derive(Debug, Clone)]
pub struct LimitsService<S> {
    inner: S,
    limits: LimitsLayer,
}

impl<S, B> Service<Request<B>> for LimitsService<S>
where
    S: Service<Request<Body>, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
    B: HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<B>) -> Self::Future {
        let inner = take_ready(&mut self.inner);
        Box::pin(self.limits.guard(inner, req).map(Ok))
    }
}

/// The service in `slot`, which `poll_ready` made ready, for one call; a fresh clone
/// takes its place and waits for the next (tower's pattern for `Clone` services).
pub(crate) fn take_ready<S: Clone>(slot: &mut S) -> S {
    let clone = slot.clone();
    std::mem::replace(slot, clone)
}

impl LimitsLayer {
    /// What `inner` answers to `req` within these limits: the work of [`LimitsService`],
    /// as a future the app's own layer embeds in its own instead of boxing it again. The
    /// handler is called here (a panic in the call is answered by the future); the
    /// future holds only the handler's future and what a failure's answer needs.
    pub(crate) fn guard<S, B>(self, mut inner: S, req: Request<B>) -> Guard<S::Future>
    where
        S: Service<Request<Body>, Response = Response, Error = Infallible>,
        B: HttpBody<Data = Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
    {
        let uri = req.uri().clone();
        let start = Instant::now();
        // A request without a body (most GETs) has nothing to watch.
        let watch = (!req.body().is_end_stream()).then(BodyWatch::new);
        let req = match (self.body_timeout, &watch) {
            (Some(timeout), Some(watch)) => {
                let deadline = start + timeout;
                req.map(|body| Body::new(DeadlineBody::new(body, deadline, watch.clone())))
            }
            _ => req.map(Body::new),
        };
        let deadline = self.request_timeout.map(|timeout| start + timeout);
        let timed = match std::panic::catch_unwind(AssertUnwindSafe(move || inner.call(req))) {
            Ok(future) => {
                let guarded = AssertUnwindSafe(DEADLINE.scope(deadline, future)).catch_unwind();
                Some(match deadline {
                    Some(deadline) => Either::Left(tokio::time::timeout_at(deadline, guarded)),
                    None => Either::Right(guarded.map(Ok as fn(_) -> _)),
                })
            }
            Err(payload) => {
                log_panic(&uri, &*payload);
                None
            }
        };
        Guard { timed, uri, start, watch, limits: self }
    }
}

tokio::task_local! {
    /// The deadline of the request being handled, for the handler's own use.
    static DEADLINE: Option<Instant>;
}

/// When the request being handled runs out of time (`None`: no request timeout, or not
/// under [`LimitsLayer`]). A handler that answers a timeout itself (a Flow page with its
/// `_error.rs`) waits until then, and marks its answer with [`DeadlineAnswer`].
pub(crate) fn request_deadline() -> Option<Instant> {
    DEADLINE.try_with(|it| *it).ok().flatten()
}

/// A response extension: this answer is the handler's own for a request that ran out of
/// time, and goes out although it comes at the deadline (other late answers are dropped).
#[derive(Clone, Copy, Debug)]
pub(crate) struct DeadlineAnswer;

/// The handler's future under a request timeout (or none), its panics caught.
type Timed<F> = Either<Timeout<CatchUnwind<AssertUnwindSafe<Scoped<F>>>>, Untimed<F>>;
/// The handler's future, its request's deadline in reach ([`request_deadline`]).
type Scoped<F> = tokio::task::futures::TaskLocalFuture<Option<Instant>, F>;
/// The handler's future without a request timeout, shaped like a timed one's.
type Untimed<F> = futures_util::future::Map<
    CatchUnwind<AssertUnwindSafe<Scoped<F>>>,
    fn(CaughtOutcome<F>) -> Result<CaughtOutcome<F>, Elapsed>,
>;
/// What a handler's future gave: its result, or the payload of its panic.
type CaughtOutcome<F> = Result<<F as Future>::Output, Box<dyn std::any::Any + Send>>;

pin_project_lite::pin_project! {
    /// The future of [`LimitsLayer::guard`]: the handler's answer, or the layer's when the
    /// handler timed out, panicked or read its body too slowly.
    pub(crate) struct Guard<F: Future> {
        // `None`: calling the handler panicked.
        #[pin]
        timed: Option<Timed<F>>,
        uri: Uri,
        start: Instant,
        // `None`: the request had no body to wait for.
        watch: Option<BodyWatch>,
        limits: LimitsLayer,
    }
}

impl<F> Future for Guard<F>
where
    F: Future<Output = Result<Response, Infallible>>,
{
    type Output = Response;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Response> {
        let this = self.project();
        let Some(timed) = this.timed.as_pin_mut() else {
            return Poll::Ready(failure(this.uri, Failure::Panic));
        };
        let outcome = std::task::ready!(timed.poll(cx));
        let LimitsLayer { request_timeout, body_timeout } = *this.limits;
        let uri = &*this.uri;
        let timed_out = this.watch.as_ref().is_some_and(BodyWatch::timed_out);
        let incomplete = this.watch.as_ref().is_some_and(BodyWatch::incomplete);
        Poll::Ready(match outcome {
            // Both deadlines passed while the body was still coming: the client's fault.
            Err(_)
                if body_timeout.is_some_and(|it| request_timeout.is_some_and(|t| it <= t))
                    && incomplete =>
            {
                tracing::info!(path = uri.path(), "a request body timed out");
                failure(uri, Failure::SlowBody)
            }
            Err(_) => {
                tracing::warn!(
                    path = uri.path(),
                    timeout_ms = request_timeout.map_or(0, |it| it.as_millis() as u64),
                    "a request took longer than the request timeout; its work was dropped"
                );
                failure(uri, Failure::Timeout)
            }
            Ok(Ok(Ok(_))) if timed_out => {
                tracing::info!(path = uri.path(), "a request body timed out");
                failure(uri, Failure::SlowBody)
            }
            // Work that blocked its thread past the deadline (a slow synchronous render)
            // could not be interrupted; its late answer is not sent either.
            Ok(Ok(Ok(res)))
                if request_timeout.is_some_and(|it| this.start.elapsed() > it)
                    && res.extensions().get::<DeadlineAnswer>().is_none() =>
            {
                tracing::warn!(
                    path = uri.path(),
                    "a request finished after the request timeout; answered 503 instead"
                );
                failure(uri, Failure::Timeout)
            }
            Ok(Ok(Ok(res))) => res,
            Ok(Ok(Err(never))) => match never {},
            Ok(Err(payload)) => {
                log_panic(uri, &*payload);
                failure(uri, Failure::Panic)
            }
        })
    }
}

/// Logs that the request to `uri` panicked, with the panic's message.
fn log_panic(uri: &Uri, payload: &(dyn std::any::Any + Send)) {
    tracing::error!(path = uri.path(), panic = panic_message(payload), "a request panicked");
}

/// Why the layer answers instead of the handler.
#[derive(Debug, Clone, Copy)]
enum Failure {
    Timeout,
    SlowBody,
    Panic,
}

/// The answer for `failure` at `uri`: a server function's JSON rejection, or an HTML page.
fn failure(uri: &Uri, failure: Failure) -> Response {
    if uri.path().contains("/_resuma/action/") {
        let rejection = match failure {
            Failure::Timeout => ActionRejection::Timeout,
            Failure::SlowBody => ActionRejection::BodyTimeout,
            Failure::Panic => ActionRejection::Panicked,
        };
        return rejection.into_response();
    }
    let (status, page) = match failure {
        Failure::Timeout => (StatusCode::SERVICE_UNAVAILABLE, TIMEOUT_PAGE),
        Failure::SlowBody => (StatusCode::REQUEST_TIMEOUT, SLOW_BODY_PAGE),
        Failure::Panic => (StatusCode::INTERNAL_SERVER_ERROR, PANIC_PAGE),
    };
    let mut res = (status, page).into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    if matches!(failure, Failure::SlowBody) {
        // The rest of the body may still be on its way: this connection is done.
        res.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    res
}

/// What a page past the request timeout answers (503). Says nothing about the cause.
const TIMEOUT_PAGE: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
    <title>503 Service Unavailable</title></head><body><h1>503 Service Unavailable</h1>\
    <p>The server took too long to answer. Try again in a moment.</p></body></html>";
/// What a request whose body came too slowly answers (408).
const SLOW_BODY_PAGE: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
    <title>408 Request Timeout</title></head><body><h1>408 Request Timeout</h1>\
    <p>The request took too long to arrive.</p></body></html>";
/// What a request whose handler panicked answers (500).
const PANIC_PAGE: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
    <title>500 Internal Server Error</title></head><body><h1>500 Internal Server Error</h1>\
    <p>This page could not be served.</p></body></html>";
