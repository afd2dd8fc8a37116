//! surfaces: check lsp — the route table comes from the file names under src/pages/, which no macro sees (resuma-build fails the build on it, naming the files); check and the server report it at the start of each page file it is about
//! pages: a-b.rs a_b.rs
//! file: a_b.rs
//! expect: R073 0..0

/// A valid page: the only problem is its name.
#[component]
pub fn Page() -> View {
    view! { <p>"page"</p> }
}
