pub mod fixture {
    use resuma::prelude::*;

    #[component]
    fn Card(#[prop(optinal)] note: Option<String>) -> View {
                 //^^^^^^^ R057
        view! { <p>{note}</p> }
    }
}
