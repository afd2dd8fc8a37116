//! [`LoadCx`], what a `#[load]` fn reads (params, query, headers, cookies, app state,
//! what middleware added, its layouts' data), and [`LoadError`], how it stops the page.
//!
//! Invariant: one `LoadCx` per request, shared by the loads of the page and its layouts
//! (each sees its own level); a layout's data is published when its load ends, so a load
//! waits for a layout only when it asks with [`LoadCx::layout`]: the loads of a route run
//! concurrently otherwise.

use std::any::Any;
use std::fmt;
use std::future::Future;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use axum::extract::Query;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use serde::de::DeserializeOwned;
use tokio::sync::Notify;

use super::params::Params;
use crate::action::StateMap;

/// What a `#[load]` fn gets: the request and the app, for the page or layout it loads.
///
/// ```
/// use resuma::flow::{LoadCx, LoadError};
///
/// #[derive(Clone)]
/// struct Db;
///
/// async fn load(cx: LoadCx) -> Result<String, LoadError> {
///     let _db: Db = cx.state()?; // from `FlowApp::state(Db)`
///     let slug: String = cx.param("slug")?; // a 404 when it does not parse
///     let page: u32 = cx.query::<std::collections::HashMap<String, u32>>()?.get("page").copied().unwrap_or(1);
///     Ok(format!("{slug}, page {page}"))
/// }
/// ```
#[derive(Clone)]
pub struct LoadCx {
    request: Arc<RequestData>,
    /// The layout depth of the load holding it: `0` for the outermost layout, the
    /// number of layouts for the page.
    level: usize,
}

/// What every load of one request shares.
struct RequestData {
    params: Params,
    parts: Parts,
    state: Arc<StateMap>,
    /// One per layout, outermost first: its data once its load has ended.
    layouts: Box<[Slot]>,
    /// `Cache-Control` values set by the loads, with their levels.
    cache: Mutex<Vec<(usize, HeaderValue)>>,
    /// A load deferred a value: the page streams.
    streams: AtomicBool,
    /// How long a deferred value may take before its part shows an error instead (the
    /// app's request timeout: the response has left by then, so only the part can say).
    part_timeout: Option<Duration>,
    /// A load read the request (query, headers, cookies, URI, extensions): its page is
    /// per request, no static file (what `resuma build --static` reports).
    read_request: AtomicBool,
}

/// A layout's data, or that its load failed.
type Published = Result<Arc<dyn Any + Send + Sync>, ()>;

/// Where a layout's load publishes what it gave, for the loads below that wait for it.
/// (A `tokio::sync::watch` channel per layout did the same with an allocation and eight
/// notifiers each, for every request.)
#[derive(Default)]
struct Slot {
    value: OnceLock<Published>,
    ready: Notify,
}

impl Slot {
    fn publish(&self, published: Published) {
        // A layout's load runs once per request: a second value is not expected, and the
        // first one stays.
        let _ = self.value.set(published);
        self.ready.notify_waiters();
    }

    /// What the layout's load gave, once it has.
    async fn wait(&self) -> &Published {
        loop {
            let notified = self.ready.notified();
            let mut notified = std::pin::pin!(notified);
            // Registered before the check, so a publish in between is not missed.
            notified.as_mut().enable();
            if let Some(value) = self.value.get() {
                return value;
            }
            notified.await;
        }
    }
}

impl LoadCx {
    /// The context of a request for a route with `layouts` layouts, at the page's level.
    pub(crate) fn new(
        params: Params,
        parts: Parts,
        state: Arc<StateMap>,
        layouts: usize,
        part_timeout: Option<Duration>,
    ) -> Self {
        let layouts = (0..layouts).map(|_| Slot::default()).collect();
        let request = RequestData {
            params,
            parts,
            state,
            layouts,
            cache: Mutex::new(Vec::new()),
            streams: AtomicBool::new(false),
            read_request: AtomicBool::new(false),
            part_timeout,
        };
        let level = request.layouts.len();
        LoadCx { request: Arc::new(request), level }
    }

    /// The route parameter `name`, parsed with `FromStr`: a missing or unparsable one is
    /// [`LoadError::not_found`] (the request is a 404, not a 500).
    pub fn param<T: FromStr>(&self, name: &str) -> Result<T, LoadError> {
        super::params::param(&self.request.params, name).ok_or_else(LoadError::not_found)
    }

    /// The route parameters, percent-decoded.
    pub fn params(&self) -> &Params {
        &self.request.params
    }

