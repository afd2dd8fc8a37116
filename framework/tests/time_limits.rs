//! Issue #18, request time limits and panics: a page render, a load, a submit, a
//! middleware and a server function that take longer than
//! `ServerLimits::request_timeout` answer 503 (HTML, or JSON for the server function); a
//! body slower than `body_timeout` answers 408; a panicking load or middleware answers
//! 500; and the next request after each is served.

#![allow(missing_docs)]

mod support;

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::response::Response;
use axum::Router;
use resuma::__private::{decode_args, inventory, ok_json, Action, ActionFuture};
use resuma::flow::{
    ErrorInfo, FlowApp, FormError, Next, Outcome, Pages, Route, SubmitCx, Submitted,
};
use resuma::prelude::*;
use resuma::{limits_layer, Page, ServerLimits};
use serde::Deserialize;
use serde_json::{json, Value};
use support::{call, kind, post, session};
use tower::ServiceExt as _;

/// Short enough to keep the tests fast, long enough that a good request never meets it.
const REQUEST_TIMEOUT: Duration = Duration::from_millis(300);
const BODY_TIMEOUT: Duration = Duration::from_millis(150);
/// Longer than any limit: what the slow handlers would take.
const FOREVER: Duration = Duration::from_secs(3600);

// --- Server functions ---------------------------------------------------------------------

fn call_slow(args: Value) -> ActionFuture {
    Box::pin(async move {
        decode_args::<()>(args, 0)?;
        tokio::time::sleep(FOREVER).await;
        ok_json("too late")
    })
}
inventory::submit! { Action { name: "slow", rate: None, call: call_slow } }

fn call_add(args: Value) -> ActionFuture {
    Box::pin(async move {
        let (a, b) = decode_args::<(i64, i64)>(args, 2)?;
        ok_json(a + b)
    })
}
inventory::submit! { Action { name: "add", rate: None, call: call_add } }

// --- Flow routes --------------------------------------------------------------------------

fn plain() -> Route {
    Route::new(|_| {
        Box::pin(async { Outcome::new().page(Ok(|| View::new(|h| h.push_static("<p>ok</p>")))) })
    })
}

fn slow_load() -> Route {
    Route::new(|_| {
        Box::pin(async {
            tokio::time::sleep(FOREVER).await;
            Outcome::new().page(Ok(View::empty))
        })
    })
}

fn panicking_load() -> Route {
    Route::new(|_| {
        Box::pin(async {
            if std::hint::black_box(true) {
                panic!("the load blew up: a secret detail");
            }
            Outcome::new().page(Ok(View::empty))
        })
    })
}

fn slow_middleware(req: Request<Body>, next: Next) -> resuma::flow::BoxFuture<Response> {
    Box::pin(async move {
        tokio::time::sleep(FOREVER).await;
        next.run(req).await
    })
}

fn panicking_middleware(req: Request<Body>, next: Next) -> resuma::flow::BoxFuture<Response> {
    Box::pin(async move {
        if std::hint::black_box(true) {
            panic!("the middleware blew up: a secret detail");
        }
        next.run(req).await
    })
}

#[derive(Deserialize)]
pub struct Wait {
    #[allow(dead_code)]
    seconds: u32,
}

#[submit]
pub async fn wait(_cx: SubmitCx, _form: Wait) -> Result<Submitted, FormError> {
    tokio::time::sleep(FOREVER).await;
    Ok(Submitted::redirect("/"))
}

#[component]
pub fn WaitPage() -> View {
    view! {
        <Form submit={wait}><input name="seconds"/></Form>
    }
}

fn form_route() -> Route {
    Route::new(|_| {
        Box::pin(async {
            Outcome::new().page(Ok(|| {
                View::new(|h| resuma::Component::render(WaitPage::builder().build(), h))
            }))
        })
    })
    .submit(resuma::flow::Submission::new("wait", wait))
}

/// The app's `_error.rs`: what went wrong, in the app's own words.
fn oops(info: ErrorInfo) -> View {
    View::new(move |h| {
        h.push_static("<h1>Oops</h1><p>");
        h.push_text(info.status().as_str());
        h.push_static(": ");
        h.push_text(info.message());
        h.push_static("</p>");
    })
}

