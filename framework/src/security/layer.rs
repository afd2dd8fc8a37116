//! The tower layer that puts the app's security headers on every response.
//!
//! Invariant: a header the response already has (set by a page, which sets its own nonced
//! CSP, or by the app's handlers) is kept; nothing is locked or boxed per request, and
//! the values are shared, so adding them copies no header text.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::response::Response;
use tower::{Layer, Service};

use super::headers::HeaderSet;

/// Adds the headers of a [`HeaderSet`] to every response of the wrapped service.
#[derive(Debug, Clone)]
pub(crate) struct SecurityLayer {
    headers: Arc<HeaderSet>,
}

impl SecurityLayer {
    pub(crate) fn new(headers: Arc<HeaderSet>) -> Self {
        SecurityLayer { headers }
    }
}

impl<S> Layer<S> for SecurityLayer {
    type Service = SecurityService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        SecurityService { inner, headers: Arc::clone(&self.headers) }
    }
}

/// The service [`SecurityLayer`] wraps around a route.
#[derive(Debug, Clone)]
pub(crate) struct SecurityService<S> {
    inner: S,
    headers: Arc<HeaderSet>,
}

impl<S, R> Service<R> for SecurityService<S>
where
    S: Service<R, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = WithHeaders<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: R) -> Self::Future {
        WithHeaders { inner: self.inner.call(req), headers: Arc::clone(&self.headers) }
    }
}

pin_project_lite::pin_project! {
    /// The response future of [`SecurityService`].
    pub(crate) struct WithHeaders<F> {
        #[pin]
        inner: F,
        headers: Arc<HeaderSet>,
    }
}

impl<F, E> Future for WithHeaders<F>
where
    F: Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut res = std::task::ready!(this.inner.poll(cx))?;
        add_missing(this.headers, &mut res);
        Poll::Ready(Ok(res))
    }
}

/// Adds each header of `set` that `res` does not have yet.
pub(crate) fn add_missing(set: &HeaderSet, res: &mut Response) {
    let headers = res.headers_mut();
    headers.reserve(set.fixed.len());
    for (name, value) in &set.fixed {
        if !headers.contains_key(name) {
            headers.insert(name.clone(), value.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use std::convert::Infallible;
    use std::sync::Arc;

    use axum::http::header::{self, HeaderValue};
    use axum::response::Response;
    use tower::{service_fn, Layer as _, ServiceExt as _};

    use super::SecurityLayer;
    use crate::security::SecurityHeaders;

    #[tokio::test]
    async fn headers_set_by_the_handler_are_kept() {
        let set = Arc::new(SecurityHeaders::new().compile().unwrap());
        let handler = service_fn(|(): ()| async {
            let mut res = Response::new(axum::body::Body::empty());
            let headers = res.headers_mut();
            headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN"));
            headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox"));
            Ok::<_, Infallible>(res)
        });
        let res = SecurityLayer::new(set).layer(handler).oneshot(()).await.unwrap();
        assert_eq!(res.headers()[header::X_FRAME_OPTIONS], "SAMEORIGIN");
        assert_eq!(res.headers()[header::CONTENT_SECURITY_POLICY], "sandbox");
        assert_eq!(res.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(res.headers().get_all(header::X_FRAME_OPTIONS).iter().count(), 1);
    }
}