    /// The query string deserialized as `T` (`serde_urlencoded`); one that does not fit
    /// `T` is a `400 Bad Request` saying why.
    pub fn query<T: DeserializeOwned>(&self) -> Result<T, LoadError> {
        self.mark_read();
        Query::<T>::try_from_uri(&self.request.parts.uri)
            .map(|Query(query)| query)
            .map_err(|err| LoadError::status(400, format!("Bad query string: {}", err.body_text())))
    }

    /// The request's headers.
    pub fn headers(&self) -> &HeaderMap {
        self.mark_read();
        &self.request.parts.headers
    }

    /// The request's URI (the path this router saw, and the query).
    pub fn uri(&self) -> &Uri {
        self.mark_read();
        &self.request.parts.uri
    }

    /// The request's method (`GET` or `HEAD` for a page).
    pub fn method(&self) -> &Method {
        &self.request.parts.method
    }

    /// The value of the cookie `name`, if the request has it.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.mark_read();
        crate::http::cookie_value(&self.request.parts.headers, name)
    }

    /// The app state of type `T` given to [`FlowApp::state`](super::FlowApp::state) (a
    /// database pool, say); without one, an internal error naming the type.
    pub fn state<T: Clone + Send + Sync + 'static>(&self) -> Result<T, LoadError> {
        self.request.state.get::<T>().ok_or_else(|| {
            LoadError::internal(format!(
                "no app state of type `{}`: add it with `FlowApp::state(…)`",
                std::any::type_name::<T>()
            ))
        })
    }

    /// A request extension of type `T`, as a middleware inserted it
    /// (`req.extensions_mut().insert(user)`).
    pub fn extension<T: Clone + Send + Sync + 'static>(&self) -> Option<T> {
        self.mark_read();
        self.request.parts.extensions.get::<T>().cloned()
    }

    /// Sets the page's `Cache-Control` (default `private, no-cache`). The values of a page
    /// and its layouts compose into the strictest of each: `no-store` anywhere wins,
    /// `private` beats `public`, the smallest `max-age` holds (a layout's `public,
    /// max-age=600` and its page's `public, max-age=60` give `public, max-age=60`); a load
    /// setting it twice keeps its last value. `#[load(cache = "…")]` calls it first. A
    /// `public` page goes
    /// without its visitor's session (no CSRF token, no cookie), unless it has handlers:
    /// then it stays `private`. A value that is no header value is logged and ignored.
    pub fn cache_control(&self, value: &str) {
        match HeaderValue::from_str(value) {
            Ok(value) => {
                let mut cache = self.request.cache.lock().unwrap_or_else(|it| it.into_inner());
                cache.retain(|(level, _)| *level != self.level);
                cache.push((self.level, value));
            }
            Err(_) => tracing::error!(value, "Cache-Control value is not a header value: ignored"),
        }
    }

    /// The data of the nearest layout above this load whose `#[load]` returns a `T`,
    /// once that load has ended (the one wait between a route's loads). An error when
    /// that load failed (its own error is what the page shows) or no layout above
    /// loads a `T`.
    pub async fn layout<T: Clone + Send + Sync + 'static>(&self) -> Result<T, LoadError> {
        for slot in self.request.layouts[..self.level.min(self.request.layouts.len())].iter().rev()
        {
            match slot.wait().await {
                Ok(data) => {
                    if let Some(data) = data.downcast_ref::<T>() {
                        return Ok(data.clone());
                    }
                }
                Err(()) => return Err(LoadError::internal("a layout's load failed".to_owned())),
            }
        }
        Err(LoadError::internal(format!(
            "no layout above this page loads a `{}`",
            std::any::type_name::<T>()
        )))
    }

    /// This context at layout `level`, for that layout's load (generated code).
    #[doc(hidden)]
    pub fn at(&self, level: usize) -> LoadCx {
        LoadCx { request: Arc::clone(&self.request), level }
    }

    /// Runs the load of layout `level`, publishing its data to the loads below it
    /// (generated code).
    #[doc(hidden)]
    pub async fn run_layout<T: Clone + Send + Sync + 'static>(
        &self,
        level: usize,
        load: impl Future<Output = Result<T, LoadError>>,
    ) -> Result<T, LoadError> {
        let result = load.await;
        if let Some(slot) = self.request.layouts.get(level) {
            slot.publish(match &result {
                Ok(data) => Ok(Arc::new(data.clone())),
                Err(_) => Err(()),
            });
        }
        result
    }

    /// The request's method, URI, headers and extensions.
    fn mark_read(&self) {
        self.request.read_request.store(true, Ordering::Relaxed);
    }

    /// Whether a load read the request beyond its params.
    pub(crate) fn read_request(&self) -> bool {
        self.request.read_request.load(Ordering::Relaxed)
    }

    /// How long a deferred value may take (the app's request timeout).
    pub(crate) fn part_timeout(&self) -> Option<Duration> {
        self.request.part_timeout
    }

    /// Makes the page stream ([`defer`](LoadCx::defer) calls it).
    pub(crate) fn stream(&self) {
        self.request.streams.store(true, Ordering::Relaxed);
    }

    /// Whether a load deferred a value, so the page streams.
    pub(crate) fn streams(&self) -> bool {
        self.request.streams.load(Ordering::Relaxed)
    }

    pub(crate) fn parts(&self) -> &Parts {
        &self.request.parts
    }

    /// The request again, without its body (a page's is empty), for the 404 page a load
    /// asked for: its parts are taken back when the loads let go of this context, as they
    /// have by then, else copied.
    pub(crate) fn into_request(self) -> axum::extract::Request {
        let parts = match Arc::try_unwrap(self.request) {
            Ok(request) => request.parts,
            Err(shared) => shared.parts.clone(),
        };
        axum::extract::Request::from_parts(parts, axum::body::Body::empty())
    }

    /// The `Cache-Control` the loads set, composed: the strictest of each directive
    /// (see [`cache_control`](LoadCx::cache_control)).
    pub(crate) fn cache(&self) -> Option<HeaderValue> {
        let mut cache = self.request.cache.lock().unwrap_or_else(|it| it.into_inner()).clone();
        cache.sort_by_key(|(level, _)| *level);
        let values: Vec<HeaderValue> = cache.into_iter().map(|(_, value)| value).collect();
        crate::cache::compose(&values)
    }
}

