use resuma::prelude::*;

#[component]
fn Search() -> View {
    let q = use_signal(String::new());
    let _len = computed!([q], move || async move { q.get().len() });
    view! { <p>{q}</p> }
}

fn main() {}
