//! `/demos/form`: a `<Form>` with a `#[submit]` that works without JavaScript. A bad
//! message comes back with status 422, what was typed kept and the error next to its
//! field; a good one is answered on the same page. Needs the server (not the export).

use resuma::flow::{use_form, FormError, SubmitCx, Submitted};
use resuma::prelude::*;
use resuma::render::{use_head, Head};

/// What the form sends.
#[derive(serde::Deserialize, garde::Validate)]
pub struct Note {
    /// Who writes.
    #[garde(length(min = 1, max = 40))]
    pub name: String,
    /// What they write.
    #[garde(length(min = 5, max = 280))]
    pub message: String,
}

/// Accepts a note (garde's rules have held by now) and answers with its author's name.
#[submit]
pub async fn send(_cx: SubmitCx, note: Note) -> Result<Submitted<String>, FormError> {
    if note.message.to_lowercase().contains("spam") {
        return Err(FormError::field("message", "No spam, please."));
    }
    Ok(Submitted::data(note.name))
}

/// The form, and the answer to its last submit.
#[component]
pub fn FormDemo() -> View {
    use_head(Head::new().title("Demo: a form · Resuma"));
    let last = use_form(send);
    let thanks = last.data().map(|name| format!("Thanks, {name}: your note was received."));
    view! {
        <main class="demo-page">
            <h1>"A form"</h1>
            <p>"A plain HTML form: it posts and answers with a page when JavaScript is off, and "
                "with JavaScript it is sent in place. Try a short message, or one with “spam”."</p>
            <section class="demo">
                <p id="thanks" role="status">{thanks.unwrap_or_default()}</p>
                <Form submit={send} class="note-form">
                    <label>"Name " <input name="name" required maxlength="40"/></label>
                    <label>"Message " <textarea name="message" required minlength="5" maxlength="280"></textarea></label>
                    <button>"Send"</button>
                </Form>
            </section>
        </main>
    }
}
