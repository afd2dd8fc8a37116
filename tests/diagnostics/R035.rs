use resuma::prelude::*;

#[component]
fn Fixture() -> View {
    let count = use_signal(0);
    view! { <button onClick={move |_| count.set(1 +)}>"go"</button> }
                                                 //^ R035
}
