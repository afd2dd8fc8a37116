use resuma::prelude::*;

#[component]
fn Button() -> View {
    let name = use_signal(String::new());
    view! { <button onClick={move |_| name.set(name.get().frobnicate())}>"Go"</button> }
}

fn main() {}
