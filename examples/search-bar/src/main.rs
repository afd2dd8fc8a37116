//! The search bar from Resuma's design page, as written there.
//!
//! `len` is a `computed!` signal: the server computes it for the first render, and the
//! browser recomputes it (translated from the same Rust) each time `q` changes. The
//! paragraph's `format!` reads it, so it is re-evaluated in the browser too, and only then.
//! `/debounced` adds a `debounce!` that records each pause in typing; `/fruits` asks a
//! `#[server]` fn from an async `debounce!` at each pause.

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

const FRUITS: &[&str] = &[
    "Apple",
    "Apricot",
    "Banana",
    "Blackberry",
    "Blueberry",
    "Cherry",
    "Grape",
    "Lemon",
    "Lime",
    "Mango",
    "Melon",
    "Orange",
    "Peach",
    "Pear",
    "Pineapple",
    "Plum",
    "Raspberry",
    "Strawberry",
];

/// The fruits whose name contains `q` (ignoring case), at most ten.
#[server(rate = "20/s")]
async fn search(q: String) -> Vec<String> {
    let q = q.trim().to_lowercase();
    FRUITS
        .iter()
        .filter(|fruit| fruit.to_lowercase().contains(&q))
        .take(10)
        .map(|fruit| fruit.to_string())
        .collect()
}

/// A search that asks the server once the typing stops: `debounce!` with an async body
/// awaiting a `#[server]` fn, in Rust (rs2js translates it; `examples/live-search` does
/// the same with `js!{}`).
#[component]
fn FruitSearch() -> View {
    let q = use_signal(String::new());
    let results = use_signal(Vec::<String>::new());
    let asked = use_signal(0u32);
    debounce!(300, [q], move || async move {
        asked.update(|n| *n += 1);
        results.set(search(q.get()).await);
    });

    view! {
        <main>
            <input id="q" value={q} onInput={move |e| q.set(e.value)} placeholder="Fruit…"/>
            <p id="asked">"Asked the server " {asked} " times"</p>
            <p id="results">{results.get().join(", ")}</p>
            <p role="alert" data-r-error hidden></p>
        </main>
    }
}

fn main() -> std::io::Result<()> {
    resuma::init_tracing();
    ResumaApp::new()
        .title("Search bar · Resuma")
        .page("/", SearchBar)
        .page("/debounced", DebouncedSearch)
        .page("/fruits", FruitSearch)
        .run()
}
