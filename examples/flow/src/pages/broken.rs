//! `/broken`: a page whose load fails (its query names a table that does not exist), to
//! show `_error.rs`: the visitor reads "Internal Server Error", the log has the details.

use resuma::flow::{LoadCx, LoadError};
use resuma::prelude::*;

use crate::db::Db;

/// Fails: there is no `secret_drafts` table.
#[load]
pub async fn load(cx: LoadCx) -> Result<usize, LoadError> {
    let db: Db = cx.state()?;
    Ok(db.count_rows("SELECT COUNT(*) FROM secret_drafts").await?)
}

/// Never shown.
#[component]
pub fn Broken(data: usize) -> View {
    view! { <p>{data}</p> }
}
