//! The scripts a resumable page ends with: its state, the inlined loader, and in a page
//! with islands the inlined island script.

use super::assets::{core_url, ISLAND_SOURCE, LOADER_SOURCE};
use super::context::RenderContext;
use crate::Html;

/// Writes the state script and the loader call, when the page has handlers, and the
/// island script when it has islands; a page with neither gets nothing, so it ships no
/// JavaScript. Every script carries `nonce`, the response's CSP nonce, when there is one.
pub(crate) fn write_resume_scripts(
    context: &RenderContext,
    nonce: Option<&str>,
    mount: &str,
    prefetch: bool,
    html: &mut Html,
) {
    if !context.has_handlers() {
        return;
    }
    let state = context.slots.iter().map(|value| value.to_json());
    write_json_array_script("resuma/state", state, nonce, html);
    if !context.graph.is_empty() {
        let graph = context.graph.iter().map(|entry| entry.to_json());
        write_json_array_script("resuma/graph", graph, nonce, html);
    }
    let core = script_json(&format!("{mount}{}", core_url(context.reactive)));
    if context.islands > 0 {
        // Its own script, so a page without islands is byte for byte what it was.
        html.open_script(nonce);
        html.push_raw(ISLAND_SOURCE.trim_end().trim_end_matches(';'));
        html.push_static("(");
        html.push_raw(&core);
        html.push_static(")</script>");
    }
    if context.events.is_empty() {
        return;
    }
    html.open_script(nonce);
    html.push_raw(LOADER_SOURCE.trim_end().trim_end_matches(';'));
    // The loader's arguments are JSON, escaped for a script like the state: the mount
    // path comes from the request, and HTML entities mean nothing inside a script. The
    // loader derives the chunks' and the core the actions' URLs from the core's.
    html.push_static("(");
    html.push_raw(&core);
    html.push_static(",");
    html.push_raw(&script_json(&context.events));
    html.push_static(if prefetch { ",1)</script>" } else { ")</script>" });
}

/// `<script type="KIND">[ITEM,ITEM…]</script>`, each item JSON escaped for a script.
fn write_json_array_script(
    kind: &'static str,
    items: impl Iterator<Item = String>,
    nonce: Option<&str>,
    html: &mut Html,
) {
    html.push_static("<script type=\"");
    html.push_static(kind);
    html.push_static("\"");
    html.push_nonce(nonce);
    html.push_static(">[");
    for (idx, json) in items.enumerate() {
        if idx > 0 {
            html.push_static(",");
        }
        html.push_raw(&escape_json_for_script(&json));
    }
    html.push_static("]</script>");
}

/// `value` as JSON that can sit inside a `<script>`.
fn script_json(value: &(impl serde::Serialize + ?Sized)) -> String {
    escape_json_for_script(&serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned()))
}

/// JSON that can sit inside a `<script>`: nothing in it can close the script, open a
/// comment or end a line in old parsers. `<`, `>` and `&` only occur inside JSON strings,
/// where their `\u` escapes mean the same.
pub(crate) fn escape_json_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{escape_json_for_script, write_resume_scripts};
    use crate::resume::context::RenderContext;
    use crate::Html;

    #[test]
    fn the_loader_call_is_json_whatever_the_mount_path() {
        let context = RenderContext { events: vec!["click"], ..RenderContext::default() };
        let mut html = Html::new();
        write_resume_scripts(&context, None, "/t\"</script>&", false, &mut html);
        let out = html.into_string();
        let call = &out[out.rfind(")(").unwrap() + 1..];
        assert!(call.starts_with("(\"/t\\\"\\u003c/script\\u003e\\u0026/_resuma/core."), "{call}");
        assert!(call.ends_with(".js\",[\"click\"])</script>"), "{call}");
        assert_eq!(out.matches("</script>").count(), 2, "{out}");
    }

    #[test]
    fn a_page_with_an_island_gets_the_island_script_and_no_loader_without_handlers() {
        let context = RenderContext { islands: 1, reactive: true, ..RenderContext::default() };
        let mut html = Html::new();
        write_resume_scripts(&context, Some("n0"), "", true, &mut html);
        let out = html.into_string();
        assert!(
            out.starts_with(
                "<script type=\"resuma/state\" nonce=\"n0\">[]</script><script nonce=\"n0\">"
            ),
            "{out}"
        );
        assert!(out.contains("data-r-island"), "{out}");
        assert!(
            out.ends_with("(\"/_resuma/core-reactive.") || out.contains(".js\")</script>"),
            "{out}"
        );
        assert_eq!(out.matches("<script").count(), 2, "{out}");
        let without = RenderContext { events: vec!["click"], ..RenderContext::default() };
        let mut html = Html::new();
        write_resume_scripts(&without, None, "", true, &mut html);
        assert!(!html.into_string().contains("data-r-island"));
    }

    #[test]
    fn state_json_cannot_break_out_of_its_script() {
        let json =
            serde_json::to_string(&["</script><script>alert(1)</script>", "<!--", "a&b\u{2028}"])
                .unwrap();
        let escaped = escape_json_for_script(&json);
        assert!(!escaped.contains('<') && !escaped.contains('>'));
        let back: Vec<String> = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, ["</script><script>alert(1)</script>", "<!--", "a&b\u{2028}"]);
    }
}
