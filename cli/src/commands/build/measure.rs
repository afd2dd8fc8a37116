//! What a page costs in JavaScript, read from its HTML the way the loader reads it.
//!
//! - **initial**: the inline scripts a browser runs (the loader call; the dev client is
//!   absent outside `resuma dev`); `type="resuma/state"` is data, not counted. Nothing
//!   is fetched before the first interaction (docs/resumability.md), so this is all.
//! - **first interaction**: initial, plus the core the loader call names, plus every
//!   chunk the page names (docs/resumability.md): a handler's in `data-r-on:*`, a thunk's
//!   in bound text (`<!--r:CHUNK#t0|…-->`) and `data-r-a`, a block's (`<!--f:…-->`), a
//!   graph entry's (`resuma/graph`: a `computed!`, `effect!` or `debounce!`) and an
//!   island's (`data-r-island`). The first interaction fetches the core and its element's
//!   chunk, and an island its own when its trigger fires; counting every chunk of the page
//!   is the upper bound. A component without handlers still ships its chunk when it has
//!   thunks, blocks or effects.
//!
//! Each script is gzip'd on its own at level 9, as `runtime/test/harness.mjs` measures in
//! Chromium, so the figures compare with `runtime/size-budget.json`.

use std::io::Write as _;

use flate2::write::GzEncoder;
use flate2::Compression;

/// The JavaScript of one page.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct PageScripts {
    /// Each inline script's text.
    pub(crate) inline: Vec<String>,
    /// The core's URL, from the loader call.
    pub(crate) core: Option<String>,
    /// Each chunk's URL (handlers, thunks, blocks, graph entries, islands), once each.
    pub(crate) chunks: Vec<String>,
    /// Same-origin links (`href="/…"`), for finding the other pages.
    pub(crate) links: Vec<String>,
}

/// Reads a Resuma page's scripts and links. The HTML is the renderer's own (attributes in
/// double quotes, scripts never containing `</script>`, text escaped so that no `<!--` or
/// `<script` in it is markup), so a scan is exact here.
pub(crate) fn read_page(html: &str) -> PageScripts {
    let mut page = PageScripts::default();
    // Chunk names (`Counter.1f3a9b2c`), in the order the page names them.
    let mut chunks: Vec<String> = Vec::new();
    let mut add = |chunk: &str| {
        if !chunk.is_empty() && !chunks.iter().any(|it| it == chunk) {
            chunks.push(chunk.to_owned());
        }
    };
    let mut rest = html;
    while let Some(at) = rest.find("<script") {
        let after = &rest[at + "<script".len()..];
        let Some(tag_end) = after.find('>') else { break };
        let attrs = &after[..tag_end];
        let body_start = &after[tag_end + 1..];
        let body_len = body_start.find("</script>").unwrap_or(body_start.len());
        let text = &body_start[..body_len];
        let is_js = match attribute(attrs, "type") {
            None => true,
            Some(kind) => kind == "module" || kind.contains("javascript"),
        };
        if is_js && attribute(attrs, "src").is_none() && !text.trim().is_empty() {
            page.inline.push(text.to_owned());
            if page.core.is_none() {
                page.core = core_url(text);
            }
        }
        if attribute(attrs, "type") == Some("resuma/graph") {
            // `[[KIND, ARG, "CHUNK#tN|SLOTS", [DEPS], ISLAND?], …]`.
            let entries: Vec<serde_json::Value> = serde_json::from_str(text).unwrap_or_default();
            for entry in &entries {
                add(address_chunk(entry.get(2).and_then(|it| it.as_str()).unwrap_or_default()));
            }
        }
        rest = &body_start[body_len..];
    }
    for value in attribute_values(html, "data-r-on:") {
        add(address_chunk(value.trim_start_matches('!')));
    }
    // `NAME=SLOT` or `NAME=CHUNK#tN|SLOTS`, space-separated.
    for value in attribute_values(html, "data-r-a") {
        for bound in value.split_whitespace() {
            let target = bound.split_once('=').map_or("", |(_, it)| it);
            if target.contains('#') {
                add(address_chunk(target));
            }
        }
    }
    // `TRIGGER N CHUNK`, the chunk empty for an island without one.
    for value in attribute_values(html, "data-r-island") {
        add(value.split(' ').nth(2).unwrap_or_default());
    }
    // Bound text `<!--r:CHUNK#tN|SLOTS-->` (a thunk; `<!--r:SLOT-->` names none) and
    // blocks `<!--f:CHUNK#bN|SLOTS-->`.
    for marker in ["<!--r:", "<!--f:"] {
        for (at, _) in html.match_indices(marker) {
            let value = &html[at + marker.len()..];
            let value = &value[..value.find("-->").unwrap_or(0)];
            if value.contains('#') {
                add(address_chunk(value));
            }
        }
    }
    page.chunks = chunks.iter().map(|it| format!("/_resuma/handler/{it}.js")).collect();
    for value in attribute_values(html, "href") {
        if value.starts_with('/') && !value.starts_with("//") && !page.links.contains(&value) {
            page.links.push(value);
        }
    }
    page
}

