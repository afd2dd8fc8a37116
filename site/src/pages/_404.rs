//! The not-found page of every path no route takes (status 404).

use resuma::prelude::*;
use resuma::render::{use_head, Head};

/// Not found.
#[component]
pub fn NotFound() -> View {
    use_head(Head::new().title("Not found · Resuma"));
    let docs = crate::pages::docs::index::path();
    view! {
        <main class="not-found">
            <h1>"Page not found"</h1>
            <p><a href="/">"Home"</a> " · " <a href={docs}>"Guides"</a></p>
        </main>
    }
}
