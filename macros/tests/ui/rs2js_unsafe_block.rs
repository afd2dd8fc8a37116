use resuma::prelude::*;

#[component]
fn Button() -> View {
    let count = use_signal(0);
    view! { <button onClick={move |_| unsafe { count.set(1) }}>"Go"</button> }
}

fn main() {}
