//! `/`: the home page, with the posts its load reads. No handlers, so it ships no
//! JavaScript, and it may be kept by shared caches for a minute.

use resuma::flow::{LoadCx, LoadError};
use resuma::prelude::*;
use resuma::render::{use_head, Head};

use crate::db::{Db, Post};

/// The posts, newest first.
#[load(cache = "public, max-age=60")]
pub async fn load(cx: LoadCx) -> Result<Vec<Post>, LoadError> {
    let db: Db = cx.state()?;
    Ok(db.posts().await?)
}

/// The home page.
#[component]
pub fn Home(data: Vec<Post>) -> View {
    use_head(Head::new().meta("description", "A blog made of files"));
    let links: Vec<(String, String)> = data
        .into_iter()
        .map(|post| (crate::pages::blog::slug::path(&post.slug), post.title))
        .collect();
    view! {
        <main>
            <h1>"Flow home"</h1>
            <p>"Every file under src/pages/ is a route."</p>
            <ul class="recent">
                <For each={links} key={|(href, _)| href.clone()} let:link>
                    <li><a href={link.0}>{link.1}</a></li>
                </For>
            </ul>
        </main>
    }
}
