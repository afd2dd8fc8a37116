//! The built-in server and its limits: [`ServerLimits`], the accept loop of
//! [`ResumaApp::serve`](crate::ResumaApp::serve) (`accept.rs`, on hyper's HTTP/1), and the
//! per-request part any server can use, [`limits_layer`] (`layer.rs`). The guide is
//! [`crate::guide::limits`].
//!
//! Invariant: every resource a client can hold has a bound by default — a connection slot
//! (`max_connections`), the time to send a request head (`header_read_timeout`, which also
//! ends idle keep-alive connections), its size (`max_header_bytes`), a silent connection (`idle_timeout`), a request body
//! (`body_timeout`) and the answer itself (`request_timeout`); each bound can be turned off
//! on purpose with `None`, never by accident. A connection is hyper's only once its first
//! head has arrived (`head.rs`), so a slow client holds ~2 KB, not hyper's buffers.

mod accept;
mod body;
mod head;
mod idle;
mod layer;

use std::time::Duration;

pub(crate) use accept::serve_router;
#[cfg(feature = "test")]
pub(crate) use accept::serve_until;
pub use layer::{limits_layer, LimitsLayer, LimitsService};
pub(crate) use layer::{request_deadline, take_ready, DeadlineAnswer, Guard};

/// The default [`ServerLimits::header_read_timeout`].
const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// The default [`ServerLimits::idle_timeout`].
const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// The default [`ServerLimits::max_connections`].
const DEFAULT_MAX_CONNECTIONS: usize = 10_000;
/// The default [`ServerLimits::max_header_bytes`].
const DEFAULT_MAX_HEADER_BYTES: usize = 64 * 1024;
/// hyper's smallest read buffer: a lower [`ServerLimits::max_header_bytes`] is raised to it.
const MIN_HEADER_BYTES: usize = 8 * 1024;
/// The default [`ServerLimits::body_timeout`].
const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(30);
/// The default [`ServerLimits::request_timeout`].
const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// How much of the server one client may hold, and for how long: the limits of
/// [`ResumaApp::serve`](crate::ResumaApp::serve) and its siblings, set with
/// [`ResumaApp::server_limits`](crate::ResumaApp::server_limits). The guide is
/// [`crate::guide::limits`].
///
/// | limit | default | when exceeded |
/// | --- | --- | --- |
/// | [`header_read_timeout`](Self::header_read_timeout) | 10 s | the connection is closed |
/// | [`idle_timeout`](Self::idle_timeout) | 60 s | the connection is closed |
/// | [`max_connections`](Self::max_connections) | 10 000 | new connections wait in the listen backlog |
/// | [`max_header_bytes`](Self::max_header_bytes) | 64 KiB | `431`, the connection closed |
/// | [`body_timeout`](Self::body_timeout) | 30 s | `408`, the handler's future dropped |
/// | [`request_timeout`](Self::request_timeout) | 30 s | `503`, the handler's future dropped |
///
/// The first four are the server's (they hold for `serve`, `serve_listener` and `run`);
/// the last two are the router's, so they also hold when another server runs the router
/// ([`limits_layer`] gives them to routes of your own). `None` turns a limit off.
///
/// ```
/// use std::time::Duration;
/// use resuma::ServerLimits;
///
/// let limits = ServerLimits::default()
///     .header_read_timeout(Duration::from_secs(5))
///     .max_connections(2_000)
///     // A route that streams for minutes: no deadline for the whole answer.
///     .request_timeout(None);
/// assert_eq!(limits.get_max_connections(), Some(2_000));
/// assert_eq!(limits.get_request_timeout(), None);
/// let app = resuma::ResumaApp::new().server_limits(limits);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerLimits {
    header_read_timeout: Option<Duration>,
    idle_timeout: Option<Duration>,
    max_connections: Option<usize>,
    max_header_bytes: Option<usize>,
    body_timeout: Option<Duration>,
    request_timeout: Option<Duration>,
}

impl Default for ServerLimits {
    fn default() -> Self {
        ServerLimits {
            header_read_timeout: Some(DEFAULT_HEADER_READ_TIMEOUT),
            idle_timeout: Some(DEFAULT_IDLE_TIMEOUT),
            max_connections: Some(DEFAULT_MAX_CONNECTIONS),
            max_header_bytes: Some(DEFAULT_MAX_HEADER_BYTES),
            body_timeout: Some(DEFAULT_BODY_TIMEOUT),
            request_timeout: Some(DEFAULT_REQUEST_TIMEOUT),
        }
    }
}

