//! Flow: every file under `src/pages/` is a route, with no other edit.
//!
//! `index.rs` is `/`, `about.rs` `/about`, `blog/[slug].rs` `/blog/{slug}` (the slug is
//! the page's `slug` prop), `items/[id].rs` `/items/{id}` (a `u64`: `/items/abc` is the
//! 404 page), `blog/_layout.rs` wraps the blog's pages, and `_404.rs` answers the rest.
//! Run it with `cargo run -p flow`.

mod counter;

mod pages {
    resuma::pages!();
}

fn main() -> std::io::Result<()> {
    resuma::init_tracing();
    resuma::flow::FlowApp::new(pages::all()).title("Flow · Resuma").run()
}
