//! `/go/{slug}`: an old short link, redirected (307) to the post's page.

use resuma::flow::{LoadCx, LoadError};
use resuma::prelude::*;

/// Redirects; the page never renders.
#[load]
pub async fn load(cx: LoadCx) -> Result<(), LoadError> {
    let slug: String = cx.param("slug")?;
    Err(LoadError::redirect(crate::pages::blog::slug::path(slug)))
}

/// Never shown: the load always redirects.
#[component]
pub fn Go(slug: String, data: ()) -> View {
    let () = data;
    view! { <p>"Moved to " {slug}</p> }
}
