//! [`ActionRejection`]: every way a server function call can fail, each with its HTTP
//! status and JSON body.
//!
//! Invariant: a rejection's body is `{"error": {"kind": KIND, "message": MESSAGE}}` and
//! says nothing about the server's internals (a panic's message stays in the log).

use std::fmt;
use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Why a call to a server function (`POST /_resuma/action/{name}`) was refused or failed.
///
/// Each variant answers its own status with a JSON body
/// `{"error": {"kind": "…", "message": "…"}}`:
///
/// | variant | status | kind |
/// | --- | --- | --- |
/// | [`MethodNotAllowed`](Self::MethodNotAllowed) | 405 | `method_not_allowed` |
/// | [`CrossOrigin`](Self::CrossOrigin) | 403 | `cross_origin` |
/// | [`BadCsrf`](Self::BadCsrf) | 403 | `bad_csrf` |
/// | [`UnsupportedMediaType`](Self::UnsupportedMediaType) | 415 | `unsupported_media_type` |
/// | [`NotFound`](Self::NotFound) | 404 | `not_found` |
/// | [`TooLarge`](Self::TooLarge) | 413 | `too_large` |
/// | [`RateLimited`](Self::RateLimited) | 429 (+ `Retry-After`) | `rate_limited` |
/// | [`UnreadableBody`](Self::UnreadableBody) | 400 | `unreadable_body` |
/// | [`BadJson`](Self::BadJson) | 400 | `bad_json` |
/// | [`BadArgs`](Self::BadArgs) | 400 | `bad_args` |
/// | [`BodyTimeout`](Self::BodyTimeout) | 408 | `body_timeout` |
/// | [`Timeout`](Self::Timeout) | 503 | `timeout` |
/// | [`Panicked`](Self::Panicked) | 500 | `panic` |
/// | [`UnserializableResult`](Self::UnserializableResult) | 500 | `internal` |
///
/// ```
/// use axum::response::IntoResponse;
/// use resuma::ActionRejection;
///
/// let res = ActionRejection::BadArgs("argument 1 of 1: invalid type".into()).into_response();
/// assert_eq!(res.status(), 400);
/// assert_eq!(ActionRejection::BadCsrf.kind(), "bad_csrf");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum ActionRejection {
    /// The request was not a `POST`.
    MethodNotAllowed,
    /// `Origin` names another site (or is `null`), or, without `Origin`,
    /// `Sec-Fetch-Site` is not `same-origin`.
    CrossOrigin,
    /// The `x-resuma-csrf` header is missing or is not the token of the session cookie.
    BadCsrf,
    /// The body is not `application/json`.
    UnsupportedMediaType,
    /// No server function has this name.
    NotFound,
    /// The body is over the app's limit
    /// ([`ResumaApp::action_body_limit`](crate::ResumaApp::action_body_limit)).
    TooLarge,
    /// This client called this server function too often.
    RateLimited {
        /// When a call will be accepted again (sent as `Retry-After`, in whole seconds).
        retry_after: Duration,
    },
    /// The body could not be read (the connection failed mid-body).
    UnreadableBody(axum::Error),
    /// The body is not JSON.
    BadJson(serde_json::Error),
    /// The body is JSON, but not an array of arguments of the right number and types. The
    /// message names the argument at fault.
    BadArgs(String),
    /// The body did not arrive within the body timeout
    /// ([`ServerLimits::body_timeout`](crate::ServerLimits::body_timeout)).
    BodyTimeout,
    /// The server function did not answer within the request timeout
    /// ([`ServerLimits::request_timeout`](crate::ServerLimits::request_timeout)); its
    /// future was dropped.
    Timeout,
    /// The server function panicked. The panic is logged; the client learns nothing more.
    Panicked,
    /// The server function's result could not be turned into JSON.
    UnserializableResult(serde_json::Error),
}

