//! The Resuma site: the guides of `docs/` and `framework/src/docs/`, rendered by Resuma.
//!
//! A Flow app: `/` is the home page with a live counter (its only JavaScript),
//! `/docs` lists the guides and `/docs/{slug}` shows one, its Markdown compiled into the
//! binary and turned into HTML on the server, Rust code highlighted there too.
//! Run it with `cargo run -p site`, or export it with
//! `resuma build --static --out site/dist site`.

mod counter;
mod guides;
mod highlight;
mod markdown;

mod pages {
    resuma::pages!();
}

fn main() -> std::io::Result<()> {
    resuma::init_tracing();
    // `RESUMA_ADDR`, default 127.0.0.1:3000.
    resuma::flow::FlowApp::new(pages::all())
        .title("Resuma")
        .stylesheet(include_str!("site.css"))
        .file("/favicon.ico", "image/x-icon", include_bytes!("favicon.ico"))
        .run()
}
