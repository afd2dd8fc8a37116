//! `/blog`: the list of posts, from SQLite, and a link to write one.

use resuma::flow::{LoadCx, LoadError};
use resuma::prelude::*;

use crate::db::{Db, Post};

/// Every post, by title.
#[load]
pub async fn load(cx: LoadCx) -> Result<Vec<Post>, LoadError> {
    let db: Db = cx.state()?;
    Ok(db.posts().await?)
}

/// The posts.
#[component]
pub fn Posts(data: Vec<Post>) -> View {
    // Typed links (`path` is generated beside each page): the slug is percent-encoded.
    let links: Vec<(String, String)> = data
        .into_iter()
        .map(|post| (crate::pages::blog::slug::path(&post.slug), post.title))
        .collect();
    let new = crate::pages::blog::new::path();
    view! {
        <section>
            <h1>"All posts"</h1>
            <ul>
                <For each={links} key={|link| link.0.clone()} let:link>
                    <li><a href={link.0}>{link.1}</a></li>
                </For>
            </ul>
            <p><a href={new}>"Write a post"</a></p>
        </section>
    }
}
