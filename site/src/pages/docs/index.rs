//! `/docs`: every guide, in reading order.

use resuma::prelude::*;
use resuma::render::{use_head, Head};

use crate::guides::{href, GUIDES};

/// The list of guides.
#[component]
pub fn Guides() -> View {
    use_head(Head::new().title("Guides · Resuma"));
    let rows: Vec<(String, &'static str, &'static str)> =
        GUIDES.iter().map(|g| (href(g), g.title, g.source)).collect();
    view! {
        <main>
            <h1>"Guides"</h1>
            <ol class="guides">
                <For each={rows} let:row>
                    <li><a href={row.0}>{row.1}</a> " " <code>{row.2}</code></li>
                </For>
            </ol>
        </main>
    }
}
