use resuma::prelude::*;

fn log_click() {}

#[component]
fn Button() -> View {
    view! { <button onClick={move |_| log_click()}>"Go"</button> }
}

fn main() {}
