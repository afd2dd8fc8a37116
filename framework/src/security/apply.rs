//! [`add_missing`]: the app's security headers put on a response, which the app's layer
//! ([`AppLayer`](crate::app)) does for every response of its router.
//!
//! Invariant: a header the response already has (set by a page, which sets its own nonced
//! CSP, or by the app's handlers) is kept; nothing is locked or boxed, and the values are
//! shared, so adding them copies no header text.

use axum::response::Response;

use super::headers::HeaderSet;

/// Adds each header of `set` that `res` does not have yet.
pub(crate) fn add_missing(set: &HeaderSet, res: &mut Response) {
    let headers = res.headers_mut();
    headers.reserve(set.fixed.len());
    for (name, value) in &set.fixed {
        if !headers.contains_key(name) {
            headers.insert(name.clone(), value.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use axum::http::header::{self, HeaderValue};
    use axum::response::Response;

    use super::add_missing;
    use crate::security::SecurityHeaders;

    #[test]
    fn headers_set_by_the_handler_are_kept() {
        let set = SecurityHeaders::new().compile().unwrap();
        let mut res = Response::new(axum::body::Body::empty());
        let headers = res.headers_mut();
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN"));
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox"));
        add_missing(&set, &mut res);
        assert_eq!(res.headers()[header::X_FRAME_OPTIONS], "SAMEORIGIN");
        assert_eq!(res.headers()[header::CONTENT_SECURITY_POLICY], "sandbox");
        assert_eq!(res.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(res.headers().get_all(header::X_FRAME_OPTIONS).iter().count(), 1);
    }
}
