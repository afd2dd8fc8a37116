//! A counter with a click handler: it resumes in the browser inside the blog's layout.

use resuma::prelude::*;

/// Counts clicks; the handler loads on the first one.
#[component]
pub fn Counter() -> View {
    let count = use_signal(0);
    view! {
        <button class="counter" onClick={move |_| count.update(|c| *c += 1)}>
            "Likes: " {count}
        </button>
    }
}
