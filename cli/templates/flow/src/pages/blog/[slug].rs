//! `/blog/{slug}`: one post, read from SQLite by its load; an unknown slug is the 404
//! page. `slug` is the URL segment, percent-decoded. Two forms: one edits the post (its
//! fields start with the post's values), one deletes it.

use resuma::flow::{FormError, LoadCx, LoadError, Params, SubmitCx, Submitted};
use resuma::prelude::*;
use resuma::render::{use_head, Head};

use crate::db::{Db, Post};

/// The post of the URL's slug.
#[load]
pub async fn load(cx: LoadCx) -> Result<Post, LoadError> {
    let db: Db = cx.state()?;
    let slug: String = cx.param("slug")?;
    db.post(&slug).await?.ok_or_else(LoadError::not_found)
}

/// Every post's slug: the pages `resuma build --static` exports.
#[static_params]
pub async fn slugs(cx: LoadCx) -> Result<Vec<Params>, LoadError> {
    let db: Db = cx.state()?;
    Ok(db.posts().await?.into_iter().map(|post| Params::new().with("slug", post.slug)).collect())
}

/// What the edit form sends.
#[derive(serde::Deserialize, garde::Validate)]
pub struct Edit {
    /// The new title.
    #[garde(length(min = 1, max = 80))]
    pub title: String,
    /// The new text.
    #[garde(length(max = 5000))]
    pub body: String,
}

/// Saves the post's new title and text, and shows it again (post/redirect/get).
#[submit]
pub async fn save(cx: SubmitCx, form: Edit) -> Result<Submitted, FormError> {
    let db: Db = cx.state()?;
    let slug: String = cx.param("slug")?;
    if !db.update(&slug, &form.title, &form.body).await? {
        return Err(LoadError::not_found().into());
    }
    Ok(Submitted::redirect(crate::pages::blog::slug::path(&slug)))
}

/// The delete form sends nothing but its token.
#[derive(serde::Deserialize)]
pub struct Confirm {}

/// Deletes the post and goes back to the list.
#[submit]
pub async fn delete(cx: SubmitCx, _form: Confirm) -> Result<Submitted, FormError> {
    let db: Db = cx.state()?;
    db.delete(&cx.param::<String>("slug")?).await?;
    Ok(Submitted::redirect(crate::pages::blog::index::path()))
}

/// A post.
#[component]
pub fn Show(slug: String, data: Post) -> View {
    use_head(
        Head::new()
            .title(format!("{} · Blog", data.title))
            .canonical(crate::pages::blog::slug::path(&slug)),
    );
    let attachment = data.attachment.map(|it| format!("Attachment: {it}")).unwrap_or_default();
    let (title, body) = (data.title.clone(), data.body.clone());
    view! {
        <article><h1>{data.title}</h1><p>{data.body}</p></article>
        <p class="attachment">{attachment}</p>
        <h2>"Edit"</h2>
        <Form submit={save} class="edit">
            <label>"Title " <input name="title" value={title} required maxlength="80"/></label>
            <label>"Text " <textarea name="body">{body}</textarea></label>
            <button>"Save"</button>
        </Form>
        <Form submit={delete} class="delete"><button>"Delete this post"</button></Form>
    }
}
