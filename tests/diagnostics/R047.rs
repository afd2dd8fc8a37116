use resuma::prelude::*;

#[component]
fn LiveSearch() -> View {
    let query = use_signal(String::new());
    view! {
        <input onInput={js! {
            state.query.set(event.target.value);
            state.results.set([]);
          //^^^^^^^^^^^^^ R047
        }}/>
    }
}
