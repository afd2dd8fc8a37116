use resuma::prelude::*;

#[island(load = "soon")]
              //^^^^^^ R059
fn Clock() -> View {
    view! { <p>"12:00"</p> }
}
