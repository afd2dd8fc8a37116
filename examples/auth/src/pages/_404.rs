//! The not-found page of every path no route takes (status 404).

use resuma::prelude::*;

/// Not found.
#[component]
pub fn NotFound() -> View {
    view! { <main class="not-found"><h1>"Nothing here"</h1><a href="/">"Home"</a></main> }
}
