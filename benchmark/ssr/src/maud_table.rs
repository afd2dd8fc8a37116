//! maud: the table as one `html!` template.

use maud::html;

use crate::data::Row;

/// Renders the table. maud sizes its own buffer (from the template's static text).
pub fn render(rows: Vec<Row>) -> String {
    html! {
        table { tbody {
            @for (id, label) in &rows {
                tr {
                    td { (id) }
                    td { a href={ "/item/" (id) } { (label) } }
                    td { span class="badge" { (id % 7) } }
                }
            }
        } }
    }
    .into_string()
}
