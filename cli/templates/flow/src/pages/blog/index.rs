//! `/blog`: the list of posts.

use resuma::prelude::*;

/// The posts.
#[component]
pub fn Posts() -> View {
    // Typed links (`path` is generated beside each page): the slug is percent-encoded.
    let hello = crate::pages::blog::slug::path("hello");
    let cafe = crate::pages::blog::slug::path("café <b>");
    view! {
        <section>
            <h1>"All posts"</h1>
            <ul>
                <li><a href={hello}>"Hello"</a></li>
                <li><a href={cafe}>"Café"</a></li>
            </ul>
        </section>
    }
}
