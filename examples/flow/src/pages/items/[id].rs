//! `/items/{id}`: `id` is a `u64`, so `/items/abc` is the 404 page.

use resuma::prelude::*;

/// An item.
#[component]
pub fn Item(id: u64) -> View {
    // A typed link: `path` is generated beside the page, so a link to a page that does
    // not exist does not compile.
    let next = crate::pages::items::id::path(id + 1);
    view! { <main><h1>"Item #" {id}</h1><a href={next}>"Next"</a></main> }
}
