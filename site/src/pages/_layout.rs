//! Wraps every page: the site's header and the table of contents. No handlers, so a
//! text page ships no JavaScript.

use resuma::prelude::*;

use crate::guides::{href, GUIDES};

/// The site's frame.
#[layout]
pub fn Frame(children: Children) -> View {
    let toc: Vec<(String, &'static str)> = GUIDES.iter().map(|g| (href(g), g.title)).collect();
    let docs = crate::pages::docs::index::path();
    let search = crate::pages::search::path();
    let demos = crate::pages::demos::search::path();
    view! {
        <header class="site-header">
            <a class="brand" href="/">"Resuma"</a> " " <a href={docs}>"Guides"</a> " "
            <a href={search}>"Search"</a> " " <a href={demos}>"Demos"</a>
        </header>
        <nav class="toc" aria-label="Guides">
            <ul>
                <For each={toc} let:entry><li><a href={entry.0}>{entry.1}</a></li></For>
            </ul>
        </nav>
        {children}
    }
}