fn app() -> Router {
    let limits =
        ServerLimits::default().request_timeout(REQUEST_TIMEOUT).body_timeout(BODY_TIMEOUT);
    let pages = Pages::new()
        .route("/ok", "ok.rs", plain())
        .route("/slow-load", "slow-load.rs", slow_load())
        .route("/panic-load", "panic-load.rs", panicking_load())
        .route("/slow-mw", "slow-mw.rs", plain().middleware(slow_middleware))
        .route("/panic-mw", "panic-mw.rs", plain().middleware(panicking_middleware))
        .route("/form", "form.rs", form_route())
        .route("/e/slow-load", "e/slow-load.rs", slow_load().error(0, oops))
        .route("/e/panic-load", "e/panic-load.rs", panicking_load().error(0, oops))
        .route("/e/slow-mw", "e/slow-mw.rs", plain().middleware(slow_middleware).error(0, oops))
        .route("/e/form", "e/form.rs", form_route().error(0, oops));
    // A page whose synchronous render blocks past the deadline: it cannot be interrupted,
    // and its late answer is replaced.
    let blocking = Page::new(|| {
        std::thread::sleep(REQUEST_TIMEOUT + Duration::from_millis(100));
        View::new(|h| h.push_static("<p>late</p>"))
    });
    FlowApp::new(pages)
        .secret([9u8; 32])
        .page("/", support::caller_page)
        .page("/blocking", blocking)
        .server_limits(limits)
        .router()
}

// --- Helpers ------------------------------------------------------------------------------

/// `future`'s output, or a failed test when it hangs (a limit that does not hold).
async fn within<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(5), future).await.expect("no answer within 5 s")
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
    took: Duration,
}

async fn send(router: &Router, req: Request<Body>) -> Answer {
    let start = Instant::now();
    let res = within(router.clone().oneshot(req)).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
    let body = String::from_utf8_lossy(&body).into_owned();
    Answer { status, headers, body, took: start.elapsed() }
}

async fn get(router: &Router, path: &str) -> Answer {
    send(router, Request::get(path).header(header::HOST, "localhost").body(Body::empty()).unwrap())
        .await
}

/// A page that is 503 with the HTML timeout page, in about the request timeout.
#[track_caller]
fn assert_timed_out_page(answer: &Answer) {
    assert!(answer.body.contains("<h1>503 Service Unavailable</h1>"), "{}", answer.body);
    assert_timed_out(answer);
}

/// A 503 HTML page in about the request timeout, with the headers every answer has.
#[track_caller]
fn assert_timed_out(answer: &Answer) {
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE, "{}", answer.body);
    assert_eq!(answer.headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
    assert!(answer.took >= REQUEST_TIMEOUT, "{:?}", answer.took);
    assert!(answer.took < REQUEST_TIMEOUT * 5, "{:?}", answer.took);
    // The security headers and the request's id go on outside the limits: the error page
    // has them too.
    assert!(answer.headers.contains_key(header::X_CONTENT_TYPE_OPTIONS));
    assert!(answer.headers.contains_key("x-request-id"), "{:?}", answer.headers);
}

/// The app still serves a plain page.
async fn still_serves(router: &Router) {
    let answer = get(router, "/ok").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(answer.body.contains("<p>ok</p>"));
}

// --- Time limits --------------------------------------------------------------------------

#[tokio::test]
async fn a_slow_load_is_503_html_and_the_next_request_works() {
    let router = app();
    assert_timed_out_page(&get(&router, "/slow-load").await);
    still_serves(&router).await;
}

#[tokio::test]
async fn a_slow_middleware_is_503_html() {
    let router = app();
    assert_timed_out_page(&get(&router, "/slow-mw").await);
    still_serves(&router).await;
}

#[tokio::test]
async fn a_page_render_that_blocks_past_the_deadline_is_503() {
    let router = app();
    let answer = get(&router, "/blocking").await;
    assert_timed_out_page(&answer);
    assert!(!answer.body.contains("late"), "{}", answer.body);
    still_serves(&router).await;
}

#[tokio::test]
async fn a_slow_submit_is_503_html() {
    let router = app();
    assert_timed_out_page(&slow_submit(&router, "/form").await);
    still_serves(&router).await;
}

