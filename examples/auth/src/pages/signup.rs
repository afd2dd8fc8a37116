//! `/signup`: a new account. garde's rules check the form before the submit runs (an
//! address, a password of 8 characters or more, the same password twice: each failure
//! is an error next to its field, status 422, the address kept, the passwords not); the
//! submit refuses an address that has an account, stores an argon2id hash and logs the
//! new user in.

use garde::Validate;
use resuma::flow::{FormError, SubmitCx, Submitted};
use resuma::prelude::*;
use serde::Deserialize;

use crate::db::Db;
use crate::{password, session};

/// What the form shows under the address when it has an account already. (Saying so
/// tells a stranger the address has an account; a sign-up that must not would send a
/// mail instead, and say the same thing either way.)
const TAKEN: &str = "This address has an account already: log in instead.";

/// The sign-up form.
#[derive(Deserialize, Validate)]
pub struct SignUp {
    #[garde(email, length(max = 254))]
    email: String,
    #[garde(length(chars, min = 8, max = 256))]
    password: String,
    #[garde(matches(password))]
    confirm: String,
}

/// Creates the account and logs its user in (`303` to `/account` with the session
/// cookie).
#[submit]
pub async fn signup(cx: SubmitCx, form: SignUp) -> Result<Submitted, FormError> {
    let db: Db = cx.state()?;
    let sessions: session::Sessions = cx.state()?;
    // Checked before hashing, which takes a while; `create` checks again, atomically.
    if db.credentials(&form.email)?.is_some() {
        return Err(FormError::field("email", TAKEN));
    }
    let hash = password::hash(form.password).await?;
    let Some(id) = db.create(&form.email, &hash)? else {
        return Err(FormError::field("email", TAKEN));
    };
    tracing::info!(user = id, "a new account");
    Ok(Submitted::redirect("/account").set_cookie(sessions.log_in(id, session::now())))
}

/// The sign-up page.
#[component]
pub fn Signup() -> View {
    view! {
        <main>
            <h1>"Sign up"</h1>
            <Form submit={signup} class="auth">
                <label>"Email "
                    <input type="email" name="email" required maxlength="254" autocomplete="email"/>
                </label>
                <label>"Password "
                    <input type="password" name="password" required minlength="8" autocomplete="new-password"/>
                </label>
                <label>"Password again "
                    <input type="password" name="confirm" required minlength="8" autocomplete="new-password"/>
                </label>
                <button>"Sign up"</button>
            </Form>
            <p>"Have an account? " <a href="/login">"Log in"</a></p>
        </main>
    }
}
