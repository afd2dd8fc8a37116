//! `/`: the public home page. It says whether the visitor is logged in, from what the
//! root layout read of the session.

use resuma::flow::{LoadCx, LoadError};
use resuma::prelude::*;

use crate::pages::_layout::Viewer;

/// The logged-in user's address, if any.
#[load]
pub async fn load(cx: LoadCx) -> Result<Option<String>, LoadError> {
    let viewer: Viewer = cx.layout().await?;
    Ok(viewer.user.map(|user| user.email))
}

/// The home page.
#[component]
pub fn Home(data: Option<String>) -> View {
    let status = match data {
        Some(email) => view! { <p class="status">"You are logged in as " {email} "."</p> },
        None => view! {
            <p class="status">"You are not logged in. "
                <a href="/login">"Log in"</a> " or " <a href="/signup">"sign up"</a> "."</p>
        },
    };
    view! {
        <main>
            <h1>"Auth example"</h1>
            {status}
            <p>"Your " <a href="/account">"account page"</a> " is for logged-in users only."</p>
        </main>
    }
}
