//! `/account`: behind `account/_middleware.rs`, so only a logged-in user gets here. Its
//! load looks up who the middleware let in.

use resuma::flow::{LoadCx, LoadError};
use resuma::prelude::*;

use crate::db::{Db, User};
use crate::next::login_then;
use crate::pages::account::_middleware::SignedIn;

/// The logged-in user; an account deleted since the cookie was set logs in again.
#[load]
pub async fn load(cx: LoadCx) -> Result<User, LoadError> {
    let gone = || LoadError::see_other(login_then(cx.uri().path()));
    let SignedIn(id) = cx.extension().ok_or_else(gone)?;
    let db: Db = cx.state()?;
    db.user(id)?.ok_or_else(gone)
}

/// The account page.
#[component]
pub fn Account(data: User) -> View {
    view! {
        <main>
            <h1>"Your account"</h1>
            <p class="email">"Email: " {data.email}</p>
            <p>"Account #" {data.id} ". Log out with the button at the top."</p>
        </main>
    }
}
