//! A static Resuma page built from nested components with props.
//!
//! It has no handlers, no signals and no islands, so the page it serves carries no
//! JavaScript at all. Run it with `cargo run -p hello` and open the URL it logs.

use resuma::prelude::*;

/// A small label; `tone` picks its colour and defaults to "info".
#[component]
fn Badge(label: String, #[prop(default = "info".to_owned())] tone: String) -> View {
    view! { <span class={format!("badge badge-{tone}")}>{label}</span> }
}

/// A titled section that wraps whatever it is given.
#[component]
fn Card(title: String, #[prop(optional)] subtitle: Option<String>, children: Children) -> View {
    view! {
        <section class="card">
            <h2>{title} " " <Badge label="new" tone="accent"/></h2>
            {subtitle.map(|text| view! { <p class="subtitle">{text}</p> })}
            {children}
        </section>
    }
}

/// The home page.
#[component]
fn Home() -> View {
    let facts = [
        "Components run once, on the server.",
        "Text and attributes are escaped by construction.",
        "A page without handlers ships no JavaScript.",
    ];
    view! {
        <main>
            <h1>"Hello from Resuma"</h1>
            <Card title="Static by default" subtitle="This page ships 0 bytes of JavaScript.">
                <ul>{facts.into_iter().map(|fact| view! { <li>{fact}</li> }).collect::<Vec<_>>()}</ul>
            </Card>
            <Card title="Escaping by construction">
                <p>"This text is data, not markup: " <code>{"<script>alert('xss')</script>"}</code></p>
                <Badge label="safe"/>
            </Card>
        </main>
    }
}

fn main() -> std::io::Result<()> {
    resuma::init_tracing();
    ResumaApp::new().title("Hello · Resuma").page("/", Home).run()
}
