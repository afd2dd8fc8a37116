//! `FlowApp` on hand-written tables: catch-alls beside params (which axum alone refuses),
//! params of different names at one position, 404 folders, and what loads, layouts,
//! middlewares and error pages do to a response.

mod support;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::response::{IntoResponse as _, Response};
use resuma::flow::{ErrorInfo, FlowApp, LoadError, Next, Outcome, Pages, Route};
use resuma::render::{use_head, Head};
use resuma::View;
use tower::ServiceExt as _;

fn text(prefix: &'static str, value: String) -> View {
    View::new(move |h| {
        h.push_static(prefix);
        h.push_text(&value);
    })
}

/// A route whose page is `prefix` then the string its load (`$body`, with `cx`) returns.
macro_rules! page {
    ($prefix:literal, |$cx:ident| $body:expr) => {
        Route::new(|$cx| {
            Box::pin(async move {
                let loaded: Result<String, LoadError> = async { $body }.await;
                Outcome::new().page(loaded.map(|value| move || text($prefix, value)))
            })
        })
    };
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

async fn send(router: axum::Router, req: Request<Body>) -> Answer {
    let res = router.oneshot(req).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
    Answer { status, headers, body: String::from_utf8(body.to_vec()).unwrap() }
}

async fn get(pages: fn() -> Pages, path: &str) -> Answer {
    let router = FlowApp::new(pages()).router();
    send(router, Request::get(path).body(Body::empty()).unwrap()).await
}

fn table() -> Pages {
    Pages::new()
        .route("/u/{id}", "u/[id].rs", page!("id:", |cx| Ok(cx.param::<u64>("id")?.to_string())))
        .route("/u/{name}/posts", "u/[name]/posts.rs", page!("posts:", |cx| cx.param("name")))
        .route("/{page}", "[page].rs", page!("page:", |cx| cx.param("page")))
        .route("/{*rest}", "[...rest].rs", page!("rest:", |cx| cx.param("rest")))
        .not_found("/", "_404.rs", page!("root 404", |_cx| Ok(String::new())))
        .not_found("/u", "u/_404.rs", page!("u 404", |_cx| Ok(String::new())))
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
        let answer = get(table, path).await;
        assert_eq!(answer.status, status, "{path}: {}", answer.body);
        assert!(answer.body.contains(expected), "{path}: {}", answer.body);
    }
}

#[tokio::test]
async fn without_a_404_page_unknown_paths_get_a_plain_one() {
    let answer = get(Pages::new, "/nope").await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert!(answer.body.contains("<h1>404 Not Found</h1>"), "{}", answer.body);
}

fn oops(error: ErrorInfo) -> View {
    text("oops ", format!("{} {}", error.status().as_u16(), error.message()))
}

fn loads() -> Pages {
    Pages::new()
        .route("/see-other", "see-other.rs", page!("", |_cx| Err(LoadError::see_other("/login"))))
        .route("/moved", "moved.rs", page!("", |_cx| Err(LoadError::redirect("/new?a=1"))))
        .route("/gone", "gone.rs", page!("", |_cx| Err(LoadError::not_found())))
        .route(
            "/secret",
            "secret.rs",
            page!("", |_cx| Err("db password=hunter2 refused".parse::<u8>().unwrap_err().into()))
                .error(0, oops),
        )
        .route(
            "/forbidden",
            "forbidden.rs",
            page!("", |_cx| Err(LoadError::status(403, "Members only"))).error(0, oops),
        )
        .route(
            "/plain-error",
            "plain-error.rs",
            page!("", |_cx| Err(LoadError::internal("connection refused at 10.0.0.7"))),
        )
        .route("/bad-header", "bad-header.rs", page!("", |_cx| Err(LoadError::see_other("/a\nb"))))
        .route(
            "/query",
            "query.rs",
            page!("q:", |cx| {
                #[derive(serde::Deserialize)]
                struct Q {
                    page: u32,
                }
                Ok(cx.query::<Q>()?.page.to_string())
            }),
        )
        .route(
            "/cookie",
            "cookie.rs",
            page!("theme:", |cx| Ok(cx.cookie("theme").unwrap_or("none").to_owned())),
        )
        .route("/state", "state.rs", page!("db:", |cx| Ok(cx.state::<Arc<str>>()?.to_string())))
        .not_found("/", "_404.rs", page!("custom 404", |_cx| Ok(String::new())))
}

