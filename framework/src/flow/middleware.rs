//! `#[middleware]`: an `async fn(Request, Next) -> impl IntoResponse` in a folder's
//! `_middleware.rs` runs before every page and 404 page under that folder, root first.
//!
//! Invariant: a request passes each middleware of its route once, in order, then its
//! page; a middleware that answers without calling [`Next::run`] ends it there (the
//! auth-guard pattern), and what it inserts in the request's extensions the loads read
//! with [`LoadCx::extension`](super::LoadCx::extension).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use axum::extract::Request;
use axum::response::Response;

/// A future sent between threads, as a page or a middleware is.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// One `_middleware.rs` fn, as the page table calls it.
pub type Middleware = fn(Request, Next) -> BoxFuture<Response>;

/// The rest of a request's way: the middlewares after this one, then the page.
///
/// ```
/// use resuma::flow::Next;
/// use axum::extract::Request;
/// use axum::response::{IntoResponse, Redirect, Response};
///
/// #[derive(Clone)]
/// struct User(String);
///
/// // src/pages/admin/_middleware.rs
/// async fn guard(mut req: Request, next: Next) -> Response {
///     match req.headers().get("x-user").and_then(|it| it.to_str().ok()) {
///         Some(name) => {
///             let user = User(name.to_owned());
///             req.extensions_mut().insert(user);
///             next.run(req).await
///         }
///         None => Redirect::to("/login").into_response(),
///     }
/// }
/// ```
pub struct Next {
    chain: Arc<[Middleware]>,
    /// The index in `chain` of the middleware to run next.
    next: usize,
    page: Box<dyn FnOnce(Request) -> BoxFuture<Response> + Send>,
}

impl Next {
    /// The way through `middlewares` to `page`.
    pub(crate) fn new(
        middlewares: Arc<[Middleware]>,
        page: impl FnOnce(Request) -> BoxFuture<Response> + Send + 'static,
    ) -> Next {
        Next { chain: middlewares, next: 0, page: Box::new(page) }
    }

    /// Passes `req` on: to the next middleware, or to the page.
    pub async fn run(self, req: Request) -> Response {
        match self.chain.get(self.next).copied() {
            Some(middleware) => {
                let next = Next { chain: self.chain, next: self.next + 1, page: self.page };
                middleware(req, next).await
            }
            None => (self.page)(req).await,
        }
    }
}

impl fmt::Debug for Next {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let left = self.chain.len().saturating_sub(self.next);
        f.debug_struct("Next").field("middlewares_left", &left).finish_non_exhaustive()
    }
}
