use resuma::prelude::*;

pub fn page() -> View {
    view! { <p "x">"a"</p> }
             //^^^ R008
}