impl fmt::Debug for LoadCx {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoadCx")
            .field("uri", &self.request.parts.uri)
            .field("params", &self.request.params)
            .field("level", &self.level)
            .finish_non_exhaustive()
    }
}

/// Why a load stops its page: a redirect, a 404, or an error rendered by the nearest
/// `_error.rs` with its status.
///
/// Any `std::error::Error` converts with `?` into an internal error (`500`): its
/// details go to the log (`tracing`), never to the page, which says only "Internal
/// Server Error". [`LoadError::status`] is for errors the visitor may read.
///
/// ```
/// use resuma::flow::LoadError;
///
/// fn check(signed_in: bool) -> Result<(), LoadError> {
///     if !signed_in {
///         return Err(LoadError::see_other("/login"));
///     }
///     let _n: u32 = "12".parse()?; // a ParseIntError would be a logged 500
///     Ok(())
/// }
/// assert_eq!(check(false).unwrap_err().status_code().as_u16(), 303);
/// ```
pub struct LoadError {
    kind: Kind,
}

enum Kind {
    Redirect { status: StatusCode, location: String },
    NotFound,
    Public { status: StatusCode, message: String },
    Internal(Box<dyn std::error::Error + Send + Sync>),
}

impl LoadError {
    /// A `307 Temporary Redirect` to `location` (a path such as `/login`, or a URL): the
    /// browser asks again with the same method.
    pub fn redirect(location: impl Into<String>) -> LoadError {
        LoadError::redirect_with(StatusCode::TEMPORARY_REDIRECT, location)
    }

    /// A `303 See Other` to `location`: the browser follows with a `GET`.
    pub fn see_other(location: impl Into<String>) -> LoadError {
        LoadError::redirect_with(StatusCode::SEE_OTHER, location)
    }

    /// A `308 Permanent Redirect` to `location` (the page moved for good).
    pub fn permanent_redirect(location: impl Into<String>) -> LoadError {
        LoadError::redirect_with(StatusCode::PERMANENT_REDIRECT, location)
    }

    fn redirect_with(status: StatusCode, location: impl Into<String>) -> LoadError {
        LoadError { kind: Kind::Redirect { status, location: location.into() } }
    }

    /// The page does not exist: the nearest `_404.rs` answers, with status 404.
    pub fn not_found() -> LoadError {
        LoadError { kind: Kind::NotFound }
    }

