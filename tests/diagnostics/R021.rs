use resuma::prelude::*;

#[component]
fn Fixture() -> View {
    let count = use_signal(0);
    view! { <button onClick={move |_| save(count.get())}>"go"</button> }
                                    //^^^^ R021
}
