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

use crate::action::StateMap;

/// The app's state, in the extensions of every request a middleware gets.
#[derive(Clone)]
pub(crate) struct AppState(pub(crate) Arc<StateMap>);

/// The app state of type `T` given to [`FlowApp::state`](super::FlowApp::state), for a
/// middleware (a load or submit has [`LoadCx::state`](super::LoadCx::state)).
///
/// ```
/// use resuma::flow::{app_state, Next, Request, Response};
///
/// #[derive(Clone)]
/// struct Keys(&'static str);
///
/// async fn guard(req: Request, next: Next) -> Response {
///     let _keys: Option<Keys> = app_state(&req);
///     next.run(req).await
/// }
/// ```
pub fn app_state<T: Clone + Send + Sync + 'static>(req: &Request) -> Option<T> {
    req.extensions().get::<AppState>()?.0.get::<T>()
}

/// The value of the request's cookie `name`, for a middleware (a load or submit has
/// [`LoadCx::cookie`](super::LoadCx::cookie)).
///
/// ```
/// let req = resuma::flow::Request::builder()
///     .header("cookie", "theme=dark; auth=abc")
///     .body(axum::body::Body::empty())
///     .unwrap();
/// assert_eq!(resuma::flow::cookie(&req, "auth"), Some("abc"));
/// ```
pub fn cookie<'r>(req: &'r Request, name: &str) -> Option<&'r str> {
    crate::http::cookie_value(req.headers(), name)
}

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
