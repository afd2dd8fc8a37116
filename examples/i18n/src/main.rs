//! i18n: a page and its form's errors in English or German, from Fluent files in
//! `locales/`. The language is the `lang` cookie's (set by the page's switch), else the
//! browser's `Accept-Language`, else English; `<html lang>` says which.
//! Run it with `cargo run -p i18n`.

#[cfg(test)]
mod e2e;
mod i18n;

mod pages {
    resuma::pages!();
}

fn main() -> std::io::Result<()> {
    resuma::init_tracing();
    app().run()
}

/// The app: `main` serves it, `e2e.rs` tests it in-process.
fn app() -> resuma::flow::FlowApp {
    resuma::flow::FlowApp::new(pages::all()).state(i18n::Locales::new())
}
