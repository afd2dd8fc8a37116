use resuma::prelude::*;

pub fn page() -> View {
    view! { <p>Hello world</p> }
             //^^^^^^^^^^^ R007
}
