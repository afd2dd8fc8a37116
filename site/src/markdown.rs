//! Markdown to HTML with pulldown-cmark, for the guides of this repository.
//!
//! The output goes into pages through `raw_html`, which is sound here because of what
//! this module lets through: the guides are trusted files of the repository, and even so
//! any raw HTML in them (`Event::Html`, `Event::InlineHtml`) is turned into text, so a
//! `<script>` in a guide shows as `&lt;script&gt;`. The only markup not escaped is what
//! pulldown-cmark writes for Markdown and what this module writes around headings and
//! code blocks, from escaped text.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::highlight;

/// A heading: its `id` and its text.
pub(crate) type Heading = (String, String);

/// Renders `src` as HTML, ready for `raw_html`, with its headings. `link` maps a link's destination to the one to write, or `None` to
/// drop the link and keep its text (rustdoc's `crate::…` links mean nothing on the site).
pub(crate) fn render(src: &str, link: impl Fn(&str) -> Option<String>) -> (String, Vec<Heading>) {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    let mut headings: Vec<Heading> = Vec::new();
    let mut heading: Option<(HeadingLevel, Vec<Event<'_>>, String)> = None;
    let mut code: Option<(String, String)> = None;
    let mut dropped_link = false;
    for event in Parser::new_ext(src, options) {
        // Raw HTML from the source is text: escaped when written.
        let event = match event {
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
            Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
            other => other,
        };
        if let Some((lang, text)) = &mut code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    events.push(Event::Html(code_block(lang, text).into()));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        let event = match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split(',').next().unwrap_or("").trim().to_owned()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
                continue;
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => match link(&dest_url) {
                Some(to) => Event::Start(Tag::Link { link_type, dest_url: to.into(), title, id }),
                None => {
                    dropped_link = true;
                    continue;
                }
            },
            Event::End(TagEnd::Link) if dropped_link => {
                dropped_link = false;
                continue;
            }
            other => other,
        };
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, Vec::new(), String::new()))
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, inner, text)) = heading.take() else { continue };
                let id = unique_id(&mut ids, &text);
                headings.push((id.clone(), text));
                events.push(Event::Html(format!("<{level} id=\"{id}\">").into()));
                events.extend(inner);
                events.push(Event::Html(
                    format!(" <a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this section\">#</a></{level}>\n")
                        .into(),
                ));
            }
            event => match &mut heading {
                Some((_, inner, text)) => {
                    if let Event::Text(t) | Event::Code(t) = &event {
                        text.push_str(t);
                    }
                    inner.push(event);
                }
                None => events.push(event),
            },
        }
    }
    let mut html = String::with_capacity(src.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    (html, headings)
}

/// A fenced block: Rust highlighted, anything else escaped.
fn code_block(lang: &str, text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let class = if lang.is_empty() { "text" } else { lang };
    out.push_str("<pre><code class=\"language-");
    escape_into(&mut out, class);
    out.push_str("\">");
    if lang == "rust" {
        out.push_str(&highlight::rust(&shown_lines(text)));
    } else {
        escape_into(&mut out, text);
    }
    out.push_str("</code></pre>\n");
    out
}

/// A Rust block as rustdoc shows it: without its hidden lines (`# ` and a lone `#`, the
/// context a doctest needs and the reader does not), and `##` shown as `#`.
fn shown_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("# ") || trimmed.trim_end() == "#" {
            continue;
        }
        match trimmed.strip_prefix("##") {
            Some(rest) => {
                out.push_str(&line[..line.len() - trimmed.len()]);
                out.push('#');
                out.push_str(rest);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// The GitHub-style id of a heading (lowercase, spaces to `-`, punctuation dropped),
/// with `-1`, `-2`… when the guide has it already.
fn unique_id(ids: &mut Vec<String>, text: &str) -> String {
    let base: String = text
        .trim()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect();
    let base = if base.is_empty() { "section".to_owned() } else { base };
    let mut id = base.clone();
    let mut n = 0;
    while ids.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    ids.push(id.clone());
    id
}

/// Appends `text` with `& < > " '` escaped.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::render;

    #[track_caller]
    fn check(src: &str, expect: &str) {
        let keep = |dest: &str| (!dest.starts_with("crate::")).then(|| dest.to_owned());
        assert_eq!(render(src, keep).0, expect);
    }

    #[test]
    fn raw_html_is_text() {
        check("<script>alert(1)</script>\n", "<p>&lt;script&gt;alert(1)&lt;/script&gt;\n</p>\n");
        check("a <b onclick=x>b</b>", "<p>a &lt;b onclick=x&gt;b&lt;/b&gt;</p>\n");
    }

    #[test]
    fn headings_get_ids_and_anchors() {
        check(
            "# Hi `there`\n## Hi there\n",
            "<h1 id=\"hi-there\">Hi <code>there</code> <a class=\"anchor\" href=\"#hi-there\" \
             aria-label=\"Link to this section\">#</a></h1>\n<h2 id=\"hi-there-1\">Hi there \
             <a class=\"anchor\" href=\"#hi-there-1\" aria-label=\"Link to this section\">#</a></h2>\n",
        );
    }

    #[test]
    fn rustdoc_links_keep_their_text() {
        check("See [`Deferred`](crate::flow::Deferred).", "<p>See <code>Deferred</code>.</p>\n");
    }

    #[test]
    fn rust_blocks_are_highlighted_others_escaped() {
        check(
            "```rust,ignore\nfn f() {}\n```\n```html\n<b>\n```\n",
            "<pre><code class=\"language-rust\"><span class=\"hl-kw\">fn</span> f() {}\n</code></pre>\n\
             <pre><code class=\"language-html\">&lt;b&gt;\n</code></pre>\n",
        );
    }

    #[test]
    fn hidden_lines_of_rust_blocks_are_not_shown() {
        check(
            "```rust\n# fn main() {}\nlet a = 1;\n#\n    # let b = 2;\n##[x]\n```\n",
            "<pre><code class=\"language-rust\"><span class=\"hl-kw\">let</span> a = \
             <span class=\"hl-num\">1</span>;\n<span class=\"hl-attr\">#[x]</span>\n</code></pre>\n",
        );
    }
}
