//! `/docs/{slug}`: one guide, its Markdown rendered on the server, with links to the
//! guides before and after it. An unknown slug is the 404 page.

use resuma::flow::{LoadCx, LoadError, Params};
use resuma::prelude::*;
use resuma::render::{use_head, Head};

use crate::guides::{self, href, GUIDES};

/// What a guide's page shows.
pub struct Doc {
    /// The title in the navigation.
    pub title: &'static str,
    /// The guide's file in the repository.
    pub source: &'static str,
    /// The body: HTML pulldown-cmark made from the repository's own Markdown, with its
    /// raw HTML escaped (see `markdown`).
    pub html: &'static str,
    /// The previous guide's link and title.
    pub prev: Option<(String, &'static str)>,
    /// The next guide's link and title.
    pub next: Option<(String, &'static str)>,
}

/// The guide of the URL's slug. Cached a day: it changes only with the binary.
#[load(cache = "public, max-age=86400")]
pub async fn load(cx: LoadCx) -> Result<Doc, LoadError> {
    let slug: String = cx.param("slug")?;
    let page = guides::page(&slug).ok_or_else(LoadError::not_found)?;
    let guide = &GUIDES[page.index];
    let link = |i: usize| GUIDES.get(i).map(|g| (href(g), g.title));
    Ok(Doc {
        title: guide.title,
        source: guide.source,
        html: &page.html,
        prev: page.index.checked_sub(1).and_then(link),
        next: link(page.index + 1),
    })
}

/// Every guide's slug: the pages `resuma build --static` exports.
#[static_params]
pub async fn slugs(_cx: LoadCx) -> Result<Vec<Params>, LoadError> {
    Ok(GUIDES.iter().map(|g| Params::new().with("slug", g.slug)).collect())
}

/// A guide.
#[component]
pub fn Show(slug: String, data: Doc) -> View {
    use_head(
        Head::new()
            .title(format!("{} · Resuma", data.title))
            .canonical(crate::pages::docs::slug::path(&slug)),
    );
    let prev = data.prev.map(|(href, title)| view! { <a rel="prev" href={href}>"← " {title}</a> });
    let next = data.next.map(|(href, title)| view! { <a rel="next" href={href}>{title} " →"</a> });
    // Trusted: HTML pulldown-cmark wrote for a guide of this repository, raw HTML escaped.
    let body = raw_html(data.html);
    view! {
        <main class="guide">
            <article>{body}</article>
            <nav class="pager" aria-label="Previous and next">{prev} " " {next}</nav>
            <p class="source">"Source: " <code>{data.source}</code></p>
        </main>
    }
}
