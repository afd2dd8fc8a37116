//! `/blog/{slug}`: one post; `slug` is the URL segment, percent-decoded.

use resuma::prelude::*;

/// A post.
#[component]
pub fn Post(slug: String) -> View {
    view! { <article><h1>"Post: " {slug}</h1></article> }
}
