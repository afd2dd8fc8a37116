//! The search bar from Resuma's design page, as written there.
//!
//! `len` is a `computed!` signal: the server computes it for the first render, and the
//! browser recomputes it (translated from the same Rust) each time `q` changes. The
//! paragraph's `format!` reads it, so it is re-evaluated in the browser too, and only then.
//! `/debounced` adds a `debounce!` that records each pause in typing.

use resuma::prelude::*;

#[component]
fn SearchBar() -> View {
    let q = use_signal(String::new());
    let len = computed!([q], move || q.get().len());

    view! {
        <input
            value={q}
            onInput={move |e| q.set(e.value)}
            placeholder="Filter…"
        />
        <p>{format!("{} chars", len.get())}</p>
    }
}

/// A search bar that settles: `searches` counts the pauses in typing (300 ms of quiet),
/// `last` keeps what was typed before each pause, and the clear button is disabled while
/// there is nothing to clear.
#[component]
fn DebouncedSearch() -> View {
    let q = use_signal(String::new());
    let searches = use_signal(0u32);
    let last = use_signal(String::new());
    debounce!(300, [q], move || {
        if !q.get().is_empty() {
            searches.update(|n| *n += 1);
            last.set(q.get());
        }
    });
    let chars = computed!([q], move || q.get().chars().count());

    view! {
        <main>
            <input id="q" value={q} onInput={move |e| q.set(e.value)} placeholder="Search…"/>
            <button id="clear" disabled={q.get().is_empty()} onClick={move |_| q.set(String::new())}>
                "Clear"
            </button>
            <p id="chars">{chars} " characters (" {format!("{} bytes", q.get().len())} ")"</p>
            <p id="searches">"Searches: " {searches}</p>
            <p id="last" class={if last.get().is_empty() { "empty" } else { "filled" }}>
                "Last: " {last}
            </p>
        </main>
    }
}

fn main() -> std::io::Result<()> {
    resuma::init_tracing();
    ResumaApp::new()
        .title("Search bar · Resuma")
        .page("/", SearchBar)
        .page("/debounced", DebouncedSearch)
        .run()
}
