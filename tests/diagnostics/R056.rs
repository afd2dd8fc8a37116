pub mod fixture {
    use resuma::prelude::*;

    #[component]
    fn Card(#[serde(default)] title: String) -> View {
          //^^^^^^^^^^^^^^^^^ R056
        view! { <h2>{title}</h2> }
    }
}
