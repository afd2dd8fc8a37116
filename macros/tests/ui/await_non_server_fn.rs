use resuma::prelude::*;

async fn not_a_server_fn() -> String {
    String::new()
}

#[component]
fn Button() -> View {
    let status = use_signal(String::new());
    view! { <button onClick={move |_| async move { status.set(not_a_server_fn().await) }}>"Go"</button> }
}

fn main() {}
