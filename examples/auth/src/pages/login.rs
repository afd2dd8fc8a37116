//! `/login`: checks an address and password and sets the session cookie, then goes to
//! `next` (the page the guard sent the visitor from), when it is a path of this site.
//!
//! A wrong address and a wrong password get the same one message, and take the same
//! time (`password::verify`), so the form does not tell which addresses have accounts.
//! A failed log-in shows the form again (422) with the address kept; the framework never
//! writes a password back.

use resuma::flow::{use_form, FormError, LoadCx, LoadError, SubmitCx, Submitted};
use resuma::prelude::*;
use serde::Deserialize;

use crate::db::Db;
use crate::next::{same_site, HOME};
use crate::{password, session};

/// The one message of a failed log-in.
const WRONG: &str = "Wrong email or password.";

/// The page's query: `?next=/account`.
#[derive(Deserialize)]
pub struct Query {
    next: Option<String>,
}

/// Where to go after logging in: the query's `next` when it is a path of this site.
#[load]
pub async fn load(cx: LoadCx) -> Result<String, LoadError> {
    let query: Query = cx.query()?;
    Ok(same_site(query.next.as_deref().unwrap_or(HOME)).to_owned())
}

/// The log-in form. `next` comes back in a hidden field: the form posts to
/// `?_submit=login`, which has no `next` in it.
#[derive(Deserialize)]
pub struct LogIn {
    email: String,
    password: String,
    #[serde(default)]
    next: String,
}

/// Logs in: `303` to `next` with the session cookie, or the form again saying
/// [`WRONG`].
#[submit]
pub async fn login(cx: SubmitCx, form: LogIn) -> Result<Submitted, FormError> {
    let db: Db = cx.state()?;
    let sessions: session::Sessions = cx.state()?;
    let (id, hash) = db.credentials(&form.email)?.unzip();
    let verified = password::verify(form.password, hash).await?;
    match id {
        Some(id) if verified => {
            let cookie = sessions.log_in(id, session::now());
            Ok(Submitted::redirect(same_site(&form.next)).set_cookie(cookie))
        }
        _ => Err(FormError::message(WRONG)),
    }
}

/// The log-in page.
#[component]
pub fn Login(data: String) -> View {
    // A failed log-in renders at `?_submit=login`: the `next` it was sent with, then.
    let last = use_form(login);
    let next = last.value("next").map(same_site).unwrap_or(&data).to_owned();
    view! {
        <main>
            <h1>"Log in"</h1>
            <Form submit={login} class="auth">
                <input type="hidden" name="next" value={next}/>
                <label>"Email "
                    <input type="email" name="email" required autocomplete="username"/>
                </label>
                <label>"Password "
                    <input type="password" name="password" required autocomplete="current-password"/>
                </label>
                <button>"Log in"</button>
            </Form>
            <p>"No account? " <a href="/signup">"Sign up"</a></p>
        </main>
    }
}
