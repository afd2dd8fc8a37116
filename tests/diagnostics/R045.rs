use resuma::prelude::*;

#[component]
fn Fixture() -> View {
    let r#type = use_signal(1);
    let double = computed!([r#type], move || r#type.get() * 2);
               //^^^^^^^^ R045
    view! { <p>{double}</p> }
}
