use resuma::prelude::*;

#[component]
fn Fixture() -> View {
    let count = use_signal(0);
    view! { <button onClick={move |_| count = 5}>"go"</button> }
                                    //^^^^^ R034
}