#[tokio::test]
async fn loads_redirect_404_and_fail_without_leaking_details() {
    let answer = get(loads, "/see-other").await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(answer.headers[header::LOCATION], "/login");
    let answer = get(loads, "/moved").await;
    assert_eq!(answer.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(answer.headers[header::LOCATION], "/new?a=1");

    let answer = get(loads, "/gone").await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert!(answer.body.contains("custom 404"), "{}", answer.body);

    let answer = get(loads, "/secret").await;
    assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(answer.body.contains("oops 500 Internal Server Error"), "{}", answer.body);
    assert!(!answer.body.contains("invalid digit"), "{}", answer.body);

    let answer = get(loads, "/forbidden").await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(answer.body.contains("oops 403 Members only"), "{}", answer.body);

    let answer = get(loads, "/plain-error").await;
    assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(answer.body.contains("<h1>500 Internal Server Error</h1>"), "{}", answer.body);
    assert!(!answer.body.contains("10.0.0.7"), "{}", answer.body);
    assert!(answer.body.starts_with("<!DOCTYPE html>"), "in the app's shell: {}", answer.body);

    let answer = get(loads, "/bad-header").await;
    assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn loads_read_query_cookies_and_state() {
    let answer = get(loads, "/query?page=3").await;
    assert!(answer.body.contains("q:3"), "{}", answer.body);
    let answer = get(loads, "/query?page=x").await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);

    let req = Request::get("/cookie").header(header::COOKIE, "a=1; theme=dark").body(Body::empty());
    let answer = send(FlowApp::new(loads()).router(), req.unwrap()).await;
    assert!(answer.body.contains("theme:dark"), "{}", answer.body);

    let router = FlowApp::new(loads()).state::<Arc<str>>(Arc::from("pool")).router();
    let answer = send(router, Request::get("/state").body(Body::empty()).unwrap()).await;
    assert!(answer.body.contains("db:pool"), "{}", answer.body);
    let answer = get(loads, "/state").await;
    assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR, "no state given");
}

#[derive(Clone)]
struct User(String);

fn guard(mut req: resuma::flow::Request, next: Next) -> resuma::flow::BoxFuture<Response> {
    Box::pin(async move {
        let name = req.headers().get("x-user").and_then(|it| it.to_str().ok()).map(str::to_owned);
        match name {
            Some(name) => {
                req.extensions_mut().insert(User(name));
                let mut res = next.run(req).await;
                res.headers_mut().insert("x-guarded", "yes".parse().unwrap());
                res
            }
            None => axum::response::Redirect::to("/login").into_response(),
        }
    })
}

fn guarded() -> Pages {
    Pages::new()
        .route(
            "/admin",
            "admin/index.rs",
            page!("hello ", |cx| Ok(cx.extension::<User>().map(|it| it.0).unwrap_or_default()))
                .middleware(guard),
        )
        .not_found(
            "/admin",
            "admin/_404.rs",
            page!("admin 404", |_cx| Ok(String::new())).middleware(guard),
        )
}

#[tokio::test]
async fn middleware_guards_answers_early_and_hands_extensions_to_loads() {
    let answer = get(guarded, "/admin").await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(answer.headers[header::LOCATION], "/login");
    let answer = get(guarded, "/admin/nothing-here").await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "404s under the folder are guarded too");

    let req = Request::get("/admin").header("x-user", "ada").body(Body::empty()).unwrap();
    let answer = send(FlowApp::new(guarded()).router(), req).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.body.contains("hello ada"), "{}", answer.body);
    assert_eq!(answer.headers["x-guarded"], "yes");
}

/// Two loads that each wait for the other: they finish only if they run concurrently.
#[derive(Clone)]
struct Both(Arc<tokio::sync::Barrier>);

