//! A `#[server]` function called from the browser, no page reload.
//!
//! `reload` runs only on the server. Every third call returns an error: the framework logs
//! it (with `tracing`), and the handler — Rust, translated to JavaScript — matches on it
//! and shows it through an error signal, without a refresh.

use std::sync::atomic::{AtomicU32, Ordering};

use resuma::prelude::*;

static CALLS: AtomicU32 = AtomicU32::new(0);

/// Fresh data from the server; every third call fails on purpose.
#[server(rate = "20/s")]
async fn reload() -> Result<String, String> {
    let call = CALLS.fetch_add(1, Ordering::Relaxed) + 1;
    if call.is_multiple_of(3) {
        Err(format!("call {call} failed: every third call does, to show errors in the UI"))
    } else {
        Ok(format!("call {call}: fresh data from the server"))
    }
}

#[component]
fn Demo() -> View {
    let status = use_signal(String::from("Not loaded yet."));
    let error = use_signal(String::new());
    view! {
        <main>
            <h1>"Server functions"</h1>
            <p>"Rust runs on the server only. Click reload: no page refresh."</p>
            <button onClick={move |_| async move {
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
            // What no handler catches (a network failure, a 500) shows here.
            <p role="alert" data-r-error hidden></p>
        </main>
    }
}

fn main() -> std::io::Result<()> {
    resuma::init_tracing();
    ResumaApp::new().title("Server functions · Resuma").page("/", Demo).run()
}
