//! surfaces: check lsp — the compiler measures no payload: budgets live in Cargo.toml, which `resuma check` and the language server read
//! manifest: chunk-budget-gz = 1
use resuma::prelude::*;

#[component]
fn Fixture() -> View {
 //^^^^^^^ R038
    let count = use_signal(0);
    view! { <button onClick={move |_| count.set(count.get() + 1)}>{count}</button> }
}
