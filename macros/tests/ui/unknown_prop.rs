use resuma::prelude::*;

#[component]
fn Card(title: String) -> View {
    view! { <h2>{title}</h2> }
}

fn main() {
    let _ = view! { <Card title="x" colour="red"/> };
}
