//! The home page's live demo: a resumable counter, the only JavaScript the site ships.

use resuma::prelude::*;

/// Counts clicks. Rendered on the server; its handler chunk loads on the first click.
#[component]
pub(crate) fn Counter() -> View {
    let count = use_signal(0);
    view! {
        <button class="counter" onClick={move |_| count.update(|c| *c += 1)}>
            "Clicks: " {count}
        </button>
    }
}
