//! The peer benchmark's pages in Resuma (benchmark/run.mjs): `/` is an SSR heading and one
//! increment button, `/static` the same heading and text with no handler, `/many` the
//! heading and twenty counters (each its own state, one shared handler chunk).
//!
//! Built with `cargo build --release` and served by its own binary on `RESUMA_ADDR`.

use resuma::prelude::*;

#[component]
fn Counter() -> View {
    let count = use_signal(0);
    view! {
        <main>
            <h1>"Counter"</h1>
            <button onClick={move |_| count.update(|c| *c += 1)}>"Count: " {count}</button>
        </main>
    }
}

/// The same heading and text, without a handler: no JavaScript is needed.
#[component]
fn Static() -> View {
    view! {
        <main>
            <h1>"Counter"</h1>
            <p>"Count: 0"</p>
        </main>
    }
}

/// One increment button of `/many`.
#[component]
fn CountButton() -> View {
    let count = use_signal(0);
    view! { <button onClick={move |_| count.update(|c| *c += 1)}>"Count: " {count}</button> }
}

/// Twenty counters, each with its own state: the first click on a page with more than one
/// handler (benchmark/run.mjs clicks the first).
#[component]
fn ManyCounters() -> View {
    view! {
        <main>
            <h1>"Counter"</h1>
            <CountButton/><CountButton/><CountButton/><CountButton/><CountButton/>
            <CountButton/><CountButton/><CountButton/><CountButton/><CountButton/>
            <CountButton/><CountButton/><CountButton/><CountButton/><CountButton/>
            <CountButton/><CountButton/><CountButton/><CountButton/><CountButton/>
        </main>
    }
}

fn main() -> std::io::Result<()> {
    resuma::init_tracing();
    ResumaApp::new()
        .title("Counter")
        .page("/", Counter)
        .page("/static", Static)
        .page("/many", ManyCounters)
        .run()
}
