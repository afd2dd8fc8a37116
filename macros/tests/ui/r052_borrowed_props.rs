use resuma::prelude::*;

#[component]
fn Label<'a>(text: &'a str) -> View {
    view! { <span>{text}</span> }
}

fn main() {}
