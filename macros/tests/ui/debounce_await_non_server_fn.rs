use resuma::prelude::*;

async fn not_a_server_fn(q: String) -> String {
    q
}

#[component]
fn Search() -> View {
    let q = use_signal(String::new());
    let status = use_signal(String::new());
    debounce!(300, [q], move || async move { status.set(not_a_server_fn(q.get()).await) });
    view! { <input value={q} onInput={move |e| q.set(e.value)}/><p>{status}</p> }
}

fn main() {}
