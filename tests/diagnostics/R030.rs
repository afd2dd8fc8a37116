use resuma::prelude::*;

#[component]
fn Fixture() -> View {
    let count = use_signal(0);
    let items = use_signal(vec![1, 2]);
    view! { <button onClick={move |_| count.set(match items.get().as_slice() { [a, b] => a + b, _ => 0 })}>"go"</button> }
                                                                             //^^^^^^ R030
}
