//! Guards everything under `/account`: without a valid session cookie the visitor is
//! sent (`303`) to `/login?next=<the path they asked for>`, and comes back after logging
//! in; with one, the request carries a `SignedIn` its loads read.

use resuma::flow::{IntoResponse as _, Next, Redirect, Request, Response, StatusCode};
use resuma::prelude::*;

use crate::next::login_then;
use crate::session::{self, UserId};

/// The user a valid session cookie names (not yet looked up in the database).
#[derive(Clone, Copy, Debug)]
pub struct SignedIn(pub UserId);

/// The guard.
#[middleware]
pub async fn guard(mut req: Request, next: Next) -> Response {
    let Some(sessions) = resuma::flow::app_state::<session::Sessions>(&req) else {
        tracing::error!("no sessions in the app state: the guard lets nobody in");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let cookies = req.headers().get_all("cookie").iter().filter_map(|it| it.to_str().ok());
    let Some(id) = sessions.user_in(cookies, session::now()) else {
        // Back to the page after logging in; a form post (say, log-out with an expired
        // session) comes back to its page, not to the post.
        let uri = req.uri();
        let back = match (req.method().is_safe(), uri.path_and_query()) {
            (true, Some(path_and_query)) => path_and_query.as_str(),
            _ => uri.path(),
        };
        return Redirect::to(&login_then(back)).into_response();
    };
    req.extensions_mut().insert(SignedIn(id));
    next.run(req).await
}
