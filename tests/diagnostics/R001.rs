use resuma::prelude::*;

pub fn page() -> View {
    view! { <div><span>"hi"</div> }
               //^^^^^^ R001
}