fn nested() -> Pages {
    let render: resuma::flow::Render = |cx| {
        Box::pin(async move {
            let layout = async {
                let both: Both = cx.at(0).state()?;
                both.0.wait().await;
                Ok::<_, LoadError>("Nav".to_owned())
            };
            let page = async {
                let both: Both = cx.state()?;
                both.0.wait().await;
                let nav: String = cx.layout().await?;
                Ok::<_, LoadError>(format!("page under {nav}"))
            };
            let (layout, page) = tokio::join!(cx.run_layout(0, layout), page);
            Outcome::new()
                .layout(layout.map(|nav| {
                    move |children: View| {
                        // As a component does: its body runs when it renders.
                        View::new(move |h| {
                            use_head(Head::new().title("Layout title").meta("author", "layout"));
                            h.push_text(&format!("[{nav}]"));
                            children.render(h);
                        })
                    }
                }))
                .page(page.map(|text| {
                    move || {
                        View::new(move |h| {
                            use_head(Head::new().title("Page <title>").canonical("/nested"));
                            h.push_text(&text);
                        })
                    }
                }))
        })
    };
    Pages::new().route("/nested", "nested.rs", Route::new(render).layouts(1))
}

#[tokio::test]
async fn layout_and_page_loads_run_concurrently_and_the_page_reads_the_layouts_data() {
    let both = Both(Arc::new(tokio::sync::Barrier::new(2)));
    let router = FlowApp::new(nested()).state(both).router();
    let req = Request::get("/nested").body(Body::empty()).unwrap();
    let answer = tokio::time::timeout(std::time::Duration::from_secs(10), send(router, req))
        .await
        .expect("the loads waited for each other: they ran one after the other");
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.body.contains("[Nav]page under Nav"), "{}", answer.body);
    assert!(answer.body.contains("<title>Page &lt;title&gt;</title>"), "{}", answer.body);
    assert!(answer.body.contains(r#"<meta name="author" content="layout">"#), "{}", answer.body);
    assert!(answer.body.contains(r#"<link rel="canonical" href="/nested">"#), "{}", answer.body);
}

fn cached() -> Pages {
    Pages::new()
        .route(
            "/public",
            "public.rs",
            page!("public", |cx| {
                cx.cache_control("public, max-age=60");
                Ok(String::new())
            }),
        )
        .route(
            "/private",
            "private.rs",
            page!("private", |cx| {
                cx.cache_control("private, max-age=5");
                Ok(String::new())
            }),
        )
        .route(
            "/resumable",
            "resumable.rs",
            Route::new(|cx| {
                Box::pin(async move {
                    cx.cache_control("public, s-maxage=60, max-age=10");
                    Outcome::new().page(Ok(support::caller_page))
                })
            }),
        )
        .route("/default", "default.rs", page!("default", |_cx| Ok(String::new())))
}

#[tokio::test]
async fn cache_headers_from_loads_and_pages_without_script_carry_no_session() {
    // No script, no form: no token, no session, whatever the cache says.
    let answer = get(cached, "/default").await;
    assert_eq!(answer.headers[header::CACHE_CONTROL], "private, no-cache");
    assert!(!answer.headers.contains_key(header::SET_COOKIE), "{:?}", answer.headers);
    assert!(!answer.body.contains("resuma-csrf"), "{}", answer.body);

    let answer = get(cached, "/public").await;
    assert_eq!(answer.headers[header::CACHE_CONTROL], "public, max-age=60");
    assert!(!answer.headers.contains_key(header::SET_COOKIE), "a shared cache would keep it");
    assert!(!answer.body.contains("resuma-csrf"), "{}", answer.body);

    let answer = get(cached, "/private").await;
    assert_eq!(answer.headers[header::CACHE_CONTROL], "private, max-age=5");
    assert!(!answer.body.contains("resuma-csrf"), "{}", answer.body);

    let answer = get(cached, "/resumable").await;
    assert_eq!(answer.headers[header::CACHE_CONTROL], "private, max-age=10");
    assert!(answer.body.contains("resuma-csrf"), "its handlers need the token");
    assert!(answer.headers.contains_key(header::SET_COOKIE), "and its session");
}
