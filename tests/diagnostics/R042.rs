use resuma::prelude::*;

#[component]
fn Row(title: String) -> View {
    view! { <li>{title}</li> }
}

#[component]
fn List() -> View {
    let rows = use_signal(vec![(1u32, String::from("a"))]);
    view! {
        <ul>
            <For each={rows} key={|r| r.0} let:row>
                <Row title={row.1.clone()}/>
              //^^^^^^^^^^^^^^^^^^^^^^^^^^^^ R042
            </For>
        </ul>
    }
}
