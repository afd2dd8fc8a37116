use resuma::prelude::*;

#[component]
fn Fixture() -> View {
    let count = use_signal(0);
    let name = use_signal(String::new());
    view! { <button onClick={move |_| name.set(name.get().frobnicate())}>"go"</button> }
                                                        //^^^^^^^^^^^^ R022
}
