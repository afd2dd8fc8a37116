use resuma::prelude::*;

#[component]
fn Page() -> View {
    let title = "Resuma";
    view! {
        <main>
            <h1 onClik={move |_| ()}>{title}</h1>
            <p class=1>Text</p>
            <section>
        </main>
    }
}

fn main() {
    let _ = Page();
}
