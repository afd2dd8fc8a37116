use resuma::prelude::*;

#[component]
fn Saver() -> View {
    let q = use_signal(String::new());
    debounce!([q], move || q.set(String::new()));
    view! { <p>{q}</p> }
}

fn main() {}
