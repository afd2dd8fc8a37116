//! Small HTTP helpers the pages, the action endpoint and the rejections share: a JSON
//! response, a redirect and a cookie's value.
//!
//! Invariant: a leaf: it imports nothing of this crate, so any module may use it.

use axum::body::Body;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::Value;

const APPLICATION_JSON: HeaderValue = HeaderValue::from_static("application/json");
const NO_STORE: HeaderValue = HeaderValue::from_static("no-store");

/// A JSON response, never cached.
pub(crate) fn json_response(status: StatusCode, body: &Value) -> Response {
    // Writing a `Value` cannot fail: its map keys are strings.
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    let mut res = Response::new(Body::from(bytes));
    *res.status_mut() = status;
    res.headers_mut().insert(header::CONTENT_TYPE, APPLICATION_JSON);
    res.headers_mut().insert(header::CACHE_CONTROL, NO_STORE);
    res
}

/// A redirect: `status` with `Location: location`, never cached; `None` when `location`
/// is no header value (a newline in it, say), which the caller logs as its own error.
pub(crate) fn redirect_response(status: StatusCode, location: &str) -> Option<Response> {
    let value = HeaderValue::from_str(location).ok()?;
    let mut res = Response::new(Body::empty());
    *res.status_mut() = status;
    res.headers_mut().insert(header::LOCATION, value);
    res.headers_mut().insert(header::CACHE_CONTROL, NO_STORE);
    Some(res)
}

/// The value of cookie `name` in the request's `Cookie` header(s): the first one, without
/// surrounding quotes.
pub(crate) fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| key.trim() == name)
        .map(|(_, value)| {
            let value = value.trim();
            value.strip_prefix('"').and_then(|it| it.strip_suffix('"')).unwrap_or(value)
        })
}

#[cfg(test)]
mod tests {
    use axum::http::header::{HeaderMap, HeaderValue, CACHE_CONTROL, CONTENT_TYPE, COOKIE};
    use axum::http::StatusCode;

    use super::{cookie_value, json_response};

    #[test]
    fn cookies_parse_leniently() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static(" a=1 ;b=\"two\"; resuma_sid=short ;c"));
        assert_eq!(cookie_value(&headers, "a"), Some("1"));
        assert_eq!(cookie_value(&headers, "b"), Some("two"));
        assert_eq!(cookie_value(&headers, "c"), None);
        assert_eq!(cookie_value(&headers, "resuma_sid"), Some("short"));
    }

    #[test]
    fn json_responses_are_never_cached() {
        let res = json_response(StatusCode::IM_A_TEAPOT, &serde_json::json!({"ok": 1}));
        assert_eq!(res.status(), StatusCode::IM_A_TEAPOT);
        assert_eq!(res.headers()[CONTENT_TYPE], "application/json");
        assert_eq!(res.headers()[CACHE_CONTROL], "no-store");
    }
}
