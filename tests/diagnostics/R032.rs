use resuma::prelude::*;

#[component]
fn Fixture() -> View {
    let count = use_signal(0);
    let ratio: Signal<f32> = use_signal(1.0);
    view! { <button onClick={move |_| ratio.set(ratio.get() * 2.0)}>"go"</button> }
                                    //^^^^^ R032
}
