//! [`AppLayer`]: the one layer an app's router puts around each of its routes, doing in
//! one future what four layers did: the request's span and id, compression, the security
//! headers and the per-request limits.
//!
//! Invariant: the order of the four is that of separate layers, outermost first: span
//! and id (so a timeout's or a panic's answer has its id), compression, security headers,
//! limits. A route costs one boxed future per request here, where four `Router::layer`
//! calls cost a boxed route and a boxed future each (and tower-http's compression a
//! 6 KB body box even when the client takes no compression).

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::ACCEPT_ENCODING;
use axum::http::HeaderValue;
use axum::response::Response;
use tower::{Layer, Service};
use tower_http::compression::ResponseFuture;
use tracing::Instrument as _;

use super::ops::RequestIds;
use crate::compress::{self, Compress, Compressible};
use crate::security::{add_missing, HeaderSet};
use crate::serve::{take_ready, Guard, LimitsLayer};

/// The layer of an app's router (see the module's docs).
#[derive(Clone)]
pub(crate) struct AppLayer {
    ids: Arc<RequestIds>,
    headers: Arc<HeaderSet>,
    limits: LimitsLayer,
    /// `None` when the app turned compression off.
    compression: Option<Compress>,
}

impl AppLayer {
    pub(crate) fn new(
        ids: RequestIds,
        headers: Arc<HeaderSet>,
        limits: LimitsLayer,
        compression: bool,
    ) -> AppLayer {
        let compression = compression.then(compress::layer);
        AppLayer { ids: Arc::new(ids), headers, limits, compression }
    }
}

impl<S> Layer<S> for AppLayer {
    type Service = AppService<S>;

    fn layer(&self, inner: S) -> AppService<S> {
        AppService { inner, layer: self.clone() }
    }
}

/// The service [`AppLayer`] wraps around a route.
#[derive(Clone)]
pub(crate) struct AppService<S> {
    inner: S,
    layer: AppLayer,
}

impl<S> Service<Request> for AppService<S>
where
    S: Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = BoxAnswer;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request) -> Self::Future {
        let inner = take_ready(&mut self.inner);
        let AppLayer { ids, headers, limits, compression } = &self.layer;
        let (span, id) = ids.start(&mut req);
        let guarded = Guarded { inner, headers: Arc::clone(headers), limits: *limits };
        // The handler is called in the request's span, as its future is polled.
        let answer = span.in_scope(|| match compression {
            // Only a client that takes an encoding goes through tower-http's compression:
            // without `Accept-Encoding` it would answer identity, after boxing the body.
            Some(layer) if req.headers().contains_key(ACCEPT_ENCODING) => {
                Answer::Compressed { future: layer.layer(guarded).call(req) }
            }
            _ => Answer::Plain { future: guarded.answer(req), vary: compression.is_some() },
        });
        Box::pin(WithId { answer, id }.instrument(span))
    }
}

pin_project_lite::pin_project! {
    /// The response future of [`AppService`]: the answer, with the request's id on it.
    struct WithId<F: Future> {
        #[pin]
        answer: Answer<F>,
        id: Option<HeaderValue>,
    }
}

pin_project_lite::pin_project! {
    /// The route's answer, compressed or not.
    #[project = AnswerProj]
    enum Answer<F: Future> {
        /// Through tower-http's compression (around [`Guarded`]).
        Compressed { #[pin] future: ResponseFuture<Headed<F>, Compressible> },
        /// As [`Guarded`] answers; `vary`: compression is on.
        Plain { #[pin] future: Headed<F>, vary: bool },
    }
}

impl<F> Future for WithId<F>
where
    F: Future<Output = Result<Response, Infallible>>,
{
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut res = match this.answer.project() {
            AnswerProj::Compressed { future } => match std::task::ready!(future.poll(cx)) {
                Ok(res) => res.map(Body::new),
                Err(never) => match never {},
            },
            AnswerProj::Plain { future, vary } => {
                let Ok(mut res) = std::task::ready!(future.poll(cx));
                // Another client would have had it compressed: its `Vary` says so.
                if *vary && compress::would_compress(&res) {
                    compress::mark_vary(res.headers_mut());
                }
                res
            }
        };
        if let Some(id) = this.id.take() {
            res.headers_mut().insert(super::ops::REQUEST_ID_HEADER, id);
        }
        Poll::Ready(Ok(res))
    }
}

/// What [`AppService`] gives: one box per request.
type BoxAnswer = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

/// The inner part of the layer: the route within the limits, then the security headers
/// (what tower-http's compression wraps).
struct Guarded<S> {
    inner: S,
    headers: Arc<HeaderSet>,
    limits: LimitsLayer,
}

impl<S: Service<Request, Response = Response, Error = Infallible>> Guarded<S> {
    /// The answer of the route it holds to `req`.
    fn answer(self, req: Request) -> Headed<S::Future> {
        Headed { guard: self.limits.guard(self.inner, req), headers: self.headers }
    }
}

impl<S> Service<Request> for Guarded<S>
where
    S: Service<Request, Response = Response, Error = Infallible> + Clone,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Headed<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let inner = take_ready(&mut self.inner);
        let headers = Arc::clone(&self.headers);
        Guarded { inner, headers, limits: self.limits }.answer(req)
    }
}

pin_project_lite::pin_project! {
    /// The future of [`Guarded`]: the route's answer within the limits, with the security
    /// headers it does not set itself.
    struct Headed<F: Future> {
        #[pin]
        guard: Guard<F>,
        headers: Arc<HeaderSet>,
    }
}

impl<F> Future for Headed<F>
where
    F: Future<Output = Result<Response, Infallible>>,
{
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut res = std::task::ready!(this.guard.poll(cx));
        add_missing(this.headers, &mut res);
        Poll::Ready(Ok(res))
    }
}
