//! `RESUMA_LIST_PAGES`: the app lists its pages for `resuma build`, and only then. In its
//! own test binary: the variable is read from the process environment.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use resuma::prelude::*;
use tower::ServiceExt;

async fn get(router: &Router, path: &str) -> (StatusCode, String) {
    let res =
        router.clone().oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

fn app() -> ResumaApp {
    ResumaApp::new()
        .page("/", || view! { <p>"home"</p> })
        .page("/about", || view! { <p>"about"</p> })
        .page("/item/{id}", || view! { <p>"item"</p> })
        .stylesheet("p { color: teal }")
        .file("/robots.txt", "text/plain", b"User-agent: *\n")
}

#[tokio::test]
async fn pages_are_listed_only_when_asked() {
    let (status, _) = get(&app().router(), "/_resuma/pages").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "not listed by default");

    let (status, _) = get(&app().router(), "/_resuma/files").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "not listed by default");

    std::env::set_var(resuma::LIST_PAGES_VAR, "1");
    let router = app().router();
    std::env::remove_var(resuma::LIST_PAGES_VAR);
    let (status, body) = get(&router, "/_resuma/pages").await;
    assert_eq!(status, StatusCode::OK);
    let paths: Vec<String> = serde_json::from_str(&body).unwrap();
    assert_eq!(paths, ["/", "/about", "/item/{id}"]);
    // Every runtime file it serves, each answering 200.
    let (status, body) = get(&router, "/_resuma/files").await;
    assert_eq!(status, StatusCode::OK);
    let files: Vec<String> = serde_json::from_str(&body).unwrap();
    assert!(files.iter().any(|it| it.starts_with("/_resuma/core.")), "{files:?}");
    assert!(files.iter().any(|it| it.starts_with("/_resuma/handler/Form.")), "{files:?}");
    assert!(files.iter().any(|it| it.starts_with("/_resuma/css/")), "the stylesheet: {files:?}");
    assert!(files.iter().any(|it| it == "/robots.txt"), "the file: {files:?}");
    for file in files {
        assert_eq!(get(&router, &file).await.0, StatusCode::OK, "{file}");
    }
}
