pub mod fixture {
    use resuma::prelude::*;

    pub struct Page;

    impl Page {
        #[component]
        fn Header(&self) -> View {
                //^^^^^ R053
            view! { <h1>"header"</h1> }
        }
    }
}
