pub mod fixture {
    use resuma::prelude::*;

    #[component]
    async fn Card() -> View {
  //^^^^^ R051
        view! { <p>"card"</p> }
    }
}
