use resuma::prelude::*;

fn main() {
    let _ = view! { <button onClik={move |_| ()}>"Go"</button> };
}
