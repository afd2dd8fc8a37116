use resuma::prelude::*;

pub fn page() -> View {
    view! { <a href="/a" href="/b">"link"</a> }
                       //^^^^ R004
}
