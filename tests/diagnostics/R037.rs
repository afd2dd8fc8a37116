use resuma::prelude::*;

#[component]
fn Fixture() -> View {
    let count = use_signal(0);
    view! { <button onClick={js! { state.count.set('x') }}>"go"</button> }
                                                 //^^^ R037
}
