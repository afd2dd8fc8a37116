//! Operations: a health endpoint an app can enable ([`ResumaApp::health`]) and a request
//! id per request ([`RequestId`]): taken from `X-Request-Id` when a trusted proxy sets it
//! (with [`ResumaApp::trust_forwarded_for`]), otherwise made here; each request runs in a
//! `request` span carrying it (so do its loads, server functions and deferred parts), and
//! the response echoes it in `X-Request-Id`.
//!
//! Invariant: no lock and no system call per request: a made id is a per-process random
//! prefix and a counter.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::extract::Request;
use axum::http::header::{HeaderValue, CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::options::AppOptions;
use crate::ResumaApp;

/// The header of a request's id, read from a trusted proxy and written on every response.
pub(super) const REQUEST_ID_HEADER: &str = "x-request-id";
/// The longest incoming id honoured; a longer or odd one is replaced by a made one.
const MAX_ID_LEN: usize = 128;

impl ResumaApp {
    /// Answers `GET path` with `200 ok` (plain text, `Cache-Control: no-store`, no
    /// session cookie), for a load balancer's or orchestrator's health checks. It answers
    /// as long as the process serves requests; it checks no database, so one slow
    /// dependency does not take every replica out of the balancer at once.
    ///
    /// ```
    /// let app = resuma::ResumaApp::new().health("/healthz");
    /// ```
    pub fn health(mut self, path: &str) -> Self {
        self.options.health_path = Some(path.to_owned());
        self
    }
}

/// The id of the request being served, in the request's extensions (a load reads it with
/// `cx.extension::<RequestId>()`, a server function from
/// [`server::request_parts`](crate::server::request_parts)) and in its `request` span.
///
/// ```
/// use resuma::server::RequestId;
///
/// async fn whoami() -> Option<String> {
///     let parts = resuma::server::request_parts()?;
///     Some(parts.extensions.get::<RequestId>()?.as_str().to_owned())
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(Arc<str>);

impl RequestId {
    /// The id as text (what `X-Request-Id` says).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What the router needs from the options for operations, taken before they are consumed.
pub(crate) struct Ops {
    health_path: Option<String>,
    trust_request_id: bool,
}

impl Ops {
    /// Takes the health path; incoming ids are trusted when `X-Forwarded-For` is.
    pub(crate) fn take(options: &mut AppOptions) -> Ops {
        Ops {
            health_path: options.health_path.take(),
            trust_request_id: options.trust_forwarded_for,
        }
    }

    /// Adds the health route, if the app asked for one.
    pub(crate) fn routes(&self, router: Router) -> Router {
        match &self.health_path {
            Some(path) => router.route(path, get(health)),
            None => router,
        }
    }

    /// What gives each request its id and span, for the app's layer.
    pub(crate) fn ids(&self) -> RequestIds {
        RequestIds { made: IdMaker::new(), trust: self.trust_request_id }
    }
}

/// Gives each request its id: a trusted proxy's, or a made one.
pub(crate) struct RequestIds {
    made: IdMaker,
    /// Whether a request's own `X-Request-Id` is kept (behind a trusted proxy).
    trust: bool,
}

impl RequestIds {
    /// The id of `req` (put in its extensions as a [`RequestId`]), its `request` span,
    /// and the header the response echoes it in.
    pub(crate) fn start(&self, req: &mut Request) -> (tracing::Span, Option<HeaderValue>) {
        let incoming = self.trust.then(|| req.headers().get(REQUEST_ID_HEADER)).flatten();
        let (id, header): (Arc<str>, _) = match incoming.filter(|it| is_good_id(it.as_bytes())) {
            // A good id is ASCII.
            Some(value) => (String::from_utf8_lossy(value.as_bytes()).into(), value.clone()),
            None => {
                let made = self.made.next();
                let id = Arc::from(made.as_str());
                // The made text becomes the header's bytes, uncopied.
                match HeaderValue::from_maybe_shared(bytes::Bytes::from(made)) {
                    Ok(header) => (id, header),
                    Err(_) => return (tracing::Span::none(), None),
                }
            }
        };
        let span = tracing::info_span!(
            "request",
            id = %id,
            method = %req.method(),
            path = %req.uri().path(),
        );
        req.extensions_mut().insert(RequestId(id));
        (span, Some(header))
    }
}

async fn health() -> Response {
    (
        [
            (CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8")),
        ],
        "ok",
    )
        .into_response()
}

/// A proxy's id is kept if it is short and plain: letters, digits, `-_.:`.
fn is_good_id(id: &[u8]) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id.iter().all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(b))
}

/// Makes ids `PREFIX-N`: a random prefix per process (so replicas' ids differ), then a
/// counter.
struct IdMaker {
    prefix: String,
    next: AtomicU64,
}

impl IdMaker {
    fn new() -> IdMaker {
        let prefix = match crate::security::random::random_bytes::<4>() {
            Ok(bytes) => bytes.iter().map(|b| format!("{b:02x}")).collect(),
            Err(_) => format!("{:08x}", std::process::id()),
        };
        IdMaker { prefix, next: AtomicU64::new(1) }
    }

    fn next(&self) -> String {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        // `PREFIX-HEX` without the formatting machinery: this runs for every request.
        let digits = (u64::BITS - n.leading_zeros()).div_ceil(4).max(1) as usize;
        let mut id = String::with_capacity(self.prefix.len() + 1 + digits);
        id.push_str(&self.prefix);
        id.push('-');
        for at in (0..digits).rev() {
            id.push(char::from(b"0123456789abcdef"[(n >> (4 * at)) as usize & 0xf]));
        }
        id
    }
}

#[cfg(test)]
mod tests {
    use super::{is_good_id, IdMaker};

    #[test]
    fn made_ids_differ_and_odd_incoming_ones_are_refused() {
        let ids = IdMaker::new();
        for n in [0, 1, 9, 10, 15, 16, 255, 256, 0xdead_beef, u64::MAX] {
            ids.next.store(n, std::sync::atomic::Ordering::Relaxed);
            assert_eq!(ids.next(), format!("{}-{n:x}", ids.prefix));
        }
        let (a, b) = (ids.next(), ids.next());
        assert_ne!(a, b);
        assert!(is_good_id(a.as_bytes()), "{a}");
        assert!(is_good_id(b"0f1e2d3c-7"));
        for bad in [&b""[..], b"a b", b"<script>", &[b'a'; 129]] {
            assert!(!is_good_id(bad), "{bad:?}");
        }
    }
}
