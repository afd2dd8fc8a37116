//! The floor: the same HTML written with `String::push_str` and `itoa` into a pre-sized
//! `String`, escaping the label by hand.

use crate::data::{size_hint, Row};

/// Renders the table. Takes the rows by value like the component renderers, so every
/// renderer pays for dropping them.
pub fn render(rows: Vec<Row>) -> String {
    let mut out = String::with_capacity(size_hint(rows.len()));
    let mut num = itoa::Buffer::new();
    out.push_str("<table><tbody>");
    for (id, label) in &rows {
        let id_text = num.format(*id);
        out.push_str("<tr><td>");
        out.push_str(id_text);
        // The href is "/item/" and ASCII digits: nothing in it can need escaping inside a
        // double-quoted attribute, and it has no scheme, so it is written as is.
        out.push_str("</td><td><a href=\"/item/");
        out.push_str(id_text);
        out.push_str("\">");
        escape_text(&mut out, label);
        out.push_str("</a></td><td><span class=\"badge\">");
        out.push_str(num.format(id % 7));
        out.push_str("</span></td></tr>");
    }
    out.push_str("</tbody></table>");
    out
}

/// Appends `text` escaped as element content: `&`, `<` and `>` (the minimum for text;
/// quotes only matter inside attribute values). Clean runs are copied whole.
fn escape_text(out: &mut String, text: &str) {
    let mut run_start = 0;
    for (idx, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => continue,
        };
        out.push_str(&text[run_start..idx]);
        out.push_str(entity);
        run_start = idx + 1;
    }
    out.push_str(&text[run_start..]);
}
