use resuma::prelude::*;

#[component]
fn Fixture() -> View {
    let count = use_signal(0);
    view! { <button onClick={move |_| log::info!("clicked")}>"go"</button> }
                                    //^^^^^^^^^^^^^^^^^^^^^ R023
}
