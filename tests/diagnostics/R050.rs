use resuma::prelude::*;

#[component(inline)]
          //^^^^^^ R050
fn Card() -> View {
    view! { <p>"card"</p> }
}
