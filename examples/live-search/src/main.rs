//! Live search: an input that calls a `#[server]` search through `js!{}` and renders the
//! results, as on Resuma's design page (with double quotes: Rust's lexer cannot hold a
//! single-quoted JS string in the token form of `js!`).

use resuma::prelude::*;

const FRUITS: &[&str] = &[
    "Apple",
    "Apricot",
    "Avocado",
    "Banana",
    "Blackberry",
    "Blueberry",
    "Cherry",
    "Coconut",
    "Date",
    "Fig",
    "Grape",
    "Guava",
    "Kiwi",
    "Lemon",
    "Lime",
    "Mango",
    "Melon",
    "Orange",
    "Papaya",
    "Peach",
    "Pear",
    "Pineapple",
    "Plum",
    "Raspberry",
    "Strawberry",
    "Watermelon",
];

/// Fruits whose name contains `q` (case-insensitive), at most ten.
#[server]
async fn search(q: String) -> Vec<String> {
    let q = q.trim().to_lowercase();
    FRUITS
        .iter()
        .filter(|fruit| fruit.to_lowercase().contains(&q))
        .take(10)
        .map(|fruit| fruit.to_string())
        .collect()
}

#[component]
fn LiveSearch() -> View {
    let query = use_signal(String::new());
    let results = use_signal(Vec::<String>::new());
    view! {
        <main>
            <h1>"Live search"</h1>
            <input placeholder="Filter fruit…" onInput={js! {
                state.query.set(event.target.value);
                const r = await __resuma.action("search", [event.target.value]);
                state.results.set(r);
                document.getElementById("results").replaceChildren(
                    ...r.map((name) => Object.assign(document.createElement("li"), { textContent: name }))
                );
            }}/>
            <p id="summary">"Results for “" {query} "”"</p>
            <ul id="results"></ul>
            <p role="alert" data-r-error hidden></p>
        </main>
    }
}

fn main() -> std::io::Result<()> {
    resuma::init_tracing();
    ResumaApp::new().title("Live search · Resuma").page("/", LiveSearch).run()
}
