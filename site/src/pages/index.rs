//! `/`: the home page, with the live demo: a resumable counter, the only JavaScript on
//! the site.

use resuma::prelude::*;
use resuma::render::{use_head, Head};

use crate::counter::Counter;
use crate::guides::{href, GUIDES};

/// The home page.
#[component]
pub fn Home() -> View {
    use_head(Head::new().title("Resuma").meta("description", "A Rust web framework whose pages resume in the browser"));
    let first = href(&GUIDES[0]);
    let search = crate::pages::demos::search::path();
    let server = crate::pages::demos::server::path();
    let form = crate::pages::demos::form::path();
    view! {
        <main class="home">
            <h1>"Resuma"</h1>
            <p>
                "A Rust web framework: components render on the server and resume in the browser, "
                "which loads a handler only when it is first needed. A page with no handlers ships no "
                "JavaScript at all, like every guide on this site."
            </p>
            <section class="demo">
                <h2>"Try it"</h2>
                <p>"This counter was rendered on the server; click it and its handler loads."</p>
                <Counter/>
            </section>
            <p>"More demos: " <a href={search}>"a search bar"</a> ", " <a href={server}>"a server function"</a>
                " (every third call fails) and " <a href={form}>"a form that works without JavaScript"</a> "."</p>
            <p><a href={first}>"Start with the guides"</a></p>
        </main>
    }
}
