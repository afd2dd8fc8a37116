use resuma::prelude::*;

#[component]
fn List<T: Render>(item: T) -> View {
    view! { <li>{item}</li> }
}

fn main() {}
