use resuma::prelude::*;

fn main() {
    let _ = view! { <input maxlength=10/> };
    let _ = view! { <button onClick="alert(1)">"Go"</button> };
}
