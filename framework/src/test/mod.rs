//! End-to-end tests of an app over real HTTP, in the test's own process (feature `test`,
//! off by default: an app takes it in `[dev-dependencies]`).
//!
//! [`TestServer::start`] serves a [`FlowApp`], a [`ResumaApp`] or any `axum::Router` on a
//! free loopback port, with the built-in server (the app's limits and layers, each
//! connection's peer address for rate limits); [`TestServer::client`] gives a
//! [`Client`] that behaves like a browser without JavaScript: it keeps the cookies it is
//! set, remembers the CSRF token of the last page it read (`<meta name="resuma-csrf">` or
//! a form's `_csrf` field), sends `Origin` on posts and never follows redirects.
//!
//! ```no_run
//! use resuma::prelude::*;
//! use resuma::test::TestServer;
//!
//! // A page with a handler carries the CSRF token its calls need (a page with no script
//! // and no form carries none, and starts no session).
//! #[component]
//! fn Counter() -> View {
//!     let count = use_signal(0);
//!     view! { <button onClick={move |_| count.update(|c| *c += 1)}>"Count: " {count}</button> }
//! }
//!
//! # async fn e2e() {
//! let app = ResumaApp::new().page("/", || view! { <Counter/> });
//! let server = TestServer::start(app).await;
//! let client = server.client();
//! let page = client.get("/").await;
//! assert_eq!(page.status(), 200);
//! // A `#[submit]` of the page: `_csrf` is added to the fields.
//! let done = client.post_form("/?_submit=save", &[("title", "Hi")]).await;
//! // A `#[server]` fn: its arguments as a JSON array.
//! let sum = client.call("add", serde_json::json!([2, 3])).await;
//! # }
//! ```
//!
//! Invariant: the server stops when the [`TestServer`] is dropped; nothing here panics on
//! what the app answers (a test asserts on [`Response`]), only on a failure to connect.

mod client;

use std::net::SocketAddr;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub use client::{Client, Response};

use crate::flow::FlowApp;
use crate::{ResumaApp, ServerLimits};

/// Something [`TestServer::start`] can serve: a [`FlowApp`], a [`ResumaApp`] or a router.
pub trait IntoTestApp {
    /// The router and the limits the built-in server accepts connections within.
    ///
    /// # Panics
    ///
    /// If the app cannot start (a [`ConfigError`](crate::ConfigError)): a test should
    /// fail then.
    fn into_test_app(self) -> (Router, ServerLimits);
}

impl IntoTestApp for Router {
    fn into_test_app(self) -> (Router, ServerLimits) {
        (self, ServerLimits::default())
    }
}

impl IntoTestApp for ResumaApp {
    fn into_test_app(self) -> (Router, ServerLimits) {
        let limits = self.limits().clone();
        (self.router(), limits)
    }
}

impl IntoTestApp for FlowApp {
    fn into_test_app(self) -> (Router, ServerLimits) {
        let limits = self.limits_of_server().clone();
        (self.router(), limits)
    }
}

/// An app served on `127.0.0.1` on a free port until this is dropped.
#[derive(Debug)]
pub struct TestServer {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
}

impl TestServer {
    /// Binds a free loopback port and serves `app` there on a task of the current tokio
    /// runtime (a `#[tokio::test]`'s).
    ///
    /// # Panics
    ///
    /// If no port can be bound, or the app cannot start.
    pub async fn start(app: impl IntoTestApp) -> TestServer {
        let (router, limits) = app.into_test_app();
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free loopback port");
        let addr = listener.local_addr().expect("the bound address");
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let shutdown = async move {
                let _ = stopped.await;
            };
            if let Err(err) = crate::serve::serve_until(router, listener, &limits, shutdown).await {
                tracing::error!(%err, "the test server stopped");
            }
        });
        TestServer { addr, stop: Some(stop) }
    }

    /// Where it listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` followed by `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// A new visitor: no cookies, no token yet.
    pub fn client(&self) -> Client {
        Client::new(self.addr)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
