//! `/about`.

use resuma::prelude::*;

/// What this is.
#[component]
pub fn About() -> View {
    view! { <main><h1>"About Flow"</h1></main> }
}
