//! Shows what a failed load says, with its status. An internal error's details are in
//! the server's log, never here.

use resuma::flow::ErrorInfo;
use resuma::prelude::*;

/// The error page.
#[component]
pub fn Oops(error: ErrorInfo) -> View {
    let status = error.status().as_u16();
    let message = error.message().to_owned();
    view! { <main class="error"><h1>"Error " {status}</h1><p>{message}</p></main> }
}
