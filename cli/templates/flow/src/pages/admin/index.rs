//! `/admin`: behind `admin/_middleware.rs`. Its load reads who the middleware let in and
//! what the root layout loaded.

use resuma::flow::{LoadCx, LoadError};
use resuma::prelude::*;

use crate::pages::admin::_middleware::Admin;
use crate::pages::_layout::Site;

/// The dashboard's figures.
#[load]
pub async fn load(cx: LoadCx) -> Result<(String, usize), LoadError> {
    let admin: Admin = cx.extension().ok_or_else(|| LoadError::status(403, "Sign in first"))?;
    let site: Site = cx.layout().await?;
    Ok((admin.name, site.posts))
}

/// The dashboard.
#[component]
pub fn Dashboard(data: (String, usize)) -> View {
    let (name, posts) = data;
    view! { <main><h1>"Welcome, " {name}</h1><p>{posts} " posts"</p></main> }
}
