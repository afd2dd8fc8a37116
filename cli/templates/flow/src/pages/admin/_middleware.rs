//! Guards everything under `/admin`: without the cookie `admin=letmein` the visitor is
//! sent to `/login` (303); with it, the request carries an `Admin` its loads read.

use resuma::flow::{IntoResponse as _, Next, Request, Response};
use resuma::prelude::*;

/// Who is signed in.
#[derive(Clone)]
pub struct Admin {
    /// Their name.
    pub name: String,
}

/// The guard. (A real app checks a session; the cookie stands for one here.)
#[middleware]
pub async fn guard(mut req: Request, next: Next) -> Response {
    let signed_in = req
        .headers()
        .get_all("cookie")
        .iter()
        .filter_map(|it| it.to_str().ok())
        .flat_map(|it| it.split(';'))
        .any(|it| it.trim() == "admin=letmein");
    if !signed_in {
        return resuma::flow::Redirect::to("/login").into_response();
    }
    req.extensions_mut().insert(Admin { name: "admin".to_owned() });
    next.run(req).await
}
