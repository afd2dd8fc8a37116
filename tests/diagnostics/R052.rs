pub mod fixture {
    use resuma::prelude::*;

    #[component]
    fn Title<'a>(text: &'a str) -> View {
           //^^ R052
        view! { <h1>{text}</h1> }
    }
}
