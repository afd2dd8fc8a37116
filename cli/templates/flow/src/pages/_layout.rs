//! Wraps every page: the site's navigation. Its load counts the posts, and pages below
//! can read what it loaded with `cx.layout::<Site>().await`.

use resuma::flow::{LoadCx, LoadError};
use resuma::prelude::*;

use crate::db::Db;

/// What the frame shows.
#[derive(Clone)]
pub struct Site {
    /// How many posts the blog has.
    pub posts: usize,
}

/// Counts the posts.
#[load]
pub async fn load(cx: LoadCx) -> Result<Site, LoadError> {
    let db: Db = cx.state()?;
    Ok(Site { posts: db.count().await? })
}

/// The site's frame.
#[layout]
pub fn Frame(children: Children, data: Site) -> View {
    let blog = format!("Blog ({})", data.posts);
    view! {
        <header class="site-nav">
            <a href="/">"Home"</a> " " <a href="/blog">{blog}</a> " " <a href="/about">"About"</a>
            " " <a href="/admin">"Admin"</a>
        </header>
        {children}
    }
}
