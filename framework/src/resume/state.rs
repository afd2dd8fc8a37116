//! The scripts a resumable page ends with: its state, the inlined loader, and in a page
//! with islands the inlined island script.

use super::assets::{core_url, ISLAND_SOURCE, LOADER_SOURCE};
use super::context::RenderContext;
use crate::render::nonce::Nonce;
use crate::Html;

/// Writes the state script and the loader call, when the page has handlers, and the
/// island script when it has islands; a page with neither gets nothing, so it ships no
/// JavaScript. Every script carries `nonce`, the response's CSP nonce, when there is one.
pub(crate) fn write_resume_scripts(
    context: &RenderContext,
    nonce: Option<Nonce<'_>>,
    mount: &str,
    prefetch: bool,
    html: &mut Html,
) {
    if !context.has_handlers() {
        return;
    }
    // One buffer for every value's JSON, escaped into the page from there.
    let mut json = Vec::with_capacity(256);
    let state = context.slots.iter().map(|value| move |out: &mut Vec<u8>| value.write_json(out));
    write_json_array_script("resuma/state", state, nonce, &mut json, html);
    if !context.graph.is_empty() {
        let graph =
            context.graph.iter().map(|entry| move |out: &mut Vec<u8>| entry.write_json(out));
        write_json_array_script("resuma/graph", graph, nonce, &mut json, html);
    }
    let core = format_args!("{mount}{}", core_url(context.reactive));
    if context.islands > 0 {
        // Its own script, so a page without islands is byte for byte what it was.
        html.open_script(nonce);
        html.push_raw(ISLAND_SOURCE.trim_end().trim_end_matches(';'));
        html.push_static("(");
        push_script_json(html, &mut json, &core);
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
    push_script_json(html, &mut json, &core);
    html.push_static(",");
    push_script_json(html, &mut json, &context.events);
    html.push_static(if prefetch { ",1)</script>" } else { ")</script>" });
}

/// `<script type="KIND">[ITEM,ITEM…]</script>`, each item written as JSON into `json`
/// (a scratch buffer) and escaped for a script from there.
fn write_json_array_script<W: FnOnce(&mut Vec<u8>)>(
    kind: &'static str,
    items: impl Iterator<Item = W>,
    nonce: Option<Nonce<'_>>,
    json: &mut Vec<u8>,
    html: &mut Html,
) {
    html.push_static("<script type=\"");
    html.push_static(kind);
    html.push_static("\"");
    html.push_nonce(nonce);
    html.push_static(">[");
    for (idx, write) in items.enumerate() {
        if idx > 0 {
            html.push_static(",");
        }
        json.clear();
        write(json);
        push_json_bytes(html, json);
    }
    html.push_static("]</script>");
}

/// `value` as JSON that can sit inside a `<script>`, through the scratch buffer `json`.
fn push_script_json(html: &mut Html, json: &mut Vec<u8>, value: &(impl serde::Serialize + ?Sized)) {
    json.clear();
    if serde_json::to_writer(&mut *json, value).is_err() {
        json.clear();
        json.extend_from_slice(b"null");
    }
    push_json_bytes(html, json);
}

/// serde_json's output, escaped for a script into `html`.
fn push_json_bytes(html: &mut Html, json: &[u8]) {
    // serde_json writes UTF-8; anything else would be a bug of a `Serialize` impl.
    let json = std::str::from_utf8(json).unwrap_or("null");
    escape_json_into(json, |it| html.push_raw(it));
}

/// JSON that can sit inside a `<script>`: nothing in it can close the script, open a
/// comment or end a line in old parsers. `<`, `>` and `&` only occur inside JSON strings,
/// where their `\u` escapes mean the same.
pub(crate) fn escape_json_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    escape_json_into(json, |it| out.push_str(it));
    out
}

/// [`escape_json_for_script`], handing `push` the clean runs and the escapes in order.
fn escape_json_into(json: &str, mut push: impl FnMut(&str)) {
    let bytes = json.as_bytes();
    let mut clean = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        let (escape, len) = match byte {
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            // U+2028 and U+2029: E2 80 A8 and E2 80 A9.
            0xE2 if bytes.get(at + 1) == Some(&0x80) => match bytes.get(at + 2) {
                Some(0xA8) => ("\\u2028", 3),
                Some(0xA9) => ("\\u2029", 3),
                _ => continue,
            },
            _ => continue,
        };
        push(&json[clean..at]);
        push(escape);
        clean = at + len;
    }
    push(&json[clean..]);
}

#[cfg(test)]
mod tests {
    use super::{escape_json_for_script, write_resume_scripts};
    use crate::render::nonce::Nonce;
    use crate::resume::context::RenderContext;
    use crate::Html;

    /// The escaping as first written, a char at a time: the reference.
    fn reference(json: &str) -> String {
        let mut out = String::new();
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

    proptest::proptest! {
        #[test]
        fn escaping_matches_the_reference(
            json in proptest::collection::vec(
                proptest::sample::select(vec!["<", ">", "&", "\u{2028}", "\u{2029}", "\u{2027}",
                    "\u{202A}", "\u{20AC}", "é", "a", "</script>", "\\", "\""]),
                0..24,
            )
        ) {
            let json = json.concat();
            proptest::prop_assert_eq!(escape_json_for_script(&json), reference(&json));
        }
    }

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
        write_resume_scripts(&context, Some(Nonce::Given("n0")), "", true, &mut html);
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
