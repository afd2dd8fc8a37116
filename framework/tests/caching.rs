//! HTTP caching and compression: `ETag`s and `304`s for pages without scripts, `Cache-Control`
//! composed from a page's and its layouts' loads, pages carrying a visitor's CSRF token never
//! `public`, immutable runtime files, and gzip/brotli on by default (a streamed page gzipped
//! chunk by chunk).

#![allow(missing_docs)]

mod support;

use std::io::Read as _;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use resuma::flow::{FlowApp, FormError, LoadError, Outcome, Pages, Route, SubmitCx, Submitted};
use resuma::prelude::*;
use resuma::{Page, ResumaApp};
use support::caller_page as counter;
use tower::ServiceExt as _;

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: header::HeaderName) -> &str {
        self.headers.get(&name).map_or("", |it| it.to_str().unwrap())
    }
}

async fn send(router: &axum::Router, req: Request<Body>) -> Answer {
    let res = router.clone().oneshot(req).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap().to_vec();
    Answer { status, headers, body }
}

fn get(path: &str, headers: &[(header::HeaderName, &str)]) -> Request<Body> {
    let mut req = Request::get(path);
    for (name, value) in headers {
        req = req.header(name, *value);
    }
    req.body(Body::empty()).unwrap()
}

fn plain() -> View {
    View::new(|h| h.push_static("<h1>Plain</h1><p>No scripts here.</p>"))
}

/// The session cookie a first answer started, as the browser sends it back.
fn cookie_of(answer: &Answer) -> String {
    answer.header(header::SET_COOKIE).split(';').next().unwrap().to_owned()
}

#[tokio::test]
async fn a_page_without_scripts_has_an_etag_and_answers_304_to_it() {
    let router = ResumaApp::new().page("/", plain).page("/counter", counter).router();
    let first = send(&router, get("/", &[])).await;
    assert_eq!(first.status, StatusCode::OK);
    let etag = first.header(header::ETAG).to_owned();
    assert!(etag.starts_with("W/\""), "{etag:?}");
    // No script, no form: no visitor's token in it, and no session started.
    assert!(!first.headers.contains_key(header::SET_COOKIE), "{:?}", first.headers);

    // The browser revalidates (`no-cache`): same bytes, so `304`, no body.
    let again = send(&router, get("/", &[(header::IF_NONE_MATCH, &etag)])).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{}", again.text());
    assert!(again.body.is_empty());
    assert_eq!(again.header(header::ETAG), etag);
    assert_eq!(again.header(header::CACHE_CONTROL), "private, no-cache");

    // Another tag: the page again. Another visitor's page is the same page: `304` too.
    let other = send(&router, get("/", &[(header::IF_NONE_MATCH, "W/\"other\"")])).await;
    assert_eq!(other.status, StatusCode::OK);
    let cookie = cookie_of(&send(&router, get("/counter", &[])).await);
    let visitor =
        send(&router, get("/", &[(header::COOKIE, &cookie), (header::IF_NONE_MATCH, &etag)])).await;
    assert_eq!(visitor.status, StatusCode::NOT_MODIFIED);

    // A page with handlers carries a one-time nonce: no tag, never a 304.
    let counter = send(&router, get("/counter", &[(header::COOKIE, &cookie)])).await;
    assert_eq!(counter.status, StatusCode::OK);
    assert!(!counter.headers.contains_key(header::ETAG), "{:?}", counter.headers);
    let counter =
        send(&router, get("/counter", &[(header::COOKIE, &cookie), (header::IF_NONE_MATCH, "*")]))
            .await;
    assert_eq!(counter.status, StatusCode::OK);
}

fn layered(layout: &'static str, page: &'static str) -> Route {
    let render = match (layout, page) {
        ("public, max-age=600", "public, max-age=60") => shorter as fn(_) -> _,
        ("public, max-age=600", "no-store") => stored_nowhere,
        _ => unreachable!(),
    };
    Route::new(render).layouts(1)
}

macro_rules! layered_render {
    ($name:ident, $layout:literal, $page:literal) => {
        fn $name(cx: resuma::flow::LoadCx) -> resuma::flow::BoxFuture<Outcome> {
            Box::pin(async move {
                cx.at(0).cache_control($layout);
                cx.cache_control($page);
                Outcome::new().layout(Ok(|children: View| children)).page(Ok::<_, LoadError>(plain))
            })
        }
    };
}
layered_render!(shorter, "public, max-age=600", "public, max-age=60");
layered_render!(stored_nowhere, "public, max-age=600", "no-store");

#[resuma::submit]
pub async fn subscribe(_cx: SubmitCx, _form: Email) -> Result<Submitted, FormError> {
    Ok(Submitted::redirect("/"))
}

#[derive(serde::Deserialize)]
pub struct Email {
    pub email: String,
}

#[component]
pub fn Newsletter() -> View {
    view! { <Form submit={subscribe}><input name="email"/></Form> }
}

fn public_form(cx: resuma::flow::LoadCx) -> resuma::flow::BoxFuture<Outcome> {
    Box::pin(async move {
        cx.cache_control("public, max-age=60");
        Outcome::new().page(Ok::<_, LoadError>(|| view! { <Newsletter/> }))
    })
}

fn public_plain(cx: resuma::flow::LoadCx) -> resuma::flow::BoxFuture<Outcome> {
    Box::pin(async move {
        cx.cache_control("public, max-age=60");
        Outcome::new().page(Ok::<_, LoadError>(plain))
    })
}

