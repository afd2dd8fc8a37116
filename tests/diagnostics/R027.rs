use resuma::prelude::*;

#[component]
fn Fixture() -> View {
    let count = use_signal(0);
    let other = make();
    view! { <button onClick={move |_| other.len()}>"go"</button> }
                                          //^^^^^ R027
}
