//! Streaming Flow pages over HTTP, read chunk by chunk: a load's deferred value lets the
//! shell leave first (asserted as an order of events: the shell is read while the value
//! is still held back), its part lands after the page with the script that moves it into
//! its placeholder, an error renders in the part's place, and a counter inside a part is
//! in the page's one state script, written after the last part.

#![allow(missing_docs)]

use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use futures_util::StreamExt as _;
use resuma::flow::{Deferred, FlowApp, LoadCx, LoadError, Outcome, Pages, Route};
use resuma::prelude::*;
use resuma::render::{use_head, Head};
use tokio::sync::oneshot;
use tower::ServiceExt as _;

/// The release of a deferred value: the test holds it until it has read the shell.
#[derive(Clone, Default)]
struct Gate(Arc<Mutex<Option<oneshot::Receiver<()>>>>);

pub struct Post {
    title: String,
    comments: Deferred<Vec<String>>,
    rating: Deferred<u32>,
}

#[component]
pub fn Likes(start: u32) -> View {
    let likes = use_signal(start);
    view! { <button on:click={move |_| likes.set(likes.get() + 1)}>{likes}" likes"</button> }
}

#[component]
pub fn PostPage(data: Post) -> View {
    let Post { title, comments, rating } = data;
    use_head(Head::new().title(title.clone()));
    view! {
        <article>
            <h1>{title}</h1>
            {comments.show(view! { <p class="wait">"Loading comments…"</p> }, |comments| view! {
                <ul><For each={comments} key={|c| c.clone()} let:c><li>{c}</li></For></ul>
                <Likes start={3}/>
            })}
            {rating.on_error(|error| view! { <p class="oops">{error.message().to_owned()}</p> })
                .show(view! { <p>"…"</p> }, |stars| view! { <p>{stars}" stars"</p> })}
        </article>
        <footer>"the end"</footer>
    }
}

async fn load(cx: LoadCx) -> Result<Post, LoadError> {
    cx.cache_control("public, max-age=60");
    let gate: Gate = cx.state()?;
    let wait = gate.0.lock().unwrap().take();
    let comments = cx.defer(async move {
        if let Some(wait) = wait {
            let _ = wait.await;
        }
        Ok(vec!["First <b>!</b>".to_owned(), "Second".to_owned()])
    });
    let rating = cx.defer(async { Err(LoadError::status(503, "Ratings are resting.")) });
    Ok(Post { title: "Streams".to_owned(), comments, rating })
}

fn route() -> Route {
    Route::new(|cx| {
        Box::pin(async move {
            let loaded = load(cx).await;
            Outcome::new().page(loaded.map(|data| move || view! { <PostPage data={data}/> }))
        })
    })
}

fn app(gate: Gate) -> axum::Router {
    FlowApp::new(Pages::new().route("/post", "post.rs", route())).state(gate).router()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shell_leaves_before_the_deferred_value_and_its_part_lands_after() {
    let (release, wait) = oneshot::channel();
    let gate = Gate(Arc::new(Mutex::new(Some(wait))));
    let res = app(gate).oneshot(Request::get("/post").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(!res.headers().contains_key(header::ETAG));
    let csp = res.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
    let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap().to_owned();
    let mut body = res.into_body().into_data_stream();

    // Read until the whole shell is in, while the comments are still held back.
    let mut shell = String::new();
    while !shell.contains("<footer>the end</footer>") {
        let chunk = body.next().await.expect("the stream ended before the shell").unwrap();
        shell.push_str(std::str::from_utf8(&chunk).unwrap());
    }
    assert!(shell.contains("<title>Streams</title>"), "use_head works: {shell}");
    assert!(
        shell.contains("<!--r-defer:0--><p class=\"wait\">Loading comments…</p><!--/r-defer:0-->"),
        "{shell}"
    );
    assert!(!shell.contains("First"), "the comments were not released yet");

    release.send(()).unwrap();
    let mut rest = String::new();
    while let Some(chunk) = body.next().await {
        rest.push_str(std::str::from_utf8(&chunk.unwrap()).unwrap());
    }
    let page = shell + &rest;
    // Both parts after the page (which first is the unit tests' to show: the failing
    // rating's task may still be unscheduled when the comments are released).
    let footer = page.find("<footer>the end</footer>");
    let rating =
        page.find("<div data-r-part=\"1\"><p class=\"oops\">Ratings are resting.</p></div>");
    let comments = page.find("<div data-r-part=\"0\"><ul><li>First &lt;b&gt;!&lt;/b&gt;</li>");
    assert!(rating > footer && comments > footer && footer.is_some(), "{page}");
    assert!(page.contains(&format!("<script nonce=\"{nonce}\">$rp(0)</script>")), "{page}");
    // The part's counter resumes: its slot is in the state, written after the last part.
    let state = page.find("<script type=\"resuma/state\"").expect("the page resumes");
    assert!(state > comments.unwrap(), "{page}");
    assert!(
        page[state..].starts_with(&format!("<script type=\"resuma/state\" nonce=\"{nonce}\">[3]")),
        "{page}"
    );
    assert!(page.contains("data-r-on:click"), "{page}");
    // Every script carries the response's nonce: no inline script without it.
    assert_eq!(
        page.matches("<script").count(),
        page.matches(&format!("nonce=\"{nonce}\"")).count()
    );
    assert!(page.ends_with("</body></html>"), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_streamed_page_is_never_public_and_a_dropped_one_lets_go() {
    let router = app(Gate::default());
    let res =
        router.clone().oneshot(Request::get("/post").body(Body::empty()).unwrap()).await.unwrap();
    // Its headers leave before it knows whether it carries the token: it stays private.
    assert_eq!(res.headers()[header::CACHE_CONTROL], "private, max-age=60");
    assert!(res.headers().contains_key(header::SET_COOKIE));
    drop(res);
    // The server goes on serving.
    let res = router.oneshot(Request::get("/post").body(Body::empty()).unwrap()).await.unwrap();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
    assert!(String::from_utf8_lossy(&body).contains("Second"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deferred_value_that_never_comes_ends_as_an_error_at_the_request_timeout() {
    // The gate is never released: the comments never come.
    let (_release, wait) = oneshot::channel::<()>();
    let gate = Gate(Arc::new(Mutex::new(Some(wait))));
    let limits =
        resuma::ServerLimits::default().request_timeout(std::time::Duration::from_millis(300));
    let router = FlowApp::new(Pages::new().route("/post", "post.rs", route()))
        .state(gate)
        .server_limits(limits)
        .router();
    let res = router.oneshot(Request::get("/post").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let started = std::time::Instant::now();
    let body = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        axum::body::to_bytes(res.into_body(), usize::MAX),
    )
    .await
    .expect("the response ends: a part waits no longer than the request timeout")
    .unwrap();
    let page = String::from_utf8(body.to_vec()).unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert!(
        page.contains(
            "<div data-r-part=\"0\"><p role=\"alert\">This part took too long to load.</p></div>"
        ),
        "{page}"
    );
    assert!(page.ends_with("</body></html>"), "{page}");
}
