use resuma::prelude::*;

#[component]
fn Search() -> View {
    let q = use_signal(String::new());
    view! { <input onInput={js! { state.q.set('x') }}/> }
}

fn main() {}
