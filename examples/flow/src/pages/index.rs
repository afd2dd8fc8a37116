//! `/`: the home page. No handlers, so it ships no JavaScript.

use resuma::prelude::*;

/// The home page.
#[component]
pub fn Home() -> View {
    view! {
        <main>
            <h1>"Flow home"</h1>
            <p>"Every file under src/pages/ is a route."</p>
            <a href="/blog">"The blog"</a>
        </main>
    }
}
