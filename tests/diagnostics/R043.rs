use resuma::prelude::*;

pub fn page() -> View {
    let rows = vec![1u32, 2, 3];
    view! {
        <ul>
            <For each={rows} by={2} let:row><li>{row}</li></For>
                           //^^^^^^ R043
        </ul>
    }
}
