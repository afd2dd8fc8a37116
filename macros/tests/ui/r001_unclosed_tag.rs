use resuma::prelude::*;

fn main() {
    let _ = view! { <div><span>"hi"</div> };
}