/// Posts the form of the page at `path` to its submit `wait`, which never finishes.
async fn slow_submit(router: &Router, path: &str) -> Answer {
    let page = get(router, path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let cookie = page.headers[header::SET_COOKIE].to_str().unwrap();
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let marker = "name=\"_csrf\" value=\"";
    let at = page.body.find(marker).expect("the form carries the token") + marker.len();
    let token = &page.body[at..at + 43];
    let req = Request::post(format!("{path}?_submit=wait"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &cookie)
        .header(header::ORIGIN, "http://localhost")
        .header(header::HOST, "localhost")
        .body(Body::from(format!("_csrf={token}&seconds=9")))
        .unwrap();
    send(router, req).await
}

#[tokio::test]
async fn a_slow_server_fn_is_503_json_and_the_next_call_works() {
    let router = app();
    let session = session(&router).await;
    let start = Instant::now();
    let (status, headers, body) = within(post(&router, "slow", "[]", &session)).await;
    assert!(start.elapsed() >= REQUEST_TIMEOUT);
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(
        body,
        json!({"error": {"kind": "timeout", "message": "the server took too long to answer; try again"}})
    );
    let (status, _, body) = post(&router, "add", "[2, 3]", &session).await;
    assert_eq!((status, body), (StatusCode::OK, json!({"ok": 5})));
}

/// A body that sends its first bytes, then nothing more.
fn stalled_body(first: &'static str) -> Body {
    let first = futures_util::stream::iter([Ok::<_, std::io::Error>(first.as_bytes().to_vec())]);
    let stalled = futures_util::stream::pending();
    Body::from_stream(futures_util::StreamExt::chain(first, stalled))
}

#[tokio::test]
async fn a_server_fn_body_that_stalls_is_408_json() {
    let router = app();
    let session = session(&router).await;
    let req = call("add", &session).body(stalled_body("[2, ")).unwrap();
    let start = Instant::now();
    let (status, _, body) = within(support::send(&router, req)).await;
    let took = start.elapsed();
    assert_eq!(status, StatusCode::REQUEST_TIMEOUT, "{body}");
    assert_eq!(kind(&body), "body_timeout");
    assert!(took >= BODY_TIMEOUT && took < REQUEST_TIMEOUT, "{took:?}");
}

#[tokio::test]
async fn a_form_body_that_stalls_is_408_html() {
    let router = app();
    let req = Request::post("/form?_submit=wait")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, "http://localhost")
        .header(header::HOST, "localhost")
        .body(stalled_body("_csrf="))
        .unwrap();
    let answer = send(&router, req).await;
    assert_eq!(answer.status, StatusCode::REQUEST_TIMEOUT, "{}", answer.body);
    assert!(answer.body.contains("<h1>408 Request Timeout</h1>"), "{}", answer.body);
    assert_eq!(answer.headers[header::CONNECTION], "close");
    still_serves(&router).await;
}

#[tokio::test]
async fn a_flow_route_s_error_page_answers_its_slow_or_panicking_loads_and_submits() {
    let router = app();
    let timed_out = [get(&router, "/e/slow-load").await, slow_submit(&router, "/e/form").await];
    for answer in &timed_out {
        assert_timed_out(answer);
        assert!(
            answer.body.contains("<h1>Oops</h1><p>503: The server took too long to answer.</p>"),
            "{}",
            answer.body
        );
    }
    let panicked = get(&router, "/e/panic-load").await;
    assert_eq!(panicked.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", panicked.body);
    assert!(panicked.body.contains("<h1>Oops</h1><p>500: Internal Server Error</p>"));
    assert!(!panicked.body.contains("secret"), "{}", panicked.body);
    // A middleware runs before the route's page is known to answer: the built-in page.
    let answer = get(&router, "/e/slow-mw").await;
    assert_timed_out_page(&answer);
    assert!(!answer.body.contains("Oops"), "{}", answer.body);
    still_serves(&router).await;
}

// --- Panics -------------------------------------------------------------------------------

#[tokio::test]
async fn a_panicking_load_is_500_html_that_leaks_nothing() {
    let router = app();
    for _ in 0..2 {
        let answer = get(&router, "/panic-load").await;
        assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", answer.body);
        assert!(answer.body.contains("<h1>500 Internal Server Error</h1>"), "{}", answer.body);
        assert!(!answer.body.contains("secret"), "{}", answer.body);
        assert!(answer.headers.contains_key("x-request-id"), "{:?}", answer.headers);
        assert!(answer.headers.contains_key(header::X_CONTENT_TYPE_OPTIONS));
        still_serves(&router).await;
    }
}

#[tokio::test]
async fn a_panicking_middleware_is_500_html() {
    let router = app();
    let answer = get(&router, "/panic-mw").await;
    assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", answer.body);
    assert!(!answer.body.contains("secret"), "{}", answer.body);
    still_serves(&router).await;
}

// --- The layer on routes of one's own -----------------------------------------------------

#[tokio::test]
async fn limits_layer_guards_plain_axum_routes() {
    let limits = ServerLimits::default().request_timeout(REQUEST_TIMEOUT);
    let router = Router::new()
        .route("/hang", axum::routing::get(std::future::pending::<&'static str>))
        .route("/_resuma/action/mine", axum::routing::post(std::future::pending::<()>))
        .route("/ok", axum::routing::get(|| async { "<p>ok</p>" }))
        .layer(limits_layer(&limits));
    let answer = get(&router, "/hang").await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    let req = Request::post("/_resuma/action/mine").body(Body::empty()).unwrap();
    let (status, _, body) = within(support::send(&router, req)).await;
    assert_eq!((status, kind(&body)), (StatusCode::SERVICE_UNAVAILABLE, "timeout"));
    still_serves(&router).await;
}

#[tokio::test]
async fn no_request_timeout_lets_slow_work_finish() {
    let limits = ServerLimits::default().request_timeout(None);
    let router = Router::new()
        .route(
            "/slow",
            axum::routing::get(|| async {
                tokio::time::sleep(REQUEST_TIMEOUT * 2).await;
                "done"
            }),
        )
        .layer(limits_layer(&limits));
    let answer = get(&router, "/slow").await;
    assert_eq!((answer.status, answer.body.as_str()), (StatusCode::OK, "done"));
}
