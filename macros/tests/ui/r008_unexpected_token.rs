use resuma::prelude::*;

fn main() {
    let _ = view! { <p "x">"a"</p> };
    let _ = view! { <div class="a" };
}
