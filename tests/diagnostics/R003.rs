use resuma::prelude::*;

pub fn page() -> View {
    view! { <p>"a"</p></p> }
                    //^^^^ R003
}
