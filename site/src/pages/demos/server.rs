//! `/demos/server`: a `#[server]` fn called from a click, whose every third call fails,
//! to show an error reaching the page as a value. Needs the server (not the export).

use std::sync::atomic::{AtomicU32, Ordering};

use resuma::prelude::*;
use resuma::render::{use_head, Head};

static CALLS: AtomicU32 = AtomicU32::new(0);

/// Fresh text from the server, or an error on every third call.
#[server(rate = "20/s")]
pub async fn reload() -> Result<String, String> {
    let call = CALLS.fetch_add(1, Ordering::Relaxed) + 1;
    if call.is_multiple_of(3) {
        Err(format!("call {call} failed: every third call does, to show errors on the page"))
    } else {
        Ok(format!("call {call}: fresh text from the server"))
    }
}

/// A button calling [`reload`]; its result or its error shown below it.
#[component]
pub fn ServerDemo() -> View {
    use_head(Head::new().title("Demo: a server function · Resuma"));
    let status = use_signal(String::from("Not loaded yet."));
    let error = use_signal(String::new());
    view! {
        <main class="demo-page">
            <h1>"A server function"</h1>
            <p>"The function runs on the server only; the click calls it with the page's CSRF token. "
                "Every third call fails, and the error is a value the handler shows."</p>
            <section class="demo">
                <button id="reload" onClick={move |_| async move {
                    match reload().await {
                        Ok(text) => {
                            status.set(text);
                            error.set(String::new());
                        }
                        Err(message) => error.set(message),
                    }
                }}>"Reload"</button>
                <p id="status">{status}</p>
                <p id="error" role="alert">{error}</p>
                <p role="alert" data-r-error hidden></p>
            </section>
        </main>
    }
}
