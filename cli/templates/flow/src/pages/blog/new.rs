//! `/blog/new`: a form that creates a post, with an optional attachment (a PNG, JPEG or
//! PDF, stored on disk). It works without JavaScript: an invalid post comes back with
//! status 422, what was typed kept and each error next to its field.

use resuma::flow::{FormError, SubmitCx, Submitted, Upload};
use resuma::prelude::*;

use crate::db::{Db, Post};
use crate::uploads::{Uploads, TYPES};

/// What the form sends.
#[derive(serde::Deserialize, garde::Validate)]
pub struct NewPost {
    /// The URL segment: lowercase letters, digits and `-`.
    #[garde(length(min = 1, max = 40), custom(slug_characters))]
    pub slug: String,
    /// The title.
    #[garde(length(min = 1, max = 80))]
    pub title: String,
    /// The text.
    #[garde(length(max = 5000))]
    pub body: String,
    /// A file to attach, if one was chosen.
    #[garde(custom(attachment_type))]
    pub attachment: Option<Upload>,
}

/// garde's rule for a slug: lowercase letters, digits and dashes.
fn slug_characters(slug: &str, _cx: &()) -> garde::Result {
    if slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        Ok(())
    } else {
        Err(garde::Error::new("Use lowercase letters, digits and dashes only."))
    }
}

/// garde's rule for an attachment: a PNG, JPEG or PDF whose bytes say so.
fn attachment_type(file: &Option<Upload>, _cx: &()) -> garde::Result {
    let types: Vec<&str> = TYPES.iter().map(|(kind, _)| *kind).collect();
    match file {
        Some(file) => file.check_type(&types).map_err(garde::Error::new),
        None => Ok(()),
    }
}

/// Creates the post and shows it.
#[submit]
pub async fn create(cx: SubmitCx, form: NewPost) -> Result<Submitted, FormError> {
    // The form's garde rules have held by now (`#[submit]` checks them first).
    let db: Db = cx.state()?;
    if db.post(&form.slug).await?.is_some() {
        return Err(FormError::field("slug", "A post has this slug already."));
    }
    let attachment = match &form.attachment {
        Some(file) => Some(cx.state::<Uploads>()?.store(&form.slug, file)?),
        None => None,
    };
    let post = Post { slug: form.slug, title: form.title, body: form.body, attachment };
    if !db.create(&post).await? {
        return Err(FormError::field("slug", "A post has this slug already."));
    }
    Ok(Submitted::redirect(crate::pages::blog::slug::path(&post.slug)))
}

/// The form.
#[component]
pub fn NewPostPage() -> View {
    view! {
        <section>
            <h1>"New post"</h1>
            <Form submit={create} class="post-form">
                <label>"Slug " <input name="slug" required maxlength="40"/></label>
                <label>"Title " <input name="title" required maxlength="80"/></label>
                <label>"Text " <textarea name="body" maxlength="5000"></textarea></label>
                <label>"Attachment " <input type="file" name="attachment" accept="image/png,image/jpeg,application/pdf"/></label>
                <button>"Publish"</button>
            </Form>
        </section>
    }
}
