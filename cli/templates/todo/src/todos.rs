//! The server functions the page calls. Each one checks its input, runs its statement on a
//! blocking thread, and answers an error message the page shows as it is.
//!
//! The framework checks the origin and the CSRF token of every call and applies the rate
//! limits before any of this runs.

use resuma::prelude::*;

use crate::store::{Store, Todo};

/// The longest title accepted, in characters.
pub const MAX_TITLE_CHARS: usize = 200;

/// Adds a todo titled `title` (trimmed) and answers it, with its id.
#[server(rate = "10/s")]
pub async fn add_todo(title: String) -> Result<Todo, String> {
    let title = checked_title(&title)?;
    with_store(move |store| store.add(&title)).await
}

/// Flips the todo `id` between done and not done.
#[server]
pub async fn toggle_todo(id: i64) -> Result<(), String> {
    let found = with_store(move |store| store.toggle(id)).await?;
    found.then_some(()).ok_or_else(|| no_such_todo(id))
}

/// Removes the todo `id`.
#[server]
pub async fn remove_todo(id: i64) -> Result<(), String> {
    let found = with_store(move |store| store.remove(id)).await?;
    found.then_some(()).ok_or_else(|| no_such_todo(id))
}

/// Removes every todo that is done.
#[server]
pub async fn clear_completed() -> Result<(), String> {
    with_store(|store| store.clear_completed().map(drop)).await
}

/// `title` trimmed, or why it cannot be a todo's title.
pub fn checked_title(title: &str) -> Result<String, String> {
    let title = title.trim();
    let chars = title.chars().count();
    if title.is_empty() {
        Err("A todo needs a title.".to_owned())
    } else if chars > MAX_TITLE_CHARS {
        Err(format!("A title has at most {MAX_TITLE_CHARS} characters; this one has {chars}."))
    } else {
        Ok(title.to_owned())
    }
}

fn no_such_todo(id: i64) -> String {
    format!("Todo {id} does not exist any more: reload the page.")
}

/// Runs `work` on the app's store on a blocking thread. A database error is logged in
/// full and answered with a message fit for the page.
async fn with_store<T: Send + 'static>(
    work: impl FnOnce(&Store) -> rusqlite::Result<T> + Send + 'static,
) -> Result<T, String> {
    let store = server::app_state::<Store>().ok_or("The app has no database.")?;
    match tokio::task::spawn_blocking(move || work(&store)).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(err)) => {
            tracing::error!(%err, "database error");
            Err("The database failed; the change was not saved.".to_owned())
        }
        Err(err) => {
            tracing::error!(%err, "database task failed");
            Err("The server failed; the change was not saved.".to_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{checked_title, MAX_TITLE_CHARS};

    #[test]
    fn titles_are_trimmed_and_bounded() {
        assert_eq!(checked_title("  milk ").unwrap(), "milk");
        assert_eq!(checked_title("   ").unwrap_err(), "A todo needs a title.");
        assert_eq!(checked_title(&"é".repeat(MAX_TITLE_CHARS)).unwrap(), "é".repeat(200));
        let long = checked_title(&"x".repeat(MAX_TITLE_CHARS + 1)).unwrap_err();
        assert_eq!(long, "A title has at most 200 characters; this one has 201.");
    }
}
