//! Flow: the pages of `src/pages/`, served by a [`FlowApp`]. The guide is
//! [`crate::guide::flow`].
//!
//! Invariant: a [`FlowApp`] is a [`ResumaApp`] plus a page table, so every option, the
//! `/_resuma/…` routes, the security headers and the shell are the same code; a Flow page
//! is a Resuma page (no handlers, no `<script>`). Unlike `ResumaApp`'s, its router has a
//! fallback (catch-alls and 404 pages), so merge other routers into it, not it into one
//! with a fallback of its own.

mod defer;
mod form;
mod load;
mod middleware;
mod pages;
mod params;
mod route;
mod serve;
mod submit;

use std::io;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use tokio::net::{TcpListener, ToSocketAddrs};

/// The request a middleware gets.
pub use axum::extract::Request;
/// A response's status, for middlewares that answer early.
pub use axum::http::StatusCode;
/// What a middleware may return: anything axum answers with.
pub use axum::response::{IntoResponse, Redirect, Response};
pub use defer::Deferred;
pub use form::{FormLimits, Upload};
pub use load::{ErrorInfo, LoadCx, LoadError};
pub use middleware::{app_state, cookie, BoxFuture, Middleware, Next};
pub use pages::{push_catch_all, push_segment, Pages};
pub use params::{param, Params};
pub use route::{ErrorPage, Outcome, Render, Route, StaticParams};
pub use serve::default_not_found;
pub use submit::{
    use_form, FieldErrors, Form, FormError, FormProps, FormState, Submission, SubmitCx, SubmitFn,
    SubmitRef, Submitted,
};

use crate::security::{RateLimitStore, SecurityHeaders};
use crate::{ConfigError, IntoPage, ResumaApp, ServerLimits};

/// An app serving the page table of `src/pages/` (see [`crate::guide::flow`]).
///
/// ```ignore
/// // src/main.rs, beside a build.rs calling `resuma_build::pages()` (examples/flow)
/// mod pages {
///     resuma::pages!();
/// }
///
/// fn main() -> std::io::Result<()> {
///     resuma::init_tracing();
///     resuma::flow::FlowApp::new(pages::all()).title("My blog").run()
/// }
/// ```
///
/// Without a build script (say, in a test), hand it a table:
///
/// ```
/// use resuma::flow::{FlowApp, Pages};
///
/// use resuma::flow::{Outcome, Route};
///
/// let home = Route::new(|_| Box::pin(async { Outcome::new().page(Ok(resuma::View::empty)) }));
/// let router: axum::Router = FlowApp::new(Pages::new().route("/", "index.rs", home)).router();
/// ```
#[derive(Debug)]
pub struct FlowApp {
    app: ResumaApp,
    pages: Pages,
    limits: FormLimits,
}

