use resuma::prelude::*;

#[component]
fn Label() -> View {
    let q = use_signal(String::new());
    let n = use_signal(0);
    let label = computed!([q], move || format!("{} × {}", q.get(), n.get()));
    view! { <p>{label}</p> }
}

fn main() {}
