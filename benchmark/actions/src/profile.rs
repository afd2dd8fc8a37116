//! `--profile TARGET N`: what one request costs in this process, for perf and callgrind.

use axum::http::header;
use axum::routing::get;
use axum::Router;
use resuma::prelude::*;

use crate::flow::{flow_app, same_view};
use crate::{usage, BenchPage};

/// `--profile TARGET N`: N `GET /` requests through one router, in process.
pub(crate) fn profile(target: &str, n: u32) {
    use tower::ServiceExt as _;
    let secret = [7u8; 32];
    let router = match target {
        "page" => ResumaApp::new().secret(secret).page("/", BenchPage).router(),
        "same" => ResumaApp::new().secret(secret).page("/", same_view()).router(),
        "flow" | "bare" => flow_app(secret).router(),
        _ => usage("--profile"),
    }
    // As `axum::serve` does once per listener: handlers become routes before any request.
    .with_state(());
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let request = || {
        axum::http::Request::get("/")
            .header("host", "127.0.0.1")
            .body(axum::body::Body::empty())
            .unwrap()
    };
    let send = |router: &Router| {
        rt.block_on(async {
            let response = router.clone().oneshot(request()).await.unwrap();
            let status = response.status();
            if std::env::var_os("RESUMA_BENCH_HEADERS").is_some() {
                eprintln!("{:#?}", response.headers());
            }
            let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
            (status, body)
        })
    };
    let router = if target == "bare" {
        let (_, bytes) = send(&router);
        Router::new()
            .route(
                "/",
                get(move || {
                    let bytes = bytes.clone();
                    async move { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], bytes) }
                }),
            )
            .with_state(())
    } else {
        router
    };
    let (status, body) = send(&router);
    assert_eq!(status, 200, "{target}: GET / answered {status}");
    if std::env::var_os("RESUMA_BENCH_BODY").is_some() {
        eprintln!("{}", String::from_utf8_lossy(&body));
    }
    let start = std::time::Instant::now();
    for _ in 0..n {
        let (status, _) = send(&router);
        assert_eq!(status, 200);
    }
    let per = start.elapsed() / n.max(1);
    println!("{target}: {n} requests, {per:?} per request, {} bytes of HTML", body.len());
}
