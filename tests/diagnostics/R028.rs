use resuma::prelude::*;

#[component]
fn Fixture() -> View {
    let count = use_signal(0);
    let ambiguous: Signal<Option<Option<i32>>> = use_signal(None);
    view! { <button onClick={move |_| ambiguous.set(None)}>"go"</button> }
                                    //^^^^^^^^^ R028
}
