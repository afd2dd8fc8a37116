//! `/items/{id}`: `id` is a `u64`, so `/items/abc` is the 404 page.

use resuma::prelude::*;

/// An item.
#[component]
pub fn Item(id: u64) -> View {
    let next = id + 1;
    view! { <main><h1>"Item #" {id}</h1><a href={("/items/", next)}>"Next"</a></main> }
}
