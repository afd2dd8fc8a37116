//! Calling server functions over `tower::ServiceExt::oneshot`: a session from a page,
//! then well-formed calls that each test breaks in one way.

#![allow(dead_code)] // each test binary uses its own part

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use serde_json::Value;
use tower::ServiceExt;

/// The host every test request is addressed to.
pub(crate) const HOST: &str = "example.com";
/// An `Origin` of the same site.
pub(crate) const ORIGIN: &str = "https://example.com";

/// A client's session: its cookie and the CSRF token its page carried.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub(crate) cookie: String,
    pub(crate) token: String,
}

/// A page whose button has a handler, so it carries its visitor's CSRF token (a page
/// with no script or form carries none and starts no session): the `/` of the apps
/// whose tests call server functions.
pub(crate) fn caller_page() -> resuma::View {
    resuma::View::new(|h| {
        resuma::__private::use_event("click");
        h.push_static("<button>call</button>");
    })
}

/// Opens `/` like a browser and keeps what it set: the session cookie and the token.
pub(crate) async fn session(router: &Router) -> Session {
    session_at(router, "/").await
}

/// Opens `path` like a browser and keeps what it set: the session cookie and the token.
pub(crate) async fn session_at(router: &Router, path: &str) -> Session {
    let req = Request::get(path).header(header::HOST, HOST).body(Body::empty()).unwrap();
    let res = router.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let set_cookie = res.headers()[header::SET_COOKIE].to_str().unwrap().to_owned();
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
    let html = String::from_utf8(body.to_vec()).unwrap();
    Session { cookie, token: meta_token(&html).to_owned() }
}

/// The content of `<meta name="resuma-csrf">`.
pub(crate) fn meta_token(html: &str) -> &str {
    let start = html.find(r#"<meta name="resuma-csrf" content=""#).expect("a CSRF meta") + 34;
    let len = html[start..].find('"').unwrap();
    &html[start..start + len]
}

/// The head of a well-formed call of `name` in `session`; each test changes one thing.
pub(crate) fn call(name: &str, session: &Session) -> axum::http::request::Builder {
    Request::post(format!("/_resuma/action/{name}"))
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::COOKIE, &session.cookie)
        .header("x-resuma-csrf", &session.token)
        .header(header::CONTENT_TYPE, "application/json")
}

/// Sends a well-formed call of `name` with `body`.
pub(crate) async fn post(
    router: &Router,
    name: &str,
    body: &str,
    session: &Session,
) -> (StatusCode, HeaderMap, Value) {
    send(router, call(name, session).body(Body::from(body.to_owned())).unwrap()).await
}

/// Sends `req` and returns the status, the headers and the body as JSON.
pub(crate) async fn send(router: &Router, req: Request<Body>) -> (StatusCode, HeaderMap, Value) {
    let res = router.clone().oneshot(req).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
    let json = serde_json::from_slice(&body)
        .unwrap_or_else(|err| panic!("not JSON ({err}): {}", String::from_utf8_lossy(&body)));
    (status, headers, json)
}

/// The `error.kind` of a rejection body.
pub(crate) fn kind(body: &Value) -> &str {
    body["error"]["kind"].as_str().unwrap_or_else(|| panic!("no error.kind in {body}"))
}
