use resuma::prelude::*;

#[component]
fn Fixture() -> View {
    let count = use_signal(0);
    view! { <button onClick={handle_click}>"go"</button> }
                           //^^^^^^^^^^^^ R020
}
