use resuma::prelude::*;

const MAX: i32 = 10;

#[component]
fn Fixture() -> View {
    let count = use_signal(0);
    view! { <button onClick={move |_| count.set(MAX)}>"go"</button> }
                                              //^^^ R025
}
