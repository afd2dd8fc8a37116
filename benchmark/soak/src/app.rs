//! The app under test: a Flow page with a form (`/`, its submit `note`), and a server
//! function `add`. Rate limits are out of the way (every client is 127.0.0.1).

use std::time::Duration;

use resuma::flow::{FlowApp, FormError, Outcome, Pages, Route, SubmitCx, Submitted};
use resuma::prelude::*;
use resuma::ServerLimits;
use serde::Deserialize;

/// Adds two numbers: the server function the good clients call.
#[server]
async fn add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

/// The form the good clients post.
#[derive(Deserialize)]
pub struct Note {
    title: String,
}

/// Accepts any note with a title.
#[submit]
pub async fn note(_cx: SubmitCx, form: Note) -> Result<Submitted, FormError> {
    if form.title.is_empty() {
        return Err(FormError::field("title", "A title, please."));
    }
    Ok(Submitted::redirect("/"))
}

#[component]
fn Home() -> View {
    view! {
        <h1>"Soak"</h1>
        <p>"A page, a form and a server function, under attack."</p>
        <Form submit={note}><input name="title"/><button>"Add"</button></Form>
    }
}

fn home() -> Route {
    Route::new(|_| {
        Box::pin(async {
            Outcome::new()
                .page(Ok(|| View::new(|h| resuma::Component::render(Home::builder().build(), h))))
        })
    })
    .submit(resuma::flow::Submission::new("note", note))
}

/// Serves the app on `127.0.0.1:0`, printing `PORT n` on stdout once bound.
pub(crate) async fn serve(limits: ServerLimits) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    println!("PORT {}", listener.local_addr()?.port());
    FlowApp::new(Pages::new().route("/", "index.rs", home()))
        .secret([5u8; 32])
        .rate_limit("1000000/s")
        .server_limits(limits)
        .serve_listener(listener)
        .await
}

/// The limits of a mode: the defaults for `--long`, shorter ones for a run of seconds.
/// `RESUMA_SOAK_MAX_HEADER_BYTES` overrides `max_header_bytes` (it bounds hyper's read
/// buffer, the largest part of a connection's memory).
pub(crate) fn limits(short: bool) -> ServerLimits {
    let limits = limits_of_mode(short);
    let max_header_bytes = std::env::var("RESUMA_SOAK_MAX_HEADER_BYTES").ok();
    match max_header_bytes.and_then(|it| it.parse::<usize>().ok()) {
        Some(max_bytes) => limits.max_header_bytes(max_bytes),
        None => limits,
    }
}

fn limits_of_mode(short: bool) -> ServerLimits {
    if short {
        let ms = Duration::from_millis;
        ServerLimits::default()
            .header_read_timeout(ms(500))
            .idle_timeout(ms(1500))
            .body_timeout(ms(800))
            .request_timeout(ms(5000))
    } else {
        ServerLimits::default()
    }
}
