use resuma::prelude::*;

fn main() {
    let _ = view! { <ul><li>"a"</ol></li></ul> };
}
