//! `/demos/search`: a search bar whose count is a `computed!`, filtering a list in the
//! browser. It works from files too: nothing here calls the server.

use resuma::prelude::*;
use resuma::render::{use_head, Head};

/// The frameworks the demo filters.
const NAMES: [&str; 9] =
    ["Resuma", "Qwik", "SvelteKit", "Remix", "Next.js", "Astro", "SolidStart", "Leptos", "HTMX"];

/// A search bar: the query is a signal, its length a `computed!`, each row hidden by a
/// thunk of the query.
#[component]
pub fn SearchDemo() -> View {
    use_head(Head::new().title("Demo: a search bar · Resuma"));
    let names: Vec<(u32, String)> =
        NAMES.iter().enumerate().map(|(i, name)| (i as u32, name.to_string())).collect();
    let rows = use_signal(names);
    let q = use_signal(String::new());
    let chars = computed!([q], move || q.get().chars().count());
    view! {
        <main class="demo-page">
            <h1>"A search bar"</h1>
            <p>"The list and the query were rendered on the server. Typing loads the handler; the count is a "
                <code>"computed!"</code> " the browser keeps up to date."</p>
            <section class="demo">
                <input id="q" type="search" value={q} onInput={move |e| q.set(e.value)}
                    placeholder="Filter frameworks…" aria-label="Filter frameworks"/>
                <p id="chars">{chars} " characters"</p>
                <ul class="names">
                    <For each={rows} key={|row| row.0} let:row>
                        <li hidden={!row.1.to_lowercase().contains(&q.get().to_lowercase())}>{row.1.clone()}</li>
                    </For>
                </ul>
            </section>
        </main>
    }
}
