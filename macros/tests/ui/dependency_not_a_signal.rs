use resuma::prelude::*;

#[component]
fn Doubled() -> View {
    let q = use_signal(1);
    let step = 2;
    let doubled = computed!([q, step], move || q.get() * 2);
    view! { <p>{doubled}</p> }
}

fn main() {}
