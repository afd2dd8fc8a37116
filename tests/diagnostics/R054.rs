pub mod fixture {
    use resuma::prelude::*;

    #[component]
    fn Card() {
     //^^^^ R054
        view! { <p>"card"</p> };
    }
}
