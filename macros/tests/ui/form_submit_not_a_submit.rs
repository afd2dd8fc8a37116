use resuma::prelude::*;

/// Not a `#[submit]` fn: an ordinary function.
fn save(note: String) -> String {
    note
}

#[component]
fn Notes() -> View {
    view! { <Form submit={save}><button>"Save"</button></Form> }
}

fn main() {}