/// The chunk of a binding's address: `Counter.1f3a9b2c` of `Counter.1f3a9b2c#h0|0`.
fn address_chunk(address: &str) -> &str {
    address.split('#').next().unwrap_or_default()
}

/// The core's URL in the loader call `…("/_resuma/core.HASH.js",[…])`.
fn core_url(script: &str) -> Option<String> {
    let start = script.find("\"/")?;
    let candidate = &script[start + 1..];
    let end = candidate.find('"')?;
    let url = &candidate[..end];
    (url.contains("/_resuma/core") && url.ends_with(".js")).then(|| url.to_owned())
}

/// The value of `name="…"` among a tag's attributes.
fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!(" {name}=\"");
    let start = attrs.find(&needle)? + needle.len();
    let end = attrs[start..].find('"')?;
    Some(&attrs[start..start + end])
}

/// Every value of the attributes whose name starts with `prefix` (`data-r-on:` matches
/// `data-r-on:click="…"`; `href` matches `href="…"`), with `&amp;` decoded.
fn attribute_values(html: &str, prefix: &str) -> Vec<String> {
    let mut values = Vec::new();
    let needle = format!(" {prefix}");
    let mut rest = html;
    while let Some(at) = rest.find(&needle) {
        rest = &rest[at + needle.len()..];
        // The rest of the name (the event, for `data-r-on:`), then `="`.
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(rest.len());
        // Only a prefix ending in `:` names a family; `href` must not match `hreflang`.
        if name_len > 0 && !prefix.ends_with(':') {
            continue;
        }
        let Some(value) = rest[name_len..].strip_prefix("=\"") else { continue };
        if let Some(end) = value.find('"') {
            values.push(value[..end].replace("&amp;", "&"));
        }
    }
    values
}

/// `bytes` gzip'd at level 9, in bytes.
pub(crate) fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().map_or(0, |it| it.len())
}

#[cfg(test)]
mod tests {
    use super::{gzip_len, read_page};

    #[test]
    fn a_resumable_page_names_its_core_chunks_and_links() {
        let html = r#"<body><a href="/active">A</a><a href="https://x.dev/">x</a>
            <button data-r-on:click="Counter.1f3a9b2c#0|0">+</button>
            <form data-r-on:submit="!TodoList.6f16bee4#0"></form>
            <button data-r-on:click="Counter.1f3a9b2c#1|1">-</button>
            <script type="resuma/state" nonce="n">[0]</script>
            <script nonce="n">((l,u)=>{})("/_resuma/core.c19e77bb.js",["click"])</script></body>"#;
        let page = read_page(html);
        assert_eq!(page.inline, [r#"((l,u)=>{})("/_resuma/core.c19e77bb.js",["click"])"#]);
        assert_eq!(page.core.as_deref(), Some("/_resuma/core.c19e77bb.js"));
        assert_eq!(
            page.chunks,
            ["/_resuma/handler/Counter.1f3a9b2c.js", "/_resuma/handler/TodoList.6f16bee4.js"]
        );
        assert_eq!(page.links, ["/active"]);
    }

    /// A component without handlers ships its chunk too: an island's, a graph entry's, a
    /// thunk's (text or attribute) and a block's, each named once; a slot names none.
    #[test]
    fn every_chunk_a_page_names_is_counted() {
        let html = r#"<body><p data-r-island="visible 0 Clock.bc41ffad" id="clock">Ticks:
            <!--r:3-->2<!--/r--></p><section data-r-island="idle 1 ">x</section>
            <p><!--r:SearchBar.0199ae4c#t1|1-->0 chars<!--/r--></p>
            <li data-r-a="value=0 hidden=Todos.81985a6e#t2|3,5">a</li>
            <ul><!--f:List.12345678#b0|0,3--><!--/f--></ul>
            <pre>&lt;!--r:Shown.00000000#t0|0--&gt;</pre>
            <script type="resuma/state" nonce="n">[0,2,3]</script>
            <script type="resuma/graph" nonce="n">[["e",0,"Clock.bc41ffad#t0|3",[],0],
              ["c",1,"Derived.9abcdef0#t0|1",[0]]]</script>
            <script nonce="n">(c=>{})("/_resuma/core-reactive.3df99752.js")</script></body>"#;
        let page = read_page(html);
        assert_eq!(page.core.as_deref(), Some("/_resuma/core-reactive.3df99752.js"));
        assert_eq!(
            page.chunks,
            [
                "/_resuma/handler/Clock.bc41ffad.js",
                "/_resuma/handler/Derived.9abcdef0.js",
                "/_resuma/handler/Todos.81985a6e.js",
                "/_resuma/handler/SearchBar.0199ae4c.js",
                "/_resuma/handler/List.12345678.js",
            ]
        );
    }

    #[test]
    fn a_static_page_has_no_javascript() {
        let page = read_page("<main><h1>Hi</h1><a href=\"/\">home</a></main>");
        assert!(page.inline.is_empty() && page.core.is_none() && page.chunks.is_empty());
    }

    #[test]
    fn gzip_is_smaller_for_repetitive_text() {
        assert!(gzip_len(&[b'a'; 1000]) < 100);
    }
}
