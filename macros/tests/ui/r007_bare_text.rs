use resuma::prelude::*;

fn main() {
    let _ = view! { <p>Hello world</p> };
}
