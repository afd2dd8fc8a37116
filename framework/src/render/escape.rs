//! HTML escaping for text content and double-quoted attribute values.
//!
//! Invariant: the output of [`escape_text`] contains no `<`, `>` or bare `&`, and the
//! output of [`escape_attr`] additionally contains no `"` or `'`; decoding the entities
//! once (as a browser does) gives back the input exactly.

/// Appends `text` to `out`, escaping `&`, `<` and `>` (enough for element text content).
#[inline]
pub(crate) fn escape_text(out: &mut String, text: &str) {
    escape_into(out, text, &TEXT_SPECIAL);
}

/// Appends `value` to `out`, escaping `&`, `"`, `'`, `<` and `>` (safe inside a quoted
/// attribute value, whichever quote the attribute uses).
#[inline]
pub(crate) fn escape_attr(out: &mut String, value: &str) {
    escape_into(out, value, &ATTR_SPECIAL);
}

/// Appends one character, escaped as text content.
#[inline]
pub(crate) fn escape_char(out: &mut String, ch: char) {
    match ch {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        _ => out.push(ch),
    }
}

/// Which bytes need an entity, as a 256-entry table: one load per byte, no branch chain.
type SpecialBytes = [bool; 256];

const TEXT_SPECIAL: SpecialBytes = special_bytes(b"&<>");
const ATTR_SPECIAL: SpecialBytes = special_bytes(b"&<>\"'");

const fn special_bytes(bytes: &[u8]) -> SpecialBytes {
    let mut table = [false; 256];
    let mut idx = 0;
    while idx < bytes.len() {
        table[bytes[idx] as usize] = true;
        idx += 1;
    }
    table
}

/// The escaping loop, written by hand because it is the renderer's hot path.
///
/// Most values are clean, so instead of pushing character by character (a capacity check
/// and a UTF-8 encode per `char`) it scans bytes and copies each clean run with a single
/// `push_str` (one `memcpy`) just before the special byte that ends it. A clean value is
/// therefore exactly one copy. Every special byte is ASCII, and in UTF-8 an ASCII byte is
/// never part of a multi-byte sequence, so `idx` is always a char boundary and scanning
/// bytes rather than chars is sound.
fn escape_into(out: &mut String, input: &str, special: &SpecialBytes) {
    let bytes = input.as_bytes();
    let mut run_start = 0;
    for (idx, &byte) in bytes.iter().enumerate() {
        if !special[usize::from(byte)] {
            continue;
        }
        out.push_str(&input[run_start..idx]);
        out.push_str(entity(byte));
        run_start = idx + 1;
    }
    out.push_str(&input[run_start..]);
}

/// The entity for one special byte. `&#39;` rather than `&apos;`: it is one byte shorter
/// than `&apos;` and HTML 4 parsers understand it too.
fn entity(byte: u8) -> &'static str {
    match byte {
        b'&' => "&amp;",
        b'<' => "&lt;",
        b'>' => "&gt;",
        b'"' => "&quot;",
        b'\'' => "&#39;",
        // Only bytes listed in a `SpecialBytes` table reach this function.
        _ => unreachable!("byte {byte:#04x} is not in an escaping table"),
    }
}

#[cfg(test)]
mod tests {
    use super::{escape_attr, escape_char, escape_text};

    #[track_caller]
    fn check(input: &str, text: &str, attr: &str) {
        let mut out = String::from("pre:");
        escape_text(&mut out, input);
        assert_eq!(out, format!("pre:{text}"), "text escaping of {input:?}");
        let mut out = String::new();
        escape_attr(&mut out, input);
        assert_eq!(out, attr, "attribute escaping of {input:?}");
    }

    #[test]
    fn clean_input_is_copied_as_is() {
        check("", "", "");
        check("hello world", "hello world", "hello world");
        check("héllo → 😀 日本", "héllo → 😀 日本", "héllo → 😀 日本");
    }

    #[test]
    fn special_bytes_become_entities() {
        check("a < b", "a &lt; b", "a &lt; b");
        check("a > b", "a &gt; b", "a &gt; b");
        check("Tom & Jerry", "Tom &amp; Jerry", "Tom &amp; Jerry");
        check(r#"say "hi""#, r#"say "hi""#, "say &quot;hi&quot;");
        check("it's", "it's", "it&#39;s");
    }

    #[test]
    fn runs_at_both_ends_and_adjacent_specials() {
        check("<>", "&lt;&gt;", "&lt;&gt;");
        check("<a>", "&lt;a&gt;", "&lt;a&gt;");
        check("&&", "&amp;&amp;", "&amp;&amp;");
        check(r#""'<>&"#, r#""'&lt;&gt;&amp;"#, "&quot;&#39;&lt;&gt;&amp;");
    }

    #[test]
    fn entities_are_escaped_again() {
        check("&lt;", "&amp;lt;", "&amp;lt;");
        check("&#106;", "&amp;#106;", "&amp;#106;");
    }

    #[test]
    fn multibyte_neighbours_of_specials_are_kept_whole() {
        check("é<é", "é&lt;é", "é&lt;é");
        check("😀&😀", "😀&amp;😀", "😀&amp;😀");
    }

    #[test]
    fn chars_escape_like_text() {
        let mut out = String::new();
        for ch in ['<', 'a', '>', '&', '"', 'é'] {
            escape_char(&mut out, ch);
        }
        assert_eq!(out, "&lt;a&gt;&amp;\"é");
    }
}
