use resuma::prelude::*;

#[component]
fn Fixture() -> View {
    let q = use_signal(String::new());
    let n = use_signal(0);
    let label = computed!([q], move || format!("{} {}", q.get(), n.get()));
                                                               //^ R040
    view! { <p>{label}</p> }
}
