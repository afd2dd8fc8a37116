//! The security headers on every kind of response (pages, server function calls, assets,
//! 404s), the page CSP's per-response nonce and the scripts that carry it, and the
//! app-level overrides.

mod support;

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use resuma::__private::{decode_args, inventory, ok_json, Action, ActionFuture};
use resuma::security::SecurityHeaders;
use resuma::{Render, ResumaApp, View};
use serde_json::Value;
use tower::ServiceExt;

fn call_ping(args: Value) -> ActionFuture {
    Box::pin(async move {
        decode_args::<()>(args, 0)?;
        ok_json("pong")
    })
}
inventory::submit! { Action { name: "ping", rate: None, call: call_ping } }

/// A page with a handler and a slot, written by hand as `view!` would.
fn counter() -> View {
    View::new(|html| {
        let count = resuma::use_signal(0);
        resuma::__private::use_event("click");
        html.push_static("<button data-r-on:click=\"Counter.00000000#0|");
        resuma::__private::write_slot(html, count.slot());
        html.push_static("\">");
        count.render(html);
        html.push_static("</button>");
    })
}

fn app() -> ResumaApp {
    ResumaApp::new()
        .secret([3u8; 32])
        .page("/", || View::new(|h| h.push_static("<p>static</p>")))
        .page("/counter", counter)
}

/// The headers every response carries, whatever it is.
const COMMON: [(&str, &str); 5] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("x-frame-options", "DENY"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
    ("cross-origin-opener-policy", "same-origin"),
];
const NON_PAGE_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

async fn get(router: &Router, path: &str) -> (StatusCode, HeaderMap, String) {
    let req = Request::get(path).header(header::HOST, support::HOST).body(Body::empty()).unwrap();
    let res = router.clone().oneshot(req).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

#[track_caller]
fn assert_common(headers: &HeaderMap) {
    for (name, value) in COMMON {
        assert_eq!(headers.get(name).map(|it| it.to_str().unwrap()), Some(value), "{name}");
    }
    assert!(headers.get(header::STRICT_TRANSPORT_SECURITY).is_none());
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{csp}");
}

/// The nonce of a page CSP, checking the rest of the policy on the way.
#[track_caller]
fn page_nonce(headers: &HeaderMap) -> String {
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    let nonce = csp
        .strip_prefix("default-src 'self'; script-src 'self' 'nonce-")
        .and_then(|rest| rest.split_once('\''))
        .map(|(nonce, _)| nonce.to_owned())
        .unwrap_or_else(|| panic!("not a page CSP: {csp}"));
    assert_eq!(
        csp,
        format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; \
             object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
        )
    );
    assert_eq!(nonce.len(), 24, "16 bytes in base64: {nonce}");
    nonce
}

#[tokio::test]
async fn a_page_has_the_headers_and_a_fresh_nonce_on_its_scripts() {
    let router = app().router();
    let (status, first, body) = get(&router, "/counter").await;
    assert_eq!(status, StatusCode::OK);
    assert_common(&first);
    // The page holds a session's token and a one-time nonce: no shared cache keeps it.
    assert_eq!(first["cache-control"], "private, no-cache");
    let nonce = page_nonce(&first);
    // Both scripts, and only they, carry the nonce.
    assert_eq!(body.matches("<script").count(), 2, "{body}");
    assert!(
        body.contains(&format!("<script type=\"resuma/state\" nonce=\"{nonce}\">[0]</script>")),
        "{body}"
    );
    assert!(body.contains(&format!("<script nonce=\"{nonce}\">")), "{body}");
    assert_eq!(body.matches(&format!("nonce=\"{nonce}\"")).count(), 2);

    let (_, second, body) = get(&router, "/counter").await;
    let other = page_nonce(&second);
    assert_ne!(nonce, other, "a nonce is per response");
    assert!(body.contains(&format!("<script nonce=\"{other}\">")));
}

