use resuma::prelude::*;

#[component]
fn Toggle() -> View {
    let open = use_signal(false);
    view! {
        <button onClick={move |_| open.update(|o| *o = !*o)}>"Toggle"</button>
        {if open.get() { view! { <p>"Open"</p> } } else { view! {} }}
    }
}

fn main() {}
