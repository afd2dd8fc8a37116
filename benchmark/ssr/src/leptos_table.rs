//! Leptos 0.8 (`ssr`): the table as `#[component]`s and `view!`, rendered with
//! `RenderHtml::to_html` inside a reactive `Owner`, as a server does once per request.

use leptos::prelude::*;

use crate::data::Row;

#[component]
fn Badge(n: u32) -> impl IntoView {
    view! { <span class="badge">{n}</span> }
}

#[component]
fn Row(id: u32, label: String) -> impl IntoView {
    view! {
        <tr>
            <td>{id}</td>
            <td><a href=format!("/item/{id}")>{label}</a></td>
            <td><Badge n={id % 7}/></td>
        </tr>
    }
}

#[component]
fn Table(rows: Vec<Row>) -> impl IntoView {
    view! {
        <table><tbody>
            {rows.into_iter().map(|(id, label)| view! { <Row id label/> }).collect_view()}
        </tbody></table>
    }
}

/// Renders the table to a `String`.
pub fn render(rows: Vec<Row>) -> String {
    let owner = Owner::new();
    owner.with(|| view! { <Table rows/> }.to_html())
}

/// Removes Leptos' hydration markers: `<!>` between adjacent text nodes and list ends,
/// and `<!--…-->` comments. Nothing else in the table is a comment.
pub fn normalise(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!") {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = if tail.starts_with("<!>") {
            3
        } else if let Some(close) = tail.starts_with("<!--").then(|| tail.find("-->")).flatten() {
            close + 3
        } else {
            out.push_str("<!");
            2
        };
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}
