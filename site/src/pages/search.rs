//! `/search`: every heading of every guide, filtered in the browser as one types.
//!
//! The index is the page's own state: a keyed `<For>` over a signal holding each
//! heading's title and link, and an input bound to the query. No JSON file, because
//! `resuma build --static` writes only pages and `_resuma/`; no `#[server]` fn, because
//! then the exported site would need a server. Headings only, not the full text, to keep
//! the page small (the state is a few tens of KiB). This page, like the home page, ships
//! JavaScript; the guides still ship none.

use resuma::prelude::*;
use resuma::render::{use_head, Head};

/// A heading in the index. rs2js reads its fields from this file.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq)]
pub struct Entry {
    /// Its number: the `<For>` key.
    pub id: u32,
    /// "Guide › Heading".
    pub title: String,
    /// `/docs/{slug}#id`.
    pub href: String,
}

/// The search page.
#[component]
pub fn Search() -> View {
    use_head(Head::new().title("Search · Resuma"));
    let index: Vec<Entry> = crate::guides::headings()
        .enumerate()
        .map(|(i, (title, href))| Entry { id: i as u32, title, href })
        .collect();
    let entries: Signal<Vec<Entry>> = use_signal(index);
    let q = use_signal(String::new());
    view! {
        <main class="search">
            <h1>"Search the guides"</h1>
            <input id="q" type="search" value={q} onInput={move |e| q.set(e.value)}
                placeholder="A heading: forms, CSRF, R001…" aria-label="Search the guides"/>
            <ul class="results">
                <For each={entries} key={|e| e.id} let:entry>
                    <li hidden={!entry.title.to_lowercase().contains(&q.get().to_lowercase())}>
                        <a href={entry.href.clone()}>{entry.title.clone()}</a>
                    </li>
                </For>
            </ul>
        </main>
    }
}
