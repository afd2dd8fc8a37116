//! The security and server-function settings of a [`ResumaApp`]: secret, cookies,
//! headers, rate limits, body limit, app state, server limits.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::action::StateMap;
use crate::security::{RateLimitStore, SecurityHeaders};
use crate::{ResumaApp, ServerLimits};

/// The default body limit of a server function call.
const DEFAULT_BODY_LIMIT_BYTES: usize = 1024 * 1024;

/// Settings collected by the builder, checked when the router is built.
pub(crate) struct AppOptions {
    pub(crate) secret: Option<Vec<u8>>,
    pub(crate) secure_cookies: bool,
    pub(crate) headers: SecurityHeaders,
    pub(crate) hsts: Option<Duration>,
    pub(crate) rate_limit: Option<String>,
    pub(crate) rate_limit_store: Option<Arc<dyn RateLimitStore>>,
    pub(crate) body_limit_bytes: usize,
    pub(crate) trust_forwarded_for: bool,
    pub(crate) state: StateMap,
    /// Whether responses are compressed (gzip, br) for clients that accept it.
    pub(crate) compression: bool,
    pub(crate) server_limits: ServerLimits,
    /// Where `ResumaApp::health` answers, if anywhere.
    pub(crate) health_path: Option<String>,
}

impl Default for AppOptions {
    fn default() -> Self {
        AppOptions {
            secret: None,
            secure_cookies: false,
            headers: SecurityHeaders::new(),
            hsts: None,
            rate_limit: None,
            rate_limit_store: None,
            body_limit_bytes: DEFAULT_BODY_LIMIT_BYTES,
            trust_forwarded_for: false,
            state: StateMap::default(),
            compression: true,
            server_limits: ServerLimits::default(),
            health_path: None,
        }
    }
}

impl fmt::Debug for AppOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppOptions")
            .field("secret", &self.secret.as_ref().map(|it| format!("{} bytes", it.len())))
            .field("secure_cookies", &self.secure_cookies)
            .field("headers", &self.headers)
            .field("hsts", &self.hsts)
            .field("rate_limit", &self.rate_limit)
            .field("custom_rate_limit_store", &self.rate_limit_store.is_some())
            .field("body_limit_bytes", &self.body_limit_bytes)
            .field("trust_forwarded_for", &self.trust_forwarded_for)
            .field("state", &self.state)
            .field("compression", &self.compression)
            .field("server_limits", &self.server_limits)
            .field("health_path", &self.health_path)
            .finish()
    }
}

impl ResumaApp {
    /// The secret CSRF tokens are signed with: at least 32 bytes (a shorter one makes
    /// [`try_router`](ResumaApp::try_router) fail). Give every replica the same secret and
    /// each accepts the others' tokens.
    ///
    /// Without it the app reads `RESUMA_SECRET` (64+ hex digits, or a raw string of 32+
    /// bytes); without that it makes a random secret at startup and logs a warning:
    /// tokens then die with the process and other replicas refuse them.
    ///
    /// ```
    /// let app = resuma::ResumaApp::new().secret([7u8; 32]);
    /// ```
    pub fn secret(mut self, secret: impl AsRef<[u8]>) -> Self {
        self.options.secret = Some(secret.as_ref().to_vec());
        self
    }

    /// Marks the session cookie `Secure` (sent over HTTPS only). On by itself with
    /// [`hsts`](ResumaApp::hsts).
    ///
    /// ```
    /// let app = resuma::ResumaApp::new().secure_cookies(true);
    /// ```
    pub fn secure_cookies(mut self, secure: bool) -> Self {
        self.options.secure_cookies = secure;
        self
    }

    /// Sends `Strict-Transport-Security: max-age=SECONDS` on every response and marks the
    /// session cookie `Secure`. Only for apps served over HTTPS.
    ///
    /// ```
    /// let app = resuma::ResumaApp::new().hsts(std::time::Duration::from_secs(31_536_000));
    /// ```
    pub fn hsts(mut self, max_age: Duration) -> Self {
        self.options.hsts = Some(max_age);
        self
    }

    /// Replaces the security headers (see [`SecurityHeaders`] for the defaults).
    ///
    /// ```
    /// use resuma::security::SecurityHeaders;
    /// let app = resuma::ResumaApp::new()
    ///     .security(SecurityHeaders::new().remove(axum::http::header::X_FRAME_OPTIONS));
    /// ```
    pub fn security(mut self, headers: SecurityHeaders) -> Self {
        self.options.headers = headers;
        self
    }

