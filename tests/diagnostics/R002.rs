use resuma::prelude::*;

pub fn page() -> View {
    view! { <ul><li>"a"</ol></li></ul> }
                     //^^^^^ R002
}
