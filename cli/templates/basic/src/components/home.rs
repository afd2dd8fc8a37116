//! The home page: a static section, rendered once on the server, and the counter.

use resuma::prelude::*;

use super::*;

/// The page served at `/`.
#[component]
pub fn Home() -> View {
    view! {
        <main>
            <h1 id="title">"Welcome to Resuma"</h1>
            <section id="about">
                <h2>"Static by default"</h2>
                <p>"This section is plain HTML: no JavaScript is shipped for it."</p>
                <p>"Edit src/components/home.rs and save: resuma dev reloads the page."</p>
            </section>
            <section id="counter">
                <h2>"Interactive on demand"</h2>
                <Counter/>
            </section>
            // Errors a handler does not catch (a network failure, a 500) show here.
            <p role="alert" data-r-error hidden></p>
        </main>
    }
}
