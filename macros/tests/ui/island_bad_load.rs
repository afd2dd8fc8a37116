use resuma::prelude::*;

#[island(load = "soon")]
fn Clock() -> View {
    view! { <p>"12:00"</p> }
}

#[island]
fn Chart() -> View {
    view! { <p>"chart"</p> }
}

fn main() {}