    /// An error the visitor may read: the nearest `_error.rs` shows `message` with
    /// `status` (a 4xx or 5xx; any other number is a 500).
    pub fn status(status: u16, message: impl Into<String>) -> LoadError {
        let status = StatusCode::from_u16(status)
            .ok()
            .filter(|it| it.is_client_error() || it.is_server_error())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        LoadError { kind: Kind::Public { status, message: message.into() } }
    }

    /// An internal error (`500`): `detail` is logged, the page says only "Internal
    /// Server Error".
    pub fn internal(detail: impl Into<String>) -> LoadError {
        LoadError { kind: Kind::Internal(detail.into().into()) }
    }

    /// The status the response gets.
    pub fn status_code(&self) -> StatusCode {
        match &self.kind {
            Kind::Redirect { status, .. } | Kind::Public { status, .. } => *status,
            Kind::NotFound => StatusCode::NOT_FOUND,
            Kind::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What a deferred part shows of this error, its details logged: a part has no
    /// status or headers of its own, so a redirect or a 404 is an error message too.
    pub(crate) fn into_part_error(self) -> ErrorInfo {
        match self.into_stop() {
            Stop::Error { info, detail } => {
                if let Some(detail) = detail {
                    tracing::error!(error = detail, "a deferred value failed");
                }
                info
            }
            Stop::NotFound => {
                ErrorInfo { status: StatusCode::NOT_FOUND, message: "Not Found".to_owned() }
            }
            Stop::Redirect { location, .. } => {
                tracing::error!(location, "a deferred value redirected: a part cannot");
                ErrorInfo::internal()
            }
        }
    }

    /// What the response is.
    pub(crate) fn into_stop(self) -> Stop {
        match self.kind {
            Kind::Redirect { status, location } => Stop::Redirect { status, location },
            Kind::NotFound => Stop::NotFound,
            Kind::Public { status, message } => {
                Stop::Error { info: ErrorInfo { status, message }, detail: None }
            }
            Kind::Internal(detail) => {
                Stop::Error { info: ErrorInfo::internal(), detail: Some(detail.to_string()) }
            }
        }
    }
}

/// A load error, taken apart for the response.
pub(crate) enum Stop {
    Redirect {
        status: StatusCode,
        location: String,
    },
    NotFound,
    /// `detail` is for the log only.
    Error {
        info: ErrorInfo,
        detail: Option<String>,
    },
}

impl<E: std::error::Error + Send + Sync + 'static> From<E> for LoadError {
    fn from(err: E) -> LoadError {
        LoadError { kind: Kind::Internal(Box::new(err)) }
    }
}

impl fmt::Debug for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Redirect { status, location } => f
                .debug_struct("Redirect")
                .field("status", status)
                .field("location", location)
                .finish(),
            Kind::NotFound => f.write_str("NotFound"),
            Kind::Public { status, message } => {
                f.debug_struct("Status").field("status", status).field("message", message).finish()
            }
            Kind::Internal(err) => f.debug_tuple("Internal").field(err).finish(),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Redirect { status, location } => write!(f, "{status} redirect to {location}"),
            Kind::NotFound => f.write_str("404 Not Found"),
            Kind::Public { status, message } => write!(f, "{status}: {message}"),
            Kind::Internal(err) => write!(f, "500 Internal Server Error: {err}"),
        }
    }
}

/// What an `_error.rs` page shows: the status and a message meant for the visitor
/// (never an internal error's details, which are logged).
///
/// ```
/// use resuma::prelude::*;
/// use resuma::flow::ErrorInfo;
///
/// #[component]
/// pub fn Oops(error: ErrorInfo) -> View {
///     let status = error.status().as_u16();
///     let message = error.message().to_owned();
///     view! { <h1>{status}</h1><p>{message}</p> }
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorInfo {
    status: StatusCode,
    message: String,
}

impl ErrorInfo {
    /// What a 500 shows.
    pub(crate) fn internal() -> ErrorInfo {
        let status = StatusCode::INTERNAL_SERVER_ERROR;
        ErrorInfo { status, message: "Internal Server Error".to_owned() }
    }

    /// What a page past the request timeout shows (503).
    pub(crate) fn timed_out() -> ErrorInfo {
        let status = StatusCode::SERVICE_UNAVAILABLE;
        ErrorInfo { status, message: "The server took too long to answer.".to_owned() }
    }

    /// The response's status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// What the visitor may read: a [`LoadError::status`] message, or the status's
    /// reason ("Internal Server Error").
    pub fn message(&self) -> &str {
        &self.message
    }
}
