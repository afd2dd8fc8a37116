use resuma::prelude::*;

fn main() {
    let _ = view! { <a href="/a" class="x" href="/b">"link"</a> };
}
