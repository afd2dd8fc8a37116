//! Shows what a failed load or submit says, with its status. An internal error (a
//! database error, say) shows no detail: that is in the server's log.

use resuma::flow::ErrorInfo;
use resuma::prelude::*;

/// The error page.
#[component]
pub fn Oops(error: ErrorInfo) -> View {
    let status = error.status().as_u16();
    let message = error.message().to_owned();
    view! { <main class="error"><h1>"Error " {status}</h1><p>{message}</p></main> }
}
