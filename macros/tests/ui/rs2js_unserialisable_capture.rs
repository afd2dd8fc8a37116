use resuma::prelude::*;

#[component]
fn Button() -> View {
    let shared = std::rc::Rc::new(5);
    view! { <button onClick={move |_| { let _n = shared; }}>"Go"</button> }
}

fn main() {}
