use resuma::prelude::*;

struct Opaque(u8);

#[component]
fn Button(opaque: Opaque) -> View {
    view! { <button onClick={move |_| { let _o = opaque; }}>"Go"</button> }
}

fn main() {}
