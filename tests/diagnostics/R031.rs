use resuma::prelude::*;

#[component]
fn Fixture() -> View {
    let count = use_signal(0);
    let label = use_signal(String::new());
    view! { <button onClick={move |_| label.set(format!("{:e}", 1.5))}>"go"</button> }
                                                      //^^^^^^ R031
}
