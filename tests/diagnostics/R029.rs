use resuma::prelude::*;

#[component]
fn Fixture() -> View {
    let count = use_signal(0);
    view! { <button onClick={move |_| count.set(Point { x: 1, y: 0 }.x)}>"go"</button> }
                                              //^^^^^^^^^^^^^^^^^^^^ R029
}
