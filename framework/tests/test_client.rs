//! `resuma::test` against the real server: a `ResumaApp` with a `#[server]` fn, a plain
//! router, and what the client keeps (cookies, the page's CSRF token).

use resuma::prelude::*;
use resuma::test::TestServer;
use serde_json::{json, Value};

#[server]
async fn add(a: i64, b: i64) -> i64 {
    a + b
}

#[component]
fn Counter() -> View {
    let count = use_signal(0);
    view! { <button onClick={move |_| count.update(|c| *c += 1)}>"Count: " {count}</button> }
}

#[tokio::test]
async fn a_client_calls_server_functions_with_the_token_of_its_page() {
    let app = ResumaApp::new().page("/", || view! { <Counter/> }).page("/static", View::empty);
    let server = TestServer::start(app).await;
    let client = server.client();
    // Before any page: no session, no token, and the call is refused.
    let refused = client.call("add", json!([2, 3])).await;
    assert_eq!(refused.status(), 403, "{}", refused.text());
    assert_eq!(refused.json::<Value>().unwrap()["error"]["kind"], "bad_csrf");

    let page = client.get("/").await;
    assert_eq!(page.status(), 200);
    assert!(client.cookie("resuma_sid").is_some(), "the session cookie is kept");
    assert!(page.text().contains(&client.csrf().expect("the meta token")));
    let sum = client.call("add", json!([2, 3])).await;
    assert_eq!(sum.status(), 200, "{}", sum.text());
    assert_eq!(sum.json::<Value>().unwrap(), json!({"ok": 5}));

    // A page with no script or form starts no session and carries no token.
    let fresh = server.client();
    let page = fresh.get("/static").await;
    assert_eq!(page.status(), 200);
    assert!(fresh.cookie("resuma_sid").is_none() && fresh.csrf().is_none());

    // Another visitor has its own session: its token is not the first one's.
    let other = server.client();
    other.get("/").await;
    assert_ne!(other.csrf(), client.csrf());
}

#[tokio::test]
async fn any_router_is_served_and_cookies_come_and_go() {
    let router = axum::Router::new()
        .route(
            "/set",
            axum::routing::get(|| async { ([("set-cookie", "lang=de; Path=/")], "set") }),
        )
        .route(
            "/clear",
            axum::routing::get(|| async { ([("set-cookie", "lang=; Max-Age=0")], "cleared") }),
        )
        .route(
            "/echo",
            axum::routing::post(|headers: axum::http::HeaderMap, body: String| async move {
                let cookie = headers.get("cookie").map(|it| it.to_str().unwrap().to_owned());
                format!("{cookie:?} {body}")
            }),
        );
    let server = TestServer::start(router).await;
    let client = server.client();
    assert_eq!(client.get("/set").await.text(), "set");
    assert_eq!(client.cookie("lang").as_deref(), Some("de"));
    let echo = client.post_form("/echo", &[("q", "a b&c")]).await;
    assert_eq!(echo.text(), "Some(\"lang=de\") q=a+b%26c");
    client.get("/clear").await;
    assert_eq!(client.cookie("lang"), None);
    assert_eq!(client.get("/missing").await.status(), 404);
    assert!(server.url("/x").starts_with("http://127.0.0.1:"));
}
