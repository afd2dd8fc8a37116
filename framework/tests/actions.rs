//! Server function calls over HTTP: one test per way a call can be wrong, each checking
//! status and JSON body and that the next well-formed call still works; panics; the
//! request context; CSRF across two app instances.
//!
//! The actions are registered by hand, the way `#[server]` expands.

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use resuma::__private::{decode_args, inventory, ok_json, result_json, Action, ActionFuture};
use resuma::{server, ResumaApp};
use serde_json::{json, Value};
use support::{call, kind, post, send, session, Session};

// --- The actions -------------------------------------------------------------------------

fn call_add(args: Value) -> ActionFuture {
    Box::pin(async move {
        let (a, b) = decode_args::<(i64, i64)>(args, 2)?;
        ok_json(a.wrapping_add(b))
    })
}
inventory::submit! { Action { name: "add", rate: None, call: call_add } }

fn call_divide(args: Value) -> ActionFuture {
    Box::pin(async move {
        let (a, b) = decode_args::<(i64, i64)>(args, 2)?;
        result_json(a.checked_div(b).ok_or_else(|| "division by zero".to_owned()))
    })
}
inventory::submit! { Action { name: "divide", rate: None, call: call_divide } }

fn call_boom(args: Value) -> ActionFuture {
    Box::pin(async move {
        decode_args::<()>(args, 0)?;
        if std::hint::black_box(true) {
            panic!("boom: a secret detail");
        }
        ok_json(())
    })
}
inventory::submit! { Action { name: "boom", rate: None, call: call_boom } }

fn call_limited(args: Value) -> ActionFuture {
    Box::pin(async move {
        decode_args::<()>(args, 0)?;
        ok_json("fine")
    })
}
inventory::submit! { Action { name: "limited", rate: Some("2/min"), call: call_limited } }

