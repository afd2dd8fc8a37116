use resuma::prelude::*;

#[component]
fn Fixture() -> View {
    let count = use_signal(0);
    let on_done = move || println!("done");
    view! { <button onClick={move |_| on_done()}>"go"</button> }
                                    //^^^^^^^ R026
}