/// `FlowApp` methods that set the same option of its `ResumaApp`.
macro_rules! options {
    ($($(#[$doc:meta])* fn $name:ident $(<$generic:ident: $bound:path>)? ($($arg:ident: $ty:ty),*);)*) => {
        $(
            $(#[$doc])*
            pub fn $name $(<$generic: $bound>)? (mut self, $($arg: $ty),*) -> Self {
                self.app = self.app.$name($($arg),*);
                self
            }
        )*
    };
}

impl FlowApp {
    /// An app serving `pages` (from `resuma::pages!()`: `pages::all()`).
    ///
    /// ```
    /// let app = resuma::flow::FlowApp::new(resuma::flow::Pages::new());
    /// ```
    pub fn new(pages: Pages) -> FlowApp {
        FlowApp { app: ResumaApp::new(), pages, limits: FormLimits::default() }
    }

    options! {
        /// Sets the default `<title>`: [`ResumaApp::title`].
        fn title(title: impl Into<String>);
        /// Adds a `<meta name content>` to every page: [`ResumaApp::meta`].
        fn meta(name: impl Into<String>, content: impl Into<String>);
        /// Turns the loader's prefetching off or on: [`ResumaApp::prefetch`].
        fn prefetch(on: bool);
        /// Sets `<html lang>`: [`ResumaApp::lang`].
        fn lang(lang: impl Into<String>);
        /// Adds a stylesheet to every page: [`ResumaApp::stylesheet`].
        fn stylesheet(css: &'static str);
        /// Serves a file (a favicon, `robots.txt`): [`ResumaApp::file`].
        fn file(path: &str, content_type: &str, bytes: &'static [u8]);
        /// Also serves a hand-written `page` at `path`: [`ResumaApp::page`].
        fn page(path: &str, page: impl IntoPage);
        /// The CSRF secret: [`ResumaApp::secret`].
        fn secret(secret: impl AsRef<[u8]>);
        /// `Secure` session cookies: [`ResumaApp::secure_cookies`].
        fn secure_cookies(secure: bool);
        /// `Strict-Transport-Security`: [`ResumaApp::hsts`].
        fn hsts(max_age: Duration);
        /// The security headers: [`ResumaApp::security`].
        fn security(headers: SecurityHeaders);
        /// Server functions' rate limit: [`ResumaApp::rate_limit`].
        fn rate_limit(rate: &str);
        /// Where rate limits count: [`ResumaApp::rate_limit_store`].
        fn rate_limit_store(store: impl RateLimitStore);
        /// Server functions' body limit: [`ResumaApp::action_body_limit`].
        fn action_body_limit(limit_bytes: usize);
        /// Trust `X-Forwarded-For`: [`ResumaApp::trust_forwarded_for`].
        fn trust_forwarded_for(trust: bool);
        /// Compression of responses (on by default): [`ResumaApp::compression`].
        fn compression(on: bool);
        /// A health endpoint for load balancers: [`ResumaApp::health`].
        fn health(path: &str);
        /// App state for loads ([`LoadCx::state`]) and server functions: [`ResumaApp::state`].
        fn state<T: StateValue>(value: T);
        /// Timeouts and the connection cap: [`ResumaApp::server_limits`].
        fn server_limits(limits: ServerLimits);
    }

    /// The limits of a submitted form (body, files, fields): see [`FormLimits`].
    ///
    /// ```
    /// use resuma::flow::{FlowApp, FormLimits, Pages};
    ///
    /// let app = FlowApp::new(Pages::new()).form_limits(FormLimits::default());
    /// ```
    pub fn form_limits(mut self, limits: FormLimits) -> Self {
        self.limits = limits;
        self
    }

    /// The app as a plain [`axum::Router`] (see [`ResumaApp::router`]): each route of
    /// the table answers `GET` at its pattern, and every other path gets the nearest
    /// `_404.rs` with status 404.
    ///
    /// # Panics
    ///
    /// As [`ResumaApp::router`].
    ///
    /// ```
    /// let router = resuma::flow::FlowApp::new(resuma::flow::Pages::new()).router();
    /// ```
    pub fn router(self) -> Router {
        self.try_router().unwrap_or_else(|err| panic!("the app cannot start: {err}"))
    }

    /// Like [`router`](FlowApp::router), a bad configuration as an error: see
    /// [`ResumaApp::try_router`].
    ///
    /// ```
    /// let app = resuma::flow::FlowApp::new(resuma::flow::Pages::new());
    /// assert!(app.rate_limit("lots").try_router().is_err());
    /// ```
    pub fn try_router(self) -> Result<Router, ConfigError> {
        let FlowApp { app, pages, limits } = self;
        let part_timeout = app.limits().request_timeout_set();
        app.build_router(move |router, document, shared| {
            let list = pages.exports(Arc::clone(&shared.actions.state));
            let router = serve::install(pages, limits, part_timeout, router, document, shared);
            (router, Some(list))
        })
    }

    /// Serves the app on `addr` until Ctrl-C or SIGTERM: see [`ResumaApp::serve`].
    ///
    /// ```no_run
    /// # async fn start() -> std::io::Result<()> {
    /// resuma::flow::FlowApp::new(resuma::flow::Pages::new()).serve("127.0.0.1:8080").await
    /// # }
    /// ```
    pub async fn serve(self, addr: impl ToSocketAddrs) -> io::Result<()> {
        let limits = self.app.limits().clone();
        let router = self.checked_router()?;
        let listener = TcpListener::bind(addr).await?;
        crate::serve::serve_router(router, listener, &limits).await
    }

    /// Serves the app on a bound listener: see [`ResumaApp::serve_listener`].
    ///
    /// ```no_run
    /// # async fn start() -> std::io::Result<()> {
    /// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    /// resuma::flow::FlowApp::new(resuma::flow::Pages::new()).serve_listener(listener).await
    /// # }
    /// ```
    pub async fn serve_listener(self, listener: TcpListener) -> io::Result<()> {
        let limits = self.app.limits().clone();
        crate::serve::serve_router(self.checked_router()?, listener, &limits).await
    }

    /// Serves the app on `RESUMA_ADDR` (default `127.0.0.1:3000`): see [`ResumaApp::run`].
    ///
    /// ```no_run
    /// fn main() -> std::io::Result<()> {
    ///     resuma::flow::FlowApp::new(resuma::flow::Pages::new()).run()
    /// }
    /// ```
    pub fn run(self) -> io::Result<()> {
        let addrs = crate::app::listen_addrs(std::env::var_os(crate::app::ADDR_VAR).as_deref())?;
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()?
            .block_on(self.serve(&addrs[..]))
    }

    /// The app's server limits (for `resuma::test`).
    #[cfg(feature = "test")]
    pub(crate) fn limits_of_server(&self) -> &crate::ServerLimits {
        self.app.limits()
    }

    fn checked_router(self) -> io::Result<Router> {
        self.try_router().map_err(|err| io::Error::new(io::ErrorKind::InvalidInput, err))
    }
}

impl From<FlowApp> for Router {
    fn from(app: FlowApp) -> Router {
        app.router()
    }
}

/// What [`FlowApp::state`] takes: as [`ResumaApp::state`].
pub trait StateValue: Clone + Send + Sync + 'static {}
impl<T: Clone + Send + Sync + 'static> StateValue for T {}
