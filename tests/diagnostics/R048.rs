use resuma::prelude::*;

#[island(load = "visible")]
fn Clock() -> View {
    let ticks = use_signal(0u32);
    effect!([], move || ticks.update(|t| *t += 1));
    view! { <h2>"Clock"</h2> <p>{ticks}</p> }
  //^^^^ R048
}