fn flow() -> axum::Router {
    let submission = resuma::flow::Submission::new("subscribe", subscribe);
    FlowApp::new(
        Pages::new()
            .route("/shorter", "shorter.rs", layered("public, max-age=600", "public, max-age=60"))
            .route("/nowhere", "nowhere.rs", layered("public, max-age=600", "no-store"))
            .route("/public", "public.rs", Route::new(public_plain))
            .route("/newsletter", "newsletter.rs", Route::new(public_form).submit(submission)),
    )
    .router()
}

#[tokio::test]
async fn cache_control_of_a_page_and_its_layout_compose_to_the_strictest() {
    let router = flow();
    let answer = send(&router, get("/shorter", &[])).await;
    assert_eq!(answer.header(header::CACHE_CONTROL), "public, max-age=60");
    assert!(!answer.headers.contains_key(header::SET_COOKIE), "a shared cache may keep it");
    let answer = send(&router, get("/nowhere", &[])).await;
    assert_eq!(answer.header(header::CACHE_CONTROL), "no-store");
}

#[tokio::test]
async fn a_public_page_is_the_same_for_everyone_and_revalidates_with_a_304() {
    let router = flow();
    let first = send(&router, get("/public", &[])).await;
    let second = send(&router, get("/public", &[(header::COOKIE, "resuma_session=someone")])).await;
    assert_eq!(first.body, second.body, "no visitor's token in a shared page");
    assert!(!first.headers.contains_key(header::SET_COOKIE));
    let etag = first.header(header::ETAG).to_owned();
    assert_eq!(second.header(header::ETAG), etag);
    let again = send(&router, get("/public", &[(header::IF_NONE_MATCH, &etag)])).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert_eq!(again.header(header::CACHE_CONTROL), "public, max-age=60");
}

#[tokio::test]
async fn a_page_with_a_form_carries_the_csrf_token_so_it_is_never_public() {
    let answer = send(&flow(), get("/newsletter", &[])).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    assert!(answer.text().contains("name=\"_csrf\""), "{}", answer.text());
    assert_eq!(answer.header(header::CACHE_CONTROL), "private, max-age=60");
    assert!(answer.headers.contains_key(header::SET_COOKIE), "its token needs its session");
}

fn gunzip(bytes: &[u8]) -> String {
    let mut out = String::new();
    flate2::read::GzDecoder::new(bytes).read_to_string(&mut out).unwrap();
    out
}

fn big() -> View {
    View::new(|h| {
        for idx in 0..2000 {
            h.push_static("<p>row ");
            h.push_text(&idx.to_string());
            h.push_static("</p>");
            h.boundary();
        }
    })
}

#[tokio::test]
async fn pages_and_runtime_files_are_compressed_for_clients_that_accept_it() {
    let router = ResumaApp::new()
        .page("/", big)
        .page("/stream", Page::new(big).streaming(true))
        .page("/counter", counter)
        .router();
    let identity = send(&router, get("/", &[])).await;
    assert!(!identity.headers.contains_key(header::CONTENT_ENCODING));
    // Another client would have had it compressed: caches must know (once).
    let vary: Vec<_> = identity.headers.get_all(header::VARY).iter().collect();
    assert_eq!(vary, ["accept-encoding"], "{:?}", identity.headers);
    let plain_html = identity.text();

    let br = send(&router, get("/", &[(header::ACCEPT_ENCODING, "gzip, br")])).await;
    assert_eq!(br.header(header::CONTENT_ENCODING), "br");
    assert!(br.header(header::VARY).contains("accept-encoding"), "{:?}", br.headers);
    // Compressed inside the request's id and outside the security headers.
    assert!(br.headers.contains_key("x-request-id"), "{:?}", br.headers);
    assert_eq!(br.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert!(br.body.len() * 5 < plain_html.len(), "{} of {}", br.body.len(), plain_html.len());

    let gzip = send(&router, get("/", &[(header::ACCEPT_ENCODING, "gzip")])).await;
    assert_eq!(gzip.header(header::CONTENT_ENCODING), "gzip");
    assert!(gunzip(&gzip.body).contains("<p>row 1999</p>"));

    // Streamed: gzip whatever else is accepted (brotli would hold the stream back).
    let stream = send(&router, get("/stream", &[(header::ACCEPT_ENCODING, "br, gzip")])).await;
    assert_eq!(stream.header(header::CONTENT_ENCODING), "gzip");
    let html = gunzip(&stream.body);
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>"), "{html}");
    assert!(html.contains("<p>row 1999</p>"));
    let stream = send(&router, get("/stream", &[(header::ACCEPT_ENCODING, "br")])).await;
    assert!(!stream.headers.contains_key(header::CONTENT_ENCODING));

    // The core a page names: immutable, and compressed too.
    let page = send(&router, get("/counter", &[])).await.text();
    let core = page.split("\"/_resuma/core").nth(1).unwrap().split('"').next().unwrap();
    let core =
        send(&router, get(&format!("/_resuma/core{core}"), &[(header::ACCEPT_ENCODING, "gzip")]))
            .await;
    assert_eq!(core.status, StatusCode::OK);
    assert_eq!(core.header(header::CACHE_CONTROL), "public, max-age=31536000, immutable");
    assert_eq!(core.header(header::CONTENT_ENCODING), "gzip");

    let off = ResumaApp::new().page("/", big).compression(false).router();
    let off = send(&off, get("/", &[(header::ACCEPT_ENCODING, "gzip, br")])).await;
    assert!(!off.headers.contains_key(header::CONTENT_ENCODING));
    assert!(!off.headers.contains_key(header::VARY), "{:?}", off.headers);
}
