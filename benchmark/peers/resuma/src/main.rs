//! The peer benchmark's pages in Resuma (benchmark/run.mjs): `/` is an SSR heading and one
//! increment button, `/static` the same heading and text with no handler.
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

fn main() -> std::io::Result<()> {
    resuma::init_tracing();
    ResumaApp::new().title("Counter").page("/", Counter).page("/static", Static).run()
}
