//! Wraps every page: the navigation, which says who is logged in, and the log-out form.
//! Its load reads the session cookie once per request; pages below read it with
//! `cx.layout::<Viewer>().await`.

use resuma::flow::{FormError, LoadCx, LoadError, SubmitCx, Submitted};
use resuma::prelude::*;
use serde::Deserialize;

use crate::db::{Db, User};
use crate::session;

/// Who is looking at the page.
#[derive(Clone, Debug)]
pub struct Viewer {
    /// The logged-in user; `None` without a valid session (or when its account is gone).
    pub user: Option<User>,
}

/// Reads the session cookie: a valid one names a user of the database.
#[load]
pub async fn load(cx: LoadCx) -> Result<Viewer, LoadError> {
    let sessions: session::Sessions = cx.state()?;
    let cookies = cx.headers().get_all("cookie").iter().filter_map(|it| it.to_str().ok());
    let Some(id) = sessions.user_in(cookies, session::now()) else {
        return Ok(Viewer { user: None });
    };
    let db: Db = cx.state()?;
    Ok(Viewer { user: db.user(id)? })
}

/// The log-out form's fields: none but the CSRF token the form adds.
#[derive(Deserialize)]
pub struct LogOut {}

/// Logs out: the session cookie is cleared (`Max-Age=0`), then home.
#[submit]
pub async fn logout(cx: SubmitCx, _form: LogOut) -> Result<Submitted, FormError> {
    let sessions: session::Sessions = cx.state()?;
    Ok(Submitted::redirect(crate::next::HOME).set_cookie(sessions.log_out()))
}

/// The site's frame.
#[layout]
pub fn Frame(children: Children, data: Viewer) -> View {
    let who = match data.user {
        Some(user) => view! {
            <span class="who">"Logged in as " {user.email}</span>
            " " <a href="/account">"Account"</a> " "
            <Form submit={logout} class="logout"><button>"Log out"</button></Form>
        },
        None => view! { <a href="/login">"Log in"</a> " " <a href="/signup">"Sign up"</a> },
    };
    view! {
        <header class="site-nav"><a href="/">"Home"</a> " " {who}</header>
        {children}
    }
}
