use resuma::prelude::*;

#[component]
fn Fixture() -> View {
    let q = use_signal(String::new());
    let len = computed!(q, move || q.get().len());
                      //^ R041
    view! { <p>{len}</p> }
}
