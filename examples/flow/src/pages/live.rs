//! `/live`: a page that streams. Its load counts the posts now and defers the slow
//! numbers (`?ms=` of delay, 400 by default, at most 5000; `?fail=1` makes them fail):
//! the page and a fallback leave first, the numbers follow in the same response, and the
//! counter inside them resumes like any other.

use std::time::Duration;

use resuma::flow::{Deferred, LoadCx, LoadError};
use resuma::prelude::*;
use resuma::render::{use_head, Head};
use serde::Deserialize;

use crate::counter::Counter;
use crate::db::Db;

/// What the page shows: the post count now, the slow numbers later.
pub struct Live {
    /// How many posts the blog has.
    pub posts: usize,
    /// Views per post, computed slowly.
    pub views: Deferred<Vec<(String, u32)>>,
}

#[derive(Deserialize)]
struct Knobs {
    ms: Option<u64>,
    fail: Option<u8>,
}

/// The post count, and the views deferred.
#[load]
pub async fn load(cx: LoadCx) -> Result<Live, LoadError> {
    let db: Db = cx.state()?;
    let knobs: Knobs = cx.query()?;
    let posts = db.posts().await?;
    let titles: Vec<String> = posts.iter().map(|post| post.title.clone()).collect();
    let delay = Duration::from_millis(knobs.ms.unwrap_or(400).min(5000));
    let fail = knobs.fail == Some(1);
    let views = cx.defer(async move {
        tokio::time::sleep(delay).await;
        if fail {
            return Err(LoadError::status(503, "The view counter is resting."));
        }
        Ok(titles.into_iter().zip([120, 45, 7]).collect())
    });
    Ok(Live { posts: posts.len(), views })
}

/// The streamed page.
#[component]
pub fn LivePage(data: Live) -> View {
    use_head(Head::new().title("Live numbers"));
    let Live { posts, views } = data;
    view! {
        <main>
            <h1>"Live numbers"</h1>
            <p class="posts">{posts}" posts"</p>
            <section class="views">
                {views
                    .on_error(|error| view! { <p class="error">{error.message().to_owned()}</p> })
                    .show(view! { <p class="loading">"Counting views…"</p> }, |views| view! {
                        <ul>
                            <For each={views} key={|(title, _)| title.clone()} let:row>
                                <li>{row.0}": "{row.1}</li>
                            </For>
                        </ul>
                        <Counter/>
                    })}
            </section>
        </main>
    }
}
