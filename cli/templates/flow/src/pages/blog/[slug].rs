//! `/blog/{slug}`: one post, read from SQLite by its load; an unknown slug is the 404
//! page. `slug` is the URL segment, percent-decoded.

use resuma::flow::{LoadCx, LoadError};
use resuma::prelude::*;
use resuma::render::{use_head, Head};

use crate::db::{Db, Post};

/// The post of the URL's slug.
#[load]
pub async fn load(cx: LoadCx) -> Result<Post, LoadError> {
    let db: Db = cx.state()?;
    let slug: String = cx.param("slug")?;
    db.post(&slug)?.ok_or_else(LoadError::not_found)
}

/// A post.
#[component]
pub fn Show(slug: String, data: Post) -> View {
    use_head(
        Head::new()
            .title(format!("{} · Blog", data.title))
            .canonical(crate::pages::blog::slug::path(&slug)),
    );
    view! { <article><h1>{data.title}</h1><p>{data.body}</p></article> }
}
