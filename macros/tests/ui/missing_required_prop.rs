use resuma::prelude::*;

#[component]
fn Card(title: String, count: u32, #[prop(optional)] note: Option<String>) -> View {
    view! { <section><h2>{title}</h2>{count}{note}</section> }
}

fn main() {
    let _ = view! { <Card count={3}/> };
}
