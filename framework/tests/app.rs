//! `ResumaApp` as an axum router, driven with `tower::ServiceExt::oneshot`: pages, 404,
//! nesting, layers, panics and streaming; plus one request over a real socket.

mod support;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::response::Response;
use axum::Router;
use futures_util::StreamExt;
use resuma::{Html, Page, Render, ResumaApp, View};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

fn home() -> View {
    View::new(|html| {
        html.push_static("<h1>");
        html.push_text("Tom & Jerry");
        html.push_static("</h1>");
    })
}

fn broken() -> View {
    View::new(|html: &mut Html| {
        html.push_static("<p>");
        panic!("this page is broken");
    })
}

fn big_table() -> View {
    View::new(|html| {
        html.push_static("<table>");
        for idx in 0..3000u32 {
            html.push_static("<tr><td>");
            idx.render(html);
            html.push_static("</td><td>");
            html.push_text("<row> & \"data\"");
            html.push_static("</td></tr>");
            html.boundary();
        }
        html.push_static("</table>");
    })
}

/// A session id, sent as the `resuma_sid` cookie so that pages are reproducible.
const SID: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
/// The CSRF token of `SID` under the secret of `app()` (32 bytes of 7), computed with
/// Python's `hmac`.
const TOKEN: &str = "sHsuAwU_6FL1CeUForlHRjS2XxBMhGBA0DQW5DG2cyQ";

fn app() -> ResumaApp {
    ResumaApp::new()
        .secret([7u8; 32])
        .title("Cartoons")
        .meta("description", "Cat & mouse")
        .page("/", home)
        .page("/about", Page::new(home).title("About <us>").meta("description", "Who"))
        .page("/broken", broken)
        .page("/table", big_table)
        .page("/table-streamed", Page::new(big_table).streaming(true))
}

async fn get(router: &Router, path: &str) -> (StatusCode, Option<String>, String) {
    let cookie = format!("resuma_sid={SID}");
    let req = Request::get(path).header(header::COOKIE, cookie).body(Body::empty()).unwrap();
    let res = router.clone().oneshot(req).await.unwrap();
    split(res).await
}

async fn split(res: Response) -> (StatusCode, Option<String>, String) {
    let status = res.status();
    let content_type =
        res.headers().get(header::CONTENT_TYPE).map(|value| value.to_str().unwrap().to_owned());
    let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
    (status, content_type, String::from_utf8(body.to_vec()).unwrap())
}

const HTML: Option<&str> = Some("text/html; charset=utf-8");

#[tokio::test]
async fn page_is_served_with_doctype_title_and_content_type() {
    let (status, content_type, body) = get(&app().router(), "/").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type.as_deref(), HTML);
    assert_eq!(
        body,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Cartoons</title><meta name=\"description\" content=\"Cat &amp; mouse\">\
         </head><body><h1>Tom &amp; Jerry</h1></body></html>"
    );
}

#[tokio::test]
async fn only_a_page_with_a_script_carries_the_session_s_token_and_starts_a_session() {
    let router = app().page("/clicks", support::caller_page).router();
    // With the session's cookie: its token, no new session.
    let (_, _, body) = get(&router, "/clicks").await;
    assert!(body.contains(&format!("<meta name=\"resuma-csrf\" content=\"{TOKEN}\">")), "{body}");
    let (_, _, body) = get(&router, "/").await;
    assert!(!body.contains("resuma-csrf"), "no script reads it: {body}");
    // A first visit: the page with a script starts a session, the static one does not.
    let first = |path: &'static str| {
        let router = router.clone();
        async move {
            let req = Request::get(path).body(Body::empty()).unwrap();
            router.oneshot(req).await.unwrap().headers().get(header::SET_COOKIE).cloned()
        }
    };
    let cookie = first("/clicks").await.expect("a session for the page's calls");
    assert!(cookie.to_str().unwrap().starts_with("resuma_sid="), "{cookie:?}");
    assert_eq!(first("/").await, None, "a page with no script or form starts no session");
}

#[tokio::test]
async fn static_page_ships_no_javascript() {
    let (_, _, body) = get(&app().router(), "/").await;
    assert!(!body.contains("<script"), "{body}");
}

