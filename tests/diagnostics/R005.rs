use resuma::prelude::*;

pub fn page() -> View {
    view! { <button onClik={move |_| ()}>"go"</button> }
                  //^^^^^^ R005
}