impl ActionRejection {
    /// The HTTP status this rejection answers.
    ///
    /// ```
    /// assert_eq!(resuma::ActionRejection::TooLarge.status(), 413);
    /// ```
    pub fn status(&self) -> StatusCode {
        match self {
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::CrossOrigin | Self::BadCsrf => StatusCode::FORBIDDEN,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::UnreadableBody(_) | Self::BadJson(_) | Self::BadArgs(_) => {
                StatusCode::BAD_REQUEST
            }
            Self::BodyTimeout => StatusCode::REQUEST_TIMEOUT,
            Self::Timeout => StatusCode::SERVICE_UNAVAILABLE,
            Self::Panicked | Self::UnserializableResult(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable, machine-readable name of this rejection: the body's `error.kind`.
    ///
    /// ```
    /// assert_eq!(resuma::ActionRejection::Panicked.kind(), "panic");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Self::MethodNotAllowed => "method_not_allowed",
            Self::CrossOrigin => "cross_origin",
            Self::BadCsrf => "bad_csrf",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::NotFound => "not_found",
            Self::TooLarge => "too_large",
            Self::RateLimited { .. } => "rate_limited",
            Self::UnreadableBody(_) => "unreadable_body",
            Self::BadJson(_) => "bad_json",
            Self::BadArgs(_) => "bad_args",
            Self::BodyTimeout => "body_timeout",
            Self::Timeout => "timeout",
            Self::Panicked => "panic",
            Self::UnserializableResult(_) => "internal",
        }
    }
}

impl fmt::Display for ActionRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MethodNotAllowed => f.write_str("server functions are called with POST"),
            Self::CrossOrigin => f.write_str("cross-origin calls to server functions are refused"),
            Self::BadCsrf => f.write_str(
                "the CSRF token is missing or invalid for this session; reload the page",
            ),
            Self::UnsupportedMediaType => {
                f.write_str("the body of a server function call must be application/json")
            }
            Self::NotFound => f.write_str("there is no server function with this name"),
            Self::TooLarge => {
                f.write_str("the body is over the size limit for server function calls")
            }
            Self::RateLimited { retry_after } => {
                write!(f, "too many calls; retry in {} s", retry_after_secs(*retry_after))
            }
            Self::UnreadableBody(_) => f.write_str("the request body could not be read"),
            Self::BadJson(err) => write!(f, "the body is not valid JSON: {err}"),
            Self::BadArgs(message) => f.write_str(message),
            Self::BodyTimeout => f.write_str("the request body took too long to arrive"),
            Self::Timeout => f.write_str("the server took too long to answer; try again"),
            Self::Panicked => f.write_str("the server function failed"),
            Self::UnserializableResult(_) => {
                f.write_str("the server function's result could not be serialised")
            }
        }
    }
}

impl std::error::Error for ActionRejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::UnreadableBody(err) => Some(err),
            Self::BadJson(err) | Self::UnserializableResult(err) => Some(err),
            _ => None,
        }
    }
}

impl IntoResponse for ActionRejection {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": { "kind": self.kind(), "message": self.to_string() }
        });
        let mut res = crate::http::json_response(self.status(), &body);
        match self {
            Self::RateLimited { retry_after } => {
                res.headers_mut().insert(header::RETRY_AFTER, retry_after_secs(retry_after).into());
            }
            Self::MethodNotAllowed => {
                res.headers_mut().insert(header::ALLOW, HeaderValue::from_static("POST"));
            }
            _ => {}
        }
        res
    }
}

/// `Retry-After` in whole seconds, rounded up, at least 1 (0 would invite a busy loop).
fn retry_after_secs(retry_after: Duration) -> u64 {
    let secs = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
    secs.max(1)
}

#[cfg(test)]
mod tests {
    use std::error::Error as _;
    use std::time::Duration;

    use axum::response::IntoResponse;

    use super::{retry_after_secs, ActionRejection};

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        assert_eq!(retry_after_secs(Duration::ZERO), 1);
        assert_eq!(retry_after_secs(Duration::from_millis(1)), 1);
        assert_eq!(retry_after_secs(Duration::from_millis(1500)), 2);
        assert_eq!(retry_after_secs(Duration::from_secs(60)), 60);
    }

    #[tokio::test]
    async fn body_is_kind_and_message() {
        let rejection = ActionRejection::RateLimited { retry_after: Duration::from_millis(2500) };
        let res = rejection.into_response();
        assert_eq!(res.status(), 429);
        assert_eq!(res.headers()["retry-after"], "3");
        assert_eq!(res.headers()["content-type"], "application/json");
        let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"error": {"kind": "rate_limited", "message": "too many calls; retry in 3 s"}})
        );
    }

    #[test]
    fn json_errors_are_the_source() {
        let err = serde_json::from_str::<serde_json::Value>("{").unwrap_err();
        let rejection = ActionRejection::BadJson(err);
        assert!(rejection.source().is_some());
        assert!(rejection.to_string().starts_with("the body is not valid JSON: "));
        assert!(ActionRejection::BadCsrf.source().is_none());
    }
}
