//! `/blog`: the list of posts.

use resuma::prelude::*;

/// The posts.
#[component]
pub fn Posts() -> View {
    view! { <section><h1>"All posts"</h1><ul><li><a href="/blog/hello">"Hello"</a></li></ul></section> }
}
