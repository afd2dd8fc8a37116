//! A counter: the click handler is Rust, translated to JavaScript at compile time. The
//! browser fetches it (with the small core) on the first click and resumes the count from
//! the page: no hydration, no WASM.

use resuma::prelude::*;

/// A button that counts its clicks, starting at `start`.
#[component]
pub fn Counter(#[prop(default = 0)] start: i32) -> View {
    let count = use_signal(start);
    view! {
        <button class="counter" onClick={move |_| count.update(|c| *c += 1)}>
            "Clicked " {count} " times"
        </button>
    }
}