    /// The rate limit of server functions that set none (`#[server(rate = "…")]`), per
    /// client and per function: `"100/min"`, `"10/s"`, `"5/h"`. Default: `60/s`. A rate
    /// that does not parse makes [`try_router`](ResumaApp::try_router) fail.
    ///
    /// ```
    /// let app = resuma::ResumaApp::new().rate_limit("100/min");
    /// ```
    pub fn rate_limit(mut self, rate: &str) -> Self {
        self.options.rate_limit = Some(rate.to_owned());
        self
    }

    /// Where rate-limit buckets live. Default: in this process
    /// ([`MemoryRateLimitStore`](crate::security::MemoryRateLimitStore)); with several
    /// replicas, a shared store (e.g. one over Redis) limits clients across all of them.
    ///
    /// ```
    /// use resuma::security::MemoryRateLimitStore;
    /// let app = resuma::ResumaApp::new().rate_limit_store(MemoryRateLimitStore::new());
    /// ```
    pub fn rate_limit_store(mut self, store: impl RateLimitStore) -> Self {
        self.options.rate_limit_store = Some(Arc::new(store));
        self
    }

    /// The largest body a server function call may send (default 1 MiB); a larger one
    /// is refused with `413` without being read past the limit.
    ///
    /// ```
    /// let app = resuma::ResumaApp::new().action_body_limit(64 * 1024);
    /// ```
    pub fn action_body_limit(mut self, limit_bytes: usize) -> Self {
        self.options.body_limit_bytes = limit_bytes;
        self
    }

    /// Rate-limits clients by the last address in `X-Forwarded-For` (the one the nearest
    /// proxy added) instead of the peer address. Only behind a proxy that sets it: anyone
    /// else can write that header. Default: off.
    ///
    /// ```
    /// let app = resuma::ResumaApp::new().trust_forwarded_for(true);
    /// ```
    pub fn trust_forwarded_for(mut self, trust: bool) -> Self {
        self.options.trust_forwarded_for = trust;
        self
    }

    /// Adds app state that server functions read with
    /// [`server::app_state::<T>()`](crate::server::app_state): one value per type, a later
    /// one replacing an earlier one. Each call gets a clone, so share what is expensive
    /// (a pool whose clones share connections, or an `Arc`).
    ///
    /// ```
    /// #[derive(Clone)]
    /// struct Db; // e.g. a connection pool
    /// #[derive(Clone)]
    /// struct Mailer;
    ///
    /// let app = resuma::ResumaApp::new().state(Db).state(Mailer);
    /// ```
    pub fn state<T: Clone + Send + Sync + 'static>(mut self, value: T) -> Self {
        self.options.state.insert(value);
        self
    }

    /// Compresses responses for clients that accept it (default: on): pages, the core and
    /// handler chunks, JSON, with brotli (`br`) or `gzip` as `Accept-Encoding` prefers,
    /// through `tower-http`'s compression layer; a streamed page is gzipped chunk by
    /// chunk, each flushed, so streaming still sends its first bytes early. Turn it off
    /// when a proxy in front compresses instead.
    ///
    /// ```
    /// let app = resuma::ResumaApp::new().compression(false);
    /// ```
    pub fn compression(mut self, on: bool) -> Self {
        self.options.compression = on;
        self
    }
    /// The limits that keep one client, or a flood of them, from holding the server:
    /// timeouts for a request's head, body and answer, for silent connections, and a cap
    /// on open connections. See [`ServerLimits`] for each and its default (all on).
    ///
    /// The request and body timeouts are part of the [`router`](ResumaApp::router); the
    /// connection limits apply when the app serves itself ([`serve`](ResumaApp::serve),
    /// [`serve_listener`](ResumaApp::serve_listener), [`run`](ResumaApp::run)).
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let app = resuma::ResumaApp::new().server_limits(
    ///     resuma::ServerLimits::default()
    ///         .request_timeout(Duration::from_secs(10))
    ///         .max_connections(5_000),
    /// );
    /// ```
    pub fn server_limits(mut self, limits: ServerLimits) -> Self {
        self.options.server_limits = limits;
        self
    }

    /// The app's server limits, for `FlowApp`'s `serve`.
    pub(crate) fn limits(&self) -> &ServerLimits {
        &self.options.server_limits
    }
}
