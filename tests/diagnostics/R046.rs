use resuma::prelude::*;

#[component]
fn Card(title: String) -> View {
    view! { <h2>{title}</h2> }
}

pub fn page() -> View {
    view! { <Card title="a" data-id="7"/> }
                          //^^^^^^^ R046
}
