use resuma::prelude::*;

#[component]
fn Fixture() -> View {
    let count = use_signal(0);
    view! { <button onClick={move |e| count.set(e.value.parse::<i32>()?)}>"go"</button> }
                                              //^^^^^^^^^^^^^^^^^^^^^^^ R033
}
