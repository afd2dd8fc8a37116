//! The counter from Resuma's design page.
//!
//! The page is rendered once on the server. The click handler is Rust, translated to
//! JavaScript at compile time; the browser loads it from
//! `/_resuma/handler/Counter.HASH.js` on the first click, with the small core, and
//! resumes the signal's state from the page: no hydration, no WASM.

use resuma::prelude::*;

#[component]
fn Counter() -> View {
    let count = use_signal(0);
    view! {
        <button onClick={
            move |_| count.update(|c| *c += 1)
        }>
            "Count: " {count}
        </button>
    }
}
// Handler lazy-loads from /_resuma/handler/Counter.js

/// Two counters on one page keep their own state.
#[component]
fn TwoCounters() -> View {
    view! {
        <main>
            <section id="first"><Counter/></section>
            <section id="second"><Counter/></section>
        </main>
    }
}

/// A handler reading the event: the greeting follows the input, and Enter clears it.
#[component]
fn Greeter() -> View {
    let name = use_signal(String::from("world"));
    let presses = use_signal(0u32);
    view! {
        <main>
            <input value="world" onInput={move |e| name.set(e.value.trim().to_string())}
                onKeyDown={move |e| if e.key == "Enter" { presses.update(|n| *n += 1) }}/>
            <p id="greeting">"Hello, " {name} "!"</p>
            <p id="presses">"Enter pressed " {presses} " times"</p>
        </main>
    }
}

/// A `u64` past 2^53 (2^60 + 1), which a JavaScript number cannot hold: it resumes exact (a BigInt
/// in the browser) and counts on exactly, as Rust does.
#[component]
fn WideCounter() -> View {
    let wide = use_signal(1_152_921_504_606_846_977u64);
    view! {
        <button id="wide" onClick={move |_| wide.update(|n| *n += 1)}>{wide}</button>
    }
}

fn main() -> std::io::Result<()> {
    resuma::init_tracing();
    ResumaApp::new()
        .title("Counter · Resuma")
        .page("/", Counter)
        .page("/two", TwoCounters)
        .page("/greet", Greeter)
        .page("/wide", WideCounter)
        .run()
}
