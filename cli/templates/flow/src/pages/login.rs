//! `/login`: where the admin guard sends visitors without a session.

use resuma::prelude::*;

/// Explains how to get in (a form with `#[submit]` comes with Flow forms).
#[component]
pub fn Login() -> View {
    view! { <main><h1>"Sign in"</h1><p>"Set the cookie admin=letmein to see /admin."</p></main> }
}
