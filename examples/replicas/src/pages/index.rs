//! `/`: the number of notes (read from Postgres on every request), a counter that resumes
//! in the browser (so the page names a handler chunk), and a form that adds a note.

use resuma::flow::{FormError, LoadCx, LoadError, SubmitCx, Submitted};
use resuma::prelude::*;

use crate::db::Db;
use crate::Replica;

/// What the page shows.
#[derive(Clone)]
pub struct Home {
    /// Notes in Postgres.
    pub n_notes: i64,
    /// The replica that rendered the page.
    pub replica: String,
}

/// Counts the notes.
#[load]
pub async fn load(cx: LoadCx) -> Result<Home, LoadError> {
    let db: Db = cx.state()?;
    let replica: Replica = cx.state()?;
    Ok(Home { n_notes: db.count().await?, replica: replica.0 })
}

/// What the form sends.
#[derive(serde::Deserialize, garde::Validate)]
pub struct NewNote {
    /// The client's unique id for this write.
    #[garde(length(min = 1, max = 100))]
    pub token: String,
}

/// Stores the note, then back to `/` (303).
#[submit]
pub async fn note(cx: SubmitCx, form: NewNote) -> Result<Submitted, FormError> {
    let db: Db = cx.state()?;
    let replica: Replica = cx.state()?;
    db.add_note(&form.token, "form", &replica.0).await?;
    Ok(Submitted::redirect("/"))
}

/// The page.
#[component]
pub fn Index(data: Home) -> View {
    let notes = format!("{} notes", data.n_notes);
    let replica = data.replica;
    let count = use_signal(0);
    view! {
        <main>
            <h1>"Replicas"</h1>
            <p id="notes">{notes}</p>
            <p id="replica">{replica}</p>
            <button onClick={move |_| count.update(|c| *c += 1)}>"Clicks: " {count}</button>
            <Form submit={note}>
                <input name="token" required maxlength="100"/>
                <button>"Add a note"</button>
            </Form>
        </main>
    }
}
