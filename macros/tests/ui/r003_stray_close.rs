use resuma::prelude::*;

fn main() {
    let _ = view! { <p>"a"</p></p> };
    let _ = view! { <input></input> };
}
