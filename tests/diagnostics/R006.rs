use resuma::prelude::*;

pub fn page() -> View {
    view! { <input maxlength=10/> }
                 //^^^^^^^^^^^^ R006
}
