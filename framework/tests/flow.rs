//! `FlowApp` on hand-written tables: catch-alls beside params (which axum alone refuses),
//! params of different names at one position, and 404 folders.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use resuma::flow::{param, FlowApp, Pages};
use resuma::View;
use tower::ServiceExt as _;

fn text(prefix: &'static str, value: String) -> Option<View> {
    Some(View::new(move |h| {
        h.push_static(prefix);
        h.push_text(&value);
    }))
}

async fn get(pages: fn() -> Pages, path: &str) -> (StatusCode, String) {
    let router = FlowApp::new(pages()).router();
    let res = router.oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

fn table() -> Pages {
    Pages::new()
        .route("/u/{id}", "u/[id].rs", |p| text("id:", param::<u64>(p, "id")?.to_string()))
        .route("/u/{name}/posts", "u/[name]/posts.rs", |p| text("posts:", param(p, "name")?))
        .route("/{page}", "[page].rs", |p| text("page:", param(p, "page")?))
        .route("/{*rest}", "[...rest].rs", |p| text("rest:", param(p, "rest")?))
        .not_found("/", "_404.rs", |_| text("root 404", String::new()))
        .not_found("/u", "u/_404.rs", |_| text("u 404", String::new()))
}

#[tokio::test]
async fn params_catch_alls_and_404_folders() {
    let cases = [
        ("/u/7", StatusCode::OK, "id:7"),
        ("/u/ada/posts", StatusCode::OK, "posts:ada"),
        ("/about", StatusCode::OK, "page:about"),
        ("/a/b%20c", StatusCode::OK, "rest:a/b c"),
        ("/u/x", StatusCode::NOT_FOUND, "u 404"),
        ("/", StatusCode::NOT_FOUND, "root 404"),
    ];
    for (path, status, expected) in cases {
        let (got, body) = get(table, path).await;
        assert_eq!(got, status, "{path}: {body}");
        assert!(body.contains(expected), "{path}: {body}");
    }
}

#[tokio::test]
async fn without_a_404_page_unknown_paths_get_a_plain_one() {
    let (status, body) = get(Pages::new, "/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("<h1>404 Not Found</h1>"), "{body}");
}
