use resuma::prelude::*;

#[component]
fn Counter(start: u32) -> View {
    view! { <p>{start}</p> }
}

fn main() {
    let _ = view! { <Counter start="three"/> };
}