/// App state for `whoami`.
#[derive(Clone)]
struct Greeting(&'static str);

fn call_whoami(args: Value) -> ActionFuture {
    Box::pin(async move {
        decode_args::<()>(args, 0)?;
        let greeting = server::app_state::<Greeting>().map(|it| it.0);
        let sid = server::cookie("resuma_sid");
        let header = server::with_request_parts(|parts| {
            parts.headers.get("x-test").map(|it| it.to_str().unwrap().to_owned())
        })
        .flatten();
        let method = server::request_parts().map(|parts| parts.method.to_string());
        ok_json(json!({"greeting": greeting, "sid": sid, "header": header, "method": method}))
    })
}
inventory::submit! { Action { name: "whoami", rate: None, call: call_whoami } }

// --- Helpers -----------------------------------------------------------------------------

const SECRET: [u8; 32] = [42; 32];

fn app() -> ResumaApp {
    ResumaApp::new()
        .secret(SECRET)
        .page("/", support::caller_page)
        .action_body_limit(1024)
        .state(Greeting("hello"))
}

async fn setup() -> (Router, Session) {
    let router = app().router();
    let session = session(&router).await;
    (router, session)
}

/// A request that still works after whatever the test did.
async fn still_serves(router: &Router, session: &Session) {
    let (status, _, body) = post(router, "add", "[2, 3]", session).await;
    assert_eq!((status, body), (StatusCode::OK, json!({"ok": 5})));
}

#[track_caller]
fn assert_rejected(got: (StatusCode, Value), status: StatusCode, expected_kind: &str) {
    let (got_status, body) = got;
    assert_eq!(got_status, status, "{body}");
    assert_eq!(kind(&body), expected_kind, "{body}");
    assert!(body["error"]["message"].as_str().is_some_and(|it| !it.is_empty()), "{body}");
}

// --- Success -----------------------------------------------------------------------------

#[tokio::test]
async fn a_call_answers_ok_json() {
    let (router, session) = setup().await;
    let (status, headers, body) = post(&router, "add", "[40, 2]", &session).await;
    assert_eq!((status, body), (StatusCode::OK, json!({"ok": 42})));
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
}

#[tokio::test]
async fn an_err_result_is_200_with_err_and_message() {
    let (router, session) = setup().await;
    let (status, _, body) = post(&router, "divide", "[1, 0]", &session).await;
    let expected = json!({"err": "division by zero", "message": "division by zero"});
    assert_eq!((status, body), (StatusCode::OK, expected));
    let (_, _, body) = post(&router, "divide", "[9, 3]", &session).await;
    assert_eq!(body, json!({"ok": 3}));
}

#[tokio::test]
async fn content_type_parameters_are_allowed() {
    let (router, session) = setup().await;
    let req = call("add", &session)
        .header(header::CONTENT_TYPE, "Application/JSON; charset=utf-8")
        .body(Body::from("[1, 1]"))
        .unwrap();
    assert_eq!(send(&router, req).await.2, json!({"ok": 2}));
}

#[tokio::test]
async fn without_origin_sec_fetch_site_same_origin_is_enough() {
    let (router, session) = setup().await;
    let mut req = call("add", &session).body(Body::from("[1, 2]")).unwrap();
    req.headers_mut().remove(header::ORIGIN);
    req.headers_mut().insert("sec-fetch-site", "same-origin".parse().unwrap());
    assert_eq!(send(&router, req).await.0, StatusCode::OK);
}

#[tokio::test]
async fn the_function_sees_the_request_and_app_state_only_through_resuma_server() {
    let (router, session) = setup().await;
    let req = call("whoami", &session).header("x-test", "yes").body(Body::from("[]")).unwrap();
    let (status, _, body) = send(&router, req).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let sid = session.cookie.strip_prefix("resuma_sid=").unwrap();
    assert_eq!(
        body,
        json!({"ok": {"greeting": "hello", "sid": sid, "header": "yes", "method": "POST"}})
    );
}

// --- One test per bad input --------------------------------------------------------------

#[tokio::test]
async fn malformed_json_is_400_bad_json() {
    let (router, session) = setup().await;
    let (status, _, body) = post(&router, "add", "[1, 2", &session).await;
    assert_rejected((status, body.clone()), StatusCode::BAD_REQUEST, "bad_json");
    assert!(body["error"]["message"].as_str().unwrap().starts_with("the body is not valid JSON"));
    still_serves(&router, &session).await;
}

#[tokio::test]
async fn a_body_that_is_not_an_array_is_400_bad_args() {
    let (router, session) = setup().await;
    let (status, _, body) = post(&router, "add", r#"{"a": 1, "b": 2}"#, &session).await;
    assert_rejected((status, body.clone()), StatusCode::BAD_REQUEST, "bad_args");
    assert_eq!(
        body["error"]["message"],
        "the body must be a JSON array of arguments, not an object"
    );
    still_serves(&router, &session).await;
}

#[tokio::test]
async fn wrong_arity_is_400_bad_args() {
    let (router, session) = setup().await;
    let (status, _, body) = post(&router, "add", "[1, 2, 3]", &session).await;
    assert_rejected((status, body.clone()), StatusCode::BAD_REQUEST, "bad_args");
    assert_eq!(body["error"]["message"], "expected 2 arguments, got 3");
    still_serves(&router, &session).await;
}

#[tokio::test]
async fn wrong_argument_type_is_400_naming_the_position() {
    let (router, session) = setup().await;
    let (status, _, body) = post(&router, "add", r#"[1, "two"]"#, &session).await;
    assert_rejected((status, body.clone()), StatusCode::BAD_REQUEST, "bad_args");
    assert_eq!(
        body["error"]["message"],
        r#"argument 2 of 2: invalid type: string "two", expected i64"#
    );
    still_serves(&router, &session).await;
}

#[tokio::test]
async fn unknown_action_is_404() {
    let (router, session) = setup().await;
    let (status, _, body) = post(&router, "nope", "[]", &session).await;
    assert_rejected((status, body.clone()), StatusCode::NOT_FOUND, "not_found");
    assert_eq!(body["error"]["message"], "there is no server function with this name");
    still_serves(&router, &session).await;
}

#[tokio::test]
async fn a_body_over_the_limit_is_413() {
    let (router, session) = setup().await;
    let big = format!("[1, {}]", " ".repeat(2000));
    let (status, _, body) = post(&router, "add", &big, &session).await;
    assert_rejected((status, body), StatusCode::PAYLOAD_TOO_LARGE, "too_large");
    // Also when the body streams in without a Content-Length.
    let chunks = futures_util::stream::iter(
        (0..100).map(|_| Ok::<_, std::io::Error>(axum::body::Bytes::from_static(&[b' '; 64]))),
    );
    let req = call("add", &session).body(Body::from_stream(chunks)).unwrap();
    let (status, _, body) = send(&router, req).await;
    assert_rejected((status, body), StatusCode::PAYLOAD_TOO_LARGE, "too_large");
    still_serves(&router, &session).await;
}

#[tokio::test]
async fn a_missing_token_is_403_bad_csrf() {
    let (router, session) = setup().await;
    let mut req = call("add", &session).body(Body::from("[1, 2]")).unwrap();
    req.headers_mut().remove("x-resuma-csrf");
    let (status, _, body) = send(&router, req).await;
    assert_rejected((status, body), StatusCode::FORBIDDEN, "bad_csrf");
    // Nor does a missing cookie pass with a token.
    let mut req = call("add", &session).body(Body::from("[1, 2]")).unwrap();
    req.headers_mut().remove(header::COOKIE);
    assert_eq!(kind(&send(&router, req).await.2), "bad_csrf");
    still_serves(&router, &session).await;
}

#[tokio::test]
async fn a_token_from_another_session_is_403() {
    let (router, mine) = setup().await;
    let theirs = session(&router).await;
    assert_ne!(mine.token, theirs.token);
    let mixed = Session { cookie: mine.cookie.clone(), token: theirs.token.clone() };
    let (status, _, body) = post(&router, "add", "[1, 2]", &mixed).await;
    assert_rejected((status, body), StatusCode::FORBIDDEN, "bad_csrf");
    still_serves(&router, &mine).await;
    still_serves(&router, &theirs).await;
}

#[tokio::test]
async fn a_token_signed_with_another_secret_is_403() {
    let (router, session) = setup().await;
    let other = app().secret([7u8; 32]).router();
    let foreign = support::session(&other).await;
    let (status, _, body) = post(&router, "add", "[1, 2]", &foreign).await;
    assert_rejected((status, body), StatusCode::FORBIDDEN, "bad_csrf");
    still_serves(&router, &session).await;
}

#[tokio::test]
async fn a_cross_origin_call_is_403_whatever_it_names() {
    let (router, session) = setup().await;
    for name in ["add", "nope", "boom"] {
        for origin in
            ["https://evil.example", "https://example.com.evil.example", "http://example.com:8080"]
        {
            let mut req = call(name, &session).body(Body::from("[1, 2]")).unwrap();
            req.headers_mut().insert(header::ORIGIN, origin.parse().unwrap());
            let (status, _, body) = send(&router, req).await;
            assert_rejected((status, body), StatusCode::FORBIDDEN, "cross_origin");
        }
    }
    // A second Origin header does not hide behind a good first one.
    let req = call("add", &session)
        .header(header::ORIGIN, "https://evil.example")
        .body(Body::from("[1, 2]"))
        .unwrap();
    assert_eq!(kind(&send(&router, req).await.2), "cross_origin");
    // Without Origin, a cross-site Sec-Fetch-Site (or none) is refused too.
    for site in [Some("cross-site"), Some("same-site"), Some("none"), None] {
        let mut req = call("add", &session).body(Body::from("[1, 2]")).unwrap();
        req.headers_mut().remove(header::ORIGIN);
        if let Some(site) = site {
            req.headers_mut().insert("sec-fetch-site", site.parse().unwrap());
        }
        assert_eq!(kind(&send(&router, req).await.2), "cross_origin", "{site:?}");
    }
    still_serves(&router, &session).await;
}

#[tokio::test]
async fn origin_null_is_403() {
    let (router, session) = setup().await;
    let mut req = call("add", &session)
        .header("sec-fetch-site", "same-origin")
        .body(Body::from("[1, 2]"))
        .unwrap();
    req.headers_mut().insert(header::ORIGIN, "null".parse().unwrap());
    let (status, _, body) = send(&router, req).await;
    assert_rejected((status, body), StatusCode::FORBIDDEN, "cross_origin");
    still_serves(&router, &session).await;
}

#[tokio::test]
async fn a_tokenless_call_to_an_unknown_name_is_403_not_404() {
    let (router, session) = setup().await;
    let mut req = call("no-such-action", &session).body(Body::from("[]")).unwrap();
    req.headers_mut().remove("x-resuma-csrf");
    let (status, _, body) = send(&router, req).await;
    assert_rejected((status, body), StatusCode::FORBIDDEN, "bad_csrf");
}

#[tokio::test]
async fn get_on_an_action_is_405() {
    let (router, session) = setup().await;
    let req = Request::get("/_resuma/action/add")
        .header(header::HOST, "example.com")
        .body(Body::empty())
        .unwrap();
    let (status, headers, body) = send(&router, req).await;
    assert_rejected((status, body), StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    assert_eq!(headers[header::ALLOW], "POST");
    still_serves(&router, &session).await;
}

#[tokio::test]
async fn a_form_content_type_is_415() {
    let (router, session) = setup().await;
    for content_type in [Some("application/x-www-form-urlencoded"), Some("text/plain"), None] {
        let mut req = call("add", &session).body(Body::from("[1, 2]")).unwrap();
        req.headers_mut().remove(header::CONTENT_TYPE);
        if let Some(content_type) = content_type {
            req.headers_mut().insert(header::CONTENT_TYPE, content_type.parse().unwrap());
        }
        let (status, _, body) = send(&router, req).await;
        assert_rejected(
            (status, body),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        );
    }
    still_serves(&router, &session).await;
}

#[tokio::test]
async fn too_many_calls_are_429_with_retry_after() {
    let (router, session) = setup().await;
    for _ in 0..2 {
        let (status, _, body) = post(&router, "limited", "[]", &session).await;
        assert_eq!((status, body), (StatusCode::OK, json!({"ok": "fine"})));
    }
    let (status, headers, body) = post(&router, "limited", "[]", &session).await;
    assert_rejected((status, body.clone()), StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    // 2/min: the next call is allowed 30 s after the burst.
    let retry_after: u64 = headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((29..=30).contains(&retry_after), "{retry_after}");
    assert_eq!(body["error"]["message"], format!("too many calls; retry in {retry_after} s"));
    // Other actions have their own buckets.
    still_serves(&router, &session).await;
}

/// Issue #12: the rate limit is taken before the body is read, so a client over its
/// rate costs no body: a call that declares a body and never sends it gets 429 at once,
/// neither 413 (a length over the limit) nor a wait for bytes that never come.
#[tokio::test]
async fn a_client_over_its_rate_gets_429_before_its_body_is_read() {
    let (router, session) = setup().await;
    for _ in 0..2 {
        assert_eq!(post(&router, "limited", "[]", &session).await.0, StatusCode::OK);
    }
    // Over the body limit (1024 bytes), then within it; the body never arrives.
    for declared_len in ["1000000", "1000"] {
        let never_sent =
            futures_util::stream::pending::<Result<axum::body::Bytes, std::io::Error>>();
        let req = call("limited", &session)
            .header(header::CONTENT_LENGTH, declared_len)
            .body(Body::from_stream(never_sent))
            .unwrap();
        let answer = tokio::time::timeout(std::time::Duration::from_secs(2), send(&router, req));
        let (status, _, body) = answer.await.expect("answered without waiting for the body");
        assert_rejected((status, body), StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    }
    still_serves(&router, &session).await;
}

#[tokio::test]
async fn the_app_default_rate_applies_to_actions_without_their_own() {
    let router = app().rate_limit("3/h").router();
    let session = session(&router).await;
    for _ in 0..3 {
        assert_eq!(post(&router, "add", "[1, 1]", &session).await.0, StatusCode::OK);
    }
    let (status, _, body) = post(&router, "add", "[1, 1]", &session).await;
    assert_rejected((status, body), StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    // `limited` keeps its own 2/min.
    assert_eq!(post(&router, "limited", "[]", &session).await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_panicking_action_is_500_and_the_next_call_works() {
    let (router, session) = setup().await;
    for _ in 0..2 {
        let (status, _, body) = post(&router, "boom", "[]", &session).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(
            body,
            json!({"error": {"kind": "panic", "message": "the server function failed"}})
        );
        still_serves(&router, &session).await;
    }
}

// --- Stateless CSRF ----------------------------------------------------------------------

#[tokio::test]
async fn two_instances_with_one_secret_accept_each_others_tokens() {
    let first = app().router();
    let second = ResumaApp::new().secret(SECRET).router();
    let session = session(&first).await;
    let (status, _, body) = post(&second, "add", "[20, 22]", &session).await;
    assert_eq!((status, body), (StatusCode::OK, json!({"ok": 42})));
}

#[tokio::test]
async fn a_page_keeps_a_valid_session_and_replaces_a_malformed_one() {
    let (router, session) = setup().await;
    let req =
        Request::get("/").header(header::COOKIE, &session.cookie).body(Body::empty()).unwrap();
    let res = tower::ServiceExt::oneshot(router.clone(), req).await.unwrap();
    assert!(res.headers().get(header::SET_COOKIE).is_none(), "no new session");
    let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
    assert_eq!(support::meta_token(std::str::from_utf8(&body).unwrap()), session.token);

    let req =
        Request::get("/").header(header::COOKIE, "resuma_sid=forged").body(Body::empty()).unwrap();
    let res = tower::ServiceExt::oneshot(router, req).await.unwrap();
    let cookie = res.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("resuma_sid=") && !cookie.contains("forged"), "{cookie}");
    assert!(cookie.ends_with("; HttpOnly; SameSite=Lax; Path=/"), "{cookie}");
}

#[tokio::test]
async fn a_short_secret_is_a_startup_error() {
    let err = ResumaApp::new().secret("short").try_router().unwrap_err();
    assert!(matches!(err, resuma::ConfigError::SecretTooShort { len_bytes: 5, .. }), "{err:?}");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let err = ResumaApp::new().secret("short").serve_listener(listener).await.unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
}

#[tokio::test]
async fn calls_over_a_real_socket_are_limited_per_peer() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(app().serve_listener(listener));
    let router = app().router(); // same secret: its session works on the server
    let session = session(&router).await;
    let mut statuses = Vec::new();
    for _ in 0..3 {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let request = format!(
            "POST /_resuma/action/limited HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n\
             Cookie: {}\r\nx-resuma-csrf: {}\r\nContent-Type: application/json\r\n\
             Content-Length: 2\r\nConnection: close\r\n\r\n[]",
            session.cookie, session.token
        );
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).await.unwrap();
        statuses.push(response[9..12].to_owned());
    }
    assert_eq!(statuses, ["200", "200", "429"]);
    server.abort();
}
