//! Operations: the health endpoint answers without a session, and every request gets an
//! id (made here, or a trusted proxy's) in its `X-Request-Id` and in the `request` span
//! its server function logs in.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use resuma::__private::{decode_args, inventory, ok_json, Action, ActionFuture};
use resuma::{server, Page, ResumaApp, View};
use support::{call, send, session};
use tower::ServiceExt;

fn call_request_id(args: serde_json::Value) -> ActionFuture {
    Box::pin(async move {
        decode_args::<()>(args, 0)?;
        tracing::info!("inside the server function");
        let id = server::request_parts()
            .and_then(|parts| parts.extensions.get::<server::RequestId>().cloned())
            .map(|it| it.to_string());
        ok_json(id)
    })
}
inventory::submit! { Action { name: "request_id", rate: None, call: call_request_id } }

fn app() -> ResumaApp {
    ResumaApp::new()
        .secret("s".repeat(32))
        .page("/", support::caller_page)
        .page("/streamed", Page::new(streamed).streaming(true))
        .health("/healthz")
}

/// A page rendered as its body streams, after the handler returned the head.
fn streamed() -> View {
    tracing::info!("rendering the streamed page");
    View::empty()
}

#[tokio::test]
async fn health_answers_200_without_a_session() {
    let router = app().router();
    let req = Request::get("/healthz").body(Body::empty()).unwrap();
    let res = router.oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().get(header::SET_COOKIE).is_none());
    assert_eq!(res.headers()[header::CACHE_CONTROL], "no-store");
    let body = axum::body::to_bytes(res.into_body(), 100).await.unwrap();
    assert_eq!(&body[..], b"ok");
    // Off unless asked for.
    let plain = ResumaApp::new().secret("s".repeat(32)).page("/", View::empty).router();
    let res = plain.oneshot(Request::get("/healthz").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

/// Log lines, kept for the test to read.
#[derive(Clone, Default)]
struct Lines(Arc<Mutex<Vec<u8>>>);

impl Write for Lines {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn requests_have_ids_in_their_span_and_response() {
    let lines = Lines::default();
    let writer = lines.clone();
    let subscriber =
        tracing_subscriber::fmt().with_writer(move || writer.clone()).with_ansi(false).finish();
    // Global, not `set_default`: a thread-local subscriber can miss callsites whose
    // interest another test's thread cached first. The only one in this binary.
    tracing::subscriber::set_global_default(subscriber).unwrap();

    let router = app().router();
    let session = session(&router).await;
    let (status, headers, body) =
        send(&router, call("request_id", &session).body(Body::from("[]")).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    let id = headers["x-request-id"].to_str().unwrap().to_owned();
    assert_eq!(body, serde_json::json!({ "ok": id }), "the server function sees the id");
    let log = String::from_utf8(lines.0.lock().unwrap().clone()).unwrap();
    let line = log.lines().find(|it| it.contains("inside the server function")).unwrap();
    assert!(
        line.contains(&format!("request{{id={id} method=POST path=/_resuma/action/request_id}}")),
        "{line}"
    );

    // A streamed page renders after its head left: its log lines are still the request's.
    let res = router.clone().oneshot(Request::get("/streamed").body(Body::empty()).unwrap());
    let res = res.await.unwrap();
    let id = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap();
    let log = String::from_utf8(lines.0.lock().unwrap().clone()).unwrap();
    let line = log.lines().find(|it| it.contains("rendering the streamed page")).unwrap();
    assert!(line.contains(&format!("request{{id={id} method=GET path=/streamed}}")), "{line}");

    // A proxy's id is ignored unless the proxy is trusted…
    let forged = call("request_id", &session).header("x-request-id", "from-proxy-1");
    let (_, headers, _) = send(&router, forged.body(Body::from("[]")).unwrap()).await;
    assert_ne!(headers["x-request-id"], "from-proxy-1");
    // …and kept when it is.
    let trusted = app().trust_forwarded_for(true).router();
    let session = support::session(&trusted).await;
    let proxied = call("request_id", &session).header("x-request-id", "from-proxy-1");
    let (_, headers, body) = send(&trusted, proxied.body(Body::from("[]")).unwrap()).await;
    assert_eq!(headers["x-request-id"], "from-proxy-1");
    assert_eq!(body, serde_json::json!({ "ok": "from-proxy-1" }));
}