impl ServerLimits {
    /// The defaults (see the table above).
    ///
    /// ```
    /// assert_eq!(resuma::ServerLimits::new(), resuma::ServerLimits::default());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Every limit off: the server then holds as many connections, for as long, as
    /// clients like (only for a server behind a proxy that bounds them).
    ///
    /// ```
    /// let limits = resuma::ServerLimits::unlimited();
    /// assert_eq!(limits.get_header_read_timeout(), None);
    /// ```
    pub fn unlimited() -> Self {
        ServerLimits {
            header_read_timeout: None,
            idle_timeout: None,
            max_connections: None,
            max_header_bytes: None,
            body_timeout: None,
            request_timeout: None,
        }
    }

    /// How long a client has to send a request's head (request line and headers),
    /// default 10 s; a slower one is disconnected (the slowloris attack). The clock starts
    /// when the connection opens and again when the previous response is sent, so it is
    /// also how long an idle keep-alive connection stays open.
    ///
    /// ```
    /// let limits = resuma::ServerLimits::new()
    ///     .header_read_timeout(std::time::Duration::from_secs(5));
    /// ```
    pub fn header_read_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.header_read_timeout = timeout.into();
        self
    }

    /// How long a connection may go without a byte read or written, default 60 s: a
    /// client that stops sending a body or stops reading a response loses its connection.
    /// A route that streams with long pauses needs a longer one (or `None`).
    ///
    /// ```
    /// let limits = resuma::ServerLimits::new().idle_timeout(std::time::Duration::from_secs(120));
    /// ```
    pub fn idle_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.idle_timeout = timeout.into();
        self
    }

    /// The most connections served at once, default 10 000 (keep the process's open-file
    /// limit, `ulimit -n`, above it). When it is reached the server stops accepting and logs
    /// one warning (at most one per 10 s): new connections wait in the kernel's listen
    /// backlog and are served as others close, so no client sees an error for a short
    /// burst, and a flood cannot use up the process's file descriptors.
    ///
    /// ```
    /// let limits = resuma::ServerLimits::new().max_connections(1_000);
    /// ```
    pub fn max_connections(mut self, max: impl Into<Option<usize>>) -> Self {
        self.max_connections = max.into().map(|it| it.max(1));
        self
    }

    /// The largest request head (request line and headers) the server reads, default 64
    /// KiB (at least 8 KiB); a larger one is answered `431` and its connection closed.
    /// Bounds each connection's read buffer too, and the cost of parsing a head sent a byte
    /// at a time. `None` leaves hyper's own limit (about 400 KiB).
    ///
    /// ```
    /// let limits = resuma::ServerLimits::new().max_header_bytes(16 * 1024);
    /// ```
    pub fn max_header_bytes(mut self, max_bytes: impl Into<Option<usize>>) -> Self {
        self.max_header_bytes = max_bytes.into().map(|it| it.max(MIN_HEADER_BYTES));
        self
    }

    /// How long a request's body may take to arrive, counted from the request's start,
    /// default 30 s. A handler still reading it then is dropped and the client gets `408
    /// Request Timeout` (JSON for server functions, an HTML page otherwise).
    ///
    /// ```
    /// let limits = resuma::ServerLimits::new().body_timeout(std::time::Duration::from_secs(120));
    /// ```
    pub fn body_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.body_timeout = timeout.into();
        self
    }

    /// How long the app may take to answer a request (middlewares, loads, submit, render,
    /// or a server function), default 30 s. Past it the work is dropped (its future is
    /// never polled again, so what it holds is released) and the client gets `503 Service
    /// Unavailable`: JSON (`"kind": "timeout"`) for server functions, an HTML page
    /// otherwise. A response whose head is sent is not cut (a streaming page's body is
    /// bounded by [`idle_timeout`](Self::idle_timeout) only).
    ///
    /// ```
    /// let limits = resuma::ServerLimits::new().request_timeout(std::time::Duration::from_secs(5));
    /// ```
    pub fn request_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.request_timeout = timeout.into();
        self
    }

    /// The request timeout set (what a Flow page's deferred parts are bounded by too).
    pub(crate) fn request_timeout_set(&self) -> Option<Duration> {
        self.request_timeout
    }

    /// See [`header_read_timeout`](Self::header_read_timeout).
    pub fn get_header_read_timeout(&self) -> Option<Duration> {
        self.header_read_timeout
    }

    /// See [`idle_timeout`](Self::idle_timeout).
    pub fn get_idle_timeout(&self) -> Option<Duration> {
        self.idle_timeout
    }

    /// See [`max_connections`](Self::max_connections).
    pub fn get_max_connections(&self) -> Option<usize> {
        self.max_connections
    }

    /// See [`max_header_bytes`](Self::max_header_bytes).
    pub fn get_max_header_bytes(&self) -> Option<usize> {
        self.max_header_bytes
    }

    /// See [`body_timeout`](Self::body_timeout).
    pub fn get_body_timeout(&self) -> Option<Duration> {
        self.body_timeout
    }

    /// See [`request_timeout`](Self::request_timeout).
    pub fn get_request_timeout(&self) -> Option<Duration> {
        self.request_timeout
    }
}