#[tokio::test]
async fn a_static_page_has_the_page_csp_without_a_nonce_and_no_script() {
    let router = app().router();
    let (status, headers, body) = get(&router, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert_common(&headers);
    // It wrote no nonce, so its policy allows none: no inline script or style may run,
    // and the header is the same on every response.
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert_eq!(
        csp,
        "default-src 'self'; script-src 'self'; style-src 'self'; \
         object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    );
    let (_, again, _) = get(&router, "/").await;
    assert_eq!(again[header::CONTENT_SECURITY_POLICY], csp);
    assert!(!body.contains("<script") && !body.contains("nonce"), "{body}");
    // No script, no form: nothing would send a token back, so none, and no session.
    assert!(!body.contains("resuma-csrf"), "{body}");
    assert!(!headers.contains_key(header::SET_COOKIE), "{headers:?}");
}

#[tokio::test]
async fn an_action_response_has_the_headers() {
    let router = app().router();
    let session = support::session_at(&router, "/counter").await;
    let (status, headers, body) = support::post(&router, "ping", "[]", &session).await;
    assert_eq!((status, body), (StatusCode::OK, serde_json::json!({"ok": "pong"})));
    assert_common(&headers);
    assert_eq!(headers[header::CONTENT_SECURITY_POLICY], NON_PAGE_CSP);
    // Rejections too.
    let (status, headers, _) = support::post(&router, "missing", "[]", &session).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_common(&headers);
    assert_eq!(headers[header::CONTENT_SECURITY_POLICY], NON_PAGE_CSP);
}

#[tokio::test]
async fn a_404_and_an_asset_have_the_headers() {
    let router = app().router();
    let (status, headers, _) = get(&router, "/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_common(&headers);
    assert_eq!(headers[header::CONTENT_SECURITY_POLICY], NON_PAGE_CSP);

    let (_, _, page) = get(&router, "/counter").await;
    let core = page.split("(\"/_resuma/").nth(1).and_then(|it| it.split('"').next()).unwrap();
    let core = format!("/_resuma/{core}");
    assert!(core.starts_with("/_resuma/core."), "{core}");
    let (status, headers, _) = get(&router, &core).await;
    assert_eq!(status, StatusCode::OK);
    assert_common(&headers);
    assert_eq!(headers[header::CONTENT_SECURITY_POLICY], NON_PAGE_CSP);
}

#[tokio::test]
async fn hsts_is_sent_only_when_set_and_makes_the_cookie_secure() {
    let router = app().hsts(Duration::from_secs(31_536_000)).router();
    let (_, headers, _) = get(&router, "/counter").await;
    assert_eq!(headers[header::STRICT_TRANSPORT_SECURITY], "max-age=31536000");
    assert!(headers[header::SET_COOKIE].to_str().unwrap().ends_with("; Secure"));
    let (_, headers, _) = get(&router, "/nope").await;
    assert_eq!(headers[header::STRICT_TRANSPORT_SECURITY], "max-age=31536000");

    let (_, headers, _) = get(&app().router(), "/counter").await;
    assert!(!headers[header::SET_COOKIE].to_str().unwrap().contains("Secure"));
    let (_, headers, _) = get(&app().secure_cookies(true).router(), "/counter").await;
    assert!(headers[header::SET_COOKIE].to_str().unwrap().ends_with("; Secure"));
}

#[tokio::test]
async fn an_app_can_change_the_set() {
    let headers = SecurityHeaders::new()
        .csp_directives("img-src 'self' https://img.example.com; frame-ancestors 'self'")
        .remove(header::X_FRAME_OPTIONS)
        .header(header::REFERRER_POLICY, "no-referrer");
    let router = app().security(headers).router();
    let (_, res, _) = get(&router, "/").await;
    assert!(res.get(header::X_FRAME_OPTIONS).is_none());
    assert_eq!(res[header::REFERRER_POLICY], "no-referrer");
    let csp = res[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(
        csp.ends_with("'; img-src 'self' https://img.example.com; frame-ancestors 'self'"),
        "{csp}"
    );
    let (_, res, _) = get(&router, "/nope").await;
    assert_eq!(res[header::CONTENT_SECURITY_POLICY], NON_PAGE_CSP);

    let no_csp = app().security(SecurityHeaders::new().remove(header::CONTENT_SECURITY_POLICY));
    let (_, res, _) = get(&no_csp.router(), "/counter").await;
    assert!(res.get(header::CONTENT_SECURITY_POLICY).is_none());
    assert_eq!(res[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
}

#[test]
fn an_invalid_header_value_is_a_startup_error() {
    let headers = SecurityHeaders::new().header(header::REFERRER_POLICY, "a\r\nb");
    let err = app().security(headers).try_router().unwrap_err();
    assert!(matches!(err, resuma::ConfigError::BadHeader { .. }), "{err:?}");
}

#[tokio::test]
async fn a_nested_app_points_its_page_at_assets_under_its_mount_path() {
    let router = Router::new().nest("/app", app().router());
    let (status, _, body) = get(&router, "/app/counter").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let start =
        body.find("(\"/app/_resuma/core.").expect("the core URL carries the mount path") + 2;
    let core = &body[start..start + body[start..].find('"').unwrap()];
    let (status, headers, _) = get(&router, core).await;
    assert_eq!(status, StatusCode::OK, "{core}");
    assert!(headers["content-type"].to_str().unwrap().starts_with("text/javascript"));

    // At the root, nothing changes.
    let (_, _, body) = get(&app().router(), "/counter").await;
    assert!(body.contains("(\"/_resuma/core."), "{body}");
}
