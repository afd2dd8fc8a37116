//! `/`: the notes, read from libSQL by the load, and a form that adds one.

use resuma::flow::{FormError, LoadCx, LoadError, SubmitCx, Submitted};
use resuma::prelude::*;

use crate::db::Db;

/// Every note.
#[load]
pub async fn load(cx: LoadCx) -> Result<Vec<String>, LoadError> {
    let db: Db = cx.state()?;
    Ok(db.notes().await?)
}

/// What the form sends.
#[derive(serde::Deserialize, garde::Validate)]
pub struct NewNote {
    /// The note.
    #[garde(length(min = 1, max = 200))]
    pub text: String,
}

/// Adds the note and shows the list again.
#[submit]
pub async fn add(cx: SubmitCx, form: NewNote) -> Result<Submitted, FormError> {
    let db: Db = cx.state()?;
    db.add(&form.text).await?;
    Ok(Submitted::redirect("/"))
}

/// The notes and the form.
#[component]
pub fn Notes(data: Vec<String>) -> View {
    let count = format!("{} notes", data.len());
    view! {
        <main>
            <h1>"Notes"</h1>
            <p class="count">{count}</p>
            <ul>
                <For each={data} key={|text| text.clone()} let:text>
                    <li>{text}</li>
                </For>
            </ul>
            <Form submit={add}>
                <input name="text"/>
                <button>"Add"</button>
            </Form>
        </main>
    }
}