#[tokio::test]
async fn page_title_and_meta_override_the_app_defaults() {
    let (_, _, body) = get(&app().router(), "/about").await;
    assert!(body.contains("<title>About &lt;us&gt;</title>"), "{body}");
    assert!(body.contains(r#"<meta name="description" content="Who">"#), "{body}");
    assert!(!body.contains("Cat &amp; mouse"), "{body}");
}

#[tokio::test]
async fn lang_is_configurable() {
    let router = ResumaApp::new().lang("fr").page("/", home).router();
    let (_, _, body) = get(&router, "/").await;
    assert!(body.starts_with("<!DOCTYPE html><html lang=\"fr\">"), "{body}");
}

#[tokio::test]
async fn unknown_path_is_404() {
    let (status, _, _) = get(&app().router(), "/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn head_request_gets_headers_only() {
    let req = Request::builder().method(Method::HEAD).uri("/").body(Body::empty()).unwrap();
    let res = app().router().oneshot(req).await.unwrap();
    let (status, content_type, body) = split(res).await;
    assert_eq!((status, content_type.as_deref(), body.as_str()), (StatusCode::OK, HTML, ""));
}

#[tokio::test]
async fn later_page_on_the_same_path_replaces_the_earlier() {
    let router = ResumaApp::new().page("/", broken).page("/", home).router();
    let (status, _, body) = get(&router, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Tom &amp; Jerry"));
}

#[tokio::test]
async fn stylesheets_are_linked_from_every_page_and_served_immutable() {
    const CSS: &str = "h1 { color: rebeccapurple }";
    let app = || app().stylesheet(CSS).stylesheet("p { margin: 0 }");
    let (_, _, body) = get(&app().router(), "/about").await;
    let hrefs: Vec<&str> = body
        .split("<link rel=\"stylesheet\" href=\"")
        .skip(1)
        .map(|it| &it[..it.find('"').unwrap()])
        .collect();
    assert_eq!(hrefs.len(), 2, "{body}");
    assert!(hrefs[0].starts_with("/_resuma/css/") && hrefs[0] != hrefs[1], "{hrefs:?}");
    assert!(!body.contains("<script"), "a stylesheet needs no nonce or script: {body}");
    let res =
        app().router().oneshot(Request::get(hrefs[0]).body(Body::empty()).unwrap()).await.unwrap();
    assert!(res.headers()[header::CACHE_CONTROL].to_str().unwrap().contains("immutable"));
    assert_eq!(
        split(res).await,
        (StatusCode::OK, Some("text/css; charset=utf-8".into()), CSS.into())
    );
    assert_eq!(
        get(&app().router(), "/_resuma/css/0000000000000000.css").await.0,
        StatusCode::NOT_FOUND
    );
    // Nested, the link is under the mount path, and answers there.
    let nested = Router::new().nest("/app", app().router());
    let (_, _, body) = get(&nested, "/app/about").await;
    let href = format!("/app{}", hrefs[0]);
    assert!(body.contains(&format!("href=\"{href}\"")), "{body}");
    assert_eq!(get(&nested, &href).await.0, StatusCode::OK);
}

#[tokio::test]
async fn files_are_served_at_their_path_with_a_tag_and_the_app_headers() {
    const ICON: &[u8] = &[0, 0, 1, 0, 1, 0, 16, 16];
    let app = || {
        app()
            .file("/favicon.ico", "image/x-icon", ICON)
            .file("/robots.txt", "text/plain", b"old")
            .file("/robots.txt", "text/plain; charset=utf-8", b"User-agent: *\n")
    };
    let res =
        app().router().oneshot(Request::get("/favicon.ico").body(Body::empty()).unwrap()).await;
    let res = res.unwrap();
    assert_eq!(res.headers()[header::CACHE_CONTROL], "public, max-age=3600");
    assert_eq!(res.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(!res.headers().contains_key(header::SET_COOKIE), "a file starts no session");
    let etag = res.headers()[header::ETAG].clone();
    let (status, kind, body) = split(res).await;
    assert_eq!((status, kind.as_deref()), (StatusCode::OK, Some("image/x-icon")));
    assert_eq!(body.as_bytes(), ICON);
    // The later file on a path replaces the earlier one.
    let (status, kind, body) = get(&app().router(), "/robots.txt").await;
    assert_eq!((status, kind.as_deref()), (StatusCode::OK, Some("text/plain; charset=utf-8")));
    assert_eq!(body, "User-agent: *\n");
    // The browser's copy is still good.
    let again = Request::get("/favicon.ico").header(header::IF_NONE_MATCH, etag);
    let res = app().router().oneshot(again.body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
    // HEAD too, and under a mount path.
    let head = Request::head("/favicon.ico").body(Body::empty()).unwrap();
    assert_eq!(app().router().oneshot(head).await.unwrap().status(), StatusCode::OK);
    let nested = Router::new().nest("/app", app().router());
    assert_eq!(get(&nested, "/app/favicon.ico").await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_file_that_cannot_be_served_is_a_config_error() {
    for (path, why) in [("/about", "a page"), ("/{id}", "plain path"), ("/_resuma/x", "framework")]
    {
        let err = app().file(path, "text/plain", b"x").try_router().unwrap_err();
        assert!(matches!(err, resuma::ConfigError::BadFile { .. }), "{path}: {err}");
        assert!(err.to_string().contains(why), "{path}: {err}");
    }
    let err = app().file("/a.txt", "text/plain\r\n", b"x").try_router().unwrap_err();
    assert!(err.to_string().contains("content type"), "{err}");
}

#[tokio::test]
async fn router_nests_and_merges() {
    let api = Router::new().route("/health", axum::routing::get(|| async { "ok" }));
    let router = Router::new().nest("/app", app().router()).merge(api);
    let (status, _, body) = get(&router, "/app/about").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<title>About &lt;us&gt;</title>"));
    assert_eq!(get(&router, "/health").await.2, "ok");
    assert_eq!(get(&router, "/about").await.0, StatusCode::NOT_FOUND);
    let from: Router = app().into();
    assert_eq!(get(&from, "/").await.0, StatusCode::OK);
}

#[tokio::test]
async fn layer_applies_to_pages() {
    let router = app().router().layer(axum::middleware::map_response(|mut res: Response| async {
        res.headers_mut().insert("x-layer", header::HeaderValue::from_static("yes"));
        res
    }));
    let req = Request::get("/").body(Body::empty()).unwrap();
    let res = router.oneshot(req).await.unwrap();
    assert_eq!(res.headers()["x-layer"], "yes");
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn panicking_page_is_500_and_the_server_keeps_serving() {
    let router = app().router();
    for _ in 0..2 {
        let (status, content_type, body) = get(&router, "/broken").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(content_type.as_deref(), HTML);
        assert!(body.contains("500 Internal Server Error"), "{body}");
        assert!(!body.contains("this page is broken"), "panic message leaked: {body}");
        let (status, _, body) = get(&router, "/").await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("Tom &amp; Jerry"));
    }
}

#[tokio::test]
async fn streaming_page_returns_the_same_body_as_unstreamed() {
    let router = app().router();
    let cookie = format!("resuma_sid={SID}");
    let req =
        Request::get("/table-streamed").header(header::COOKIE, cookie).body(Body::empty()).unwrap();
    let res = router.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], HTML.unwrap());
    let chunks: Vec<_> = res.into_body().into_data_stream().collect().await;
    assert!(chunks.len() > 1, "{} chunk(s)", chunks.len());
    let streamed: Vec<u8> = chunks.into_iter().flat_map(|c| c.unwrap().to_vec()).collect();
    let streamed = String::from_utf8(streamed).unwrap();
    let (_, _, whole) = get(&router, "/table").await;
    assert!(whole.len() > 100_000, "{} bytes", whole.len());
    // The same bytes, but for the token: a streamed head leaves before the body is known
    // to have no script, so it carries the token a buffered page without script leaves out.
    let meta = format!("<meta name=\"resuma-csrf\" content=\"{TOKEN}\">");
    assert!(!whole.contains(&meta));
    let streamed_without = streamed.replacen(&meta, "", 1);
    assert_ne!(streamed_without, streamed, "the streamed page carries the token");
    assert!(streamed_without == whole, "the bodies differ");
}

#[tokio::test]
async fn streaming_page_that_panics_ends_the_body() {
    let router =
        ResumaApp::new().page("/", Page::new(broken).streaming(true)).page("/ok", home).router();
    let req = Request::get("/").body(Body::empty()).unwrap();
    let res = router.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "headers were sent before the render");
    // The body ends (truncated) rather than hanging.
    let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
    assert!(!body.ends_with(b"</html>"));
    assert_eq!(get(&router, "/ok").await.0, StatusCode::OK);
}

#[tokio::test]
async fn repeated_renders_are_identical() {
    let router = app().router();
    let first = get(&router, "/table").await.2;
    for _ in 0..3 {
        assert_eq!(get(&router, "/table").await.2, first);
    }
}

#[tokio::test]
async fn serves_over_a_real_socket() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(app().serve_listener(listener));

    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(b"GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n").await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
    assert!(response.contains("content-type: text/html; charset=utf-8\r\n"), "{response}");
    assert!(response.ends_with("<h1>Tom &amp; Jerry</h1></body></html>"), "{response}");
    server.abort();
}

#[test]
fn serve_futures_can_be_spawned() {
    fn assert_send_static<T: Send + 'static>(_: &T) {}
    let serve = app().serve("127.0.0.1:0");
    assert_send_static(&serve);
}
