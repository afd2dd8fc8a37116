pub mod fixture {
    use resuma::prelude::*;

    #[component]
    pub fn Notes() -> View {
        view! { <Form><button>"Add"</button></Form> }
               //^^^^ R084
    }
}
