//! The real `#[server]` macro against the endpoint: what it registers is what the
//! dispatcher calls, with the JSON shapes of `docs/resumability.md`.

mod support;

use axum::http::StatusCode;
use resuma::prelude::*;
use serde_json::json;

/// The app state `greet` reads.
#[derive(Clone)]
struct Salutation(&'static str);

#[server]
async fn greet(name: String, times: u8) -> String {
    let salutation = server::app_state::<Salutation>().map_or("Hi", |it| it.0);
    format!("{salutation}, {name}{}", "!".repeat(times.into()))
}

#[server(rate = "1/h")]
async fn checked_half(n: u32) -> Result<u32, String> {
    if n.is_multiple_of(2) {
        Ok(n / 2)
    } else {
        Err(format!("{n} is odd"))
    }
}

#[tokio::test]
async fn server_functions_answer_through_the_endpoint() {
    let router = ResumaApp::new()
        .secret([5u8; 32])
        .state(Salutation("Hello"))
        .page("/", support::caller_page)
        .router();
    let session = support::session(&router).await;

    let (status, _, body) = support::post(&router, "greet", r#"["Ada", 2]"#, &session).await;
    assert_eq!((status, body), (StatusCode::OK, json!({"ok": "Hello, Ada!!"})));
    let (status, _, body) = support::post(&router, "greet", r#"["Ada", 300]"#, &session).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["error"]["message"].as_str().unwrap().starts_with("argument 2 of 2: "), "{body}");

    let (status, _, body) = support::post(&router, "checked_half", "[3]", &session).await;
    assert_eq!((status, body), (StatusCode::OK, json!({"err": "3 is odd", "message": "3 is odd"})));
    let (status, headers, _) = support::post(&router, "checked_half", "[4]", &session).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "its own rate: 1/h");
    assert!(headers.contains_key("retry-after"));

    // Still callable from Rust.
    assert_eq!(greet("Bob".into(), 0).await, "Hi, Bob");
}
