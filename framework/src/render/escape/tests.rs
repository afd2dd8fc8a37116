//! The escapers against fixed cases, and against a byte-at-a-time reference on every
//! byte value at every offset and on arbitrary strings.

use proptest::prelude::*;

use super::{escape_attr, escape_char, escape_text, find_special, ATTR, ATTR_SET, TEXT, TEXT_SET};

#[track_caller]
fn check(input: &str, text: &str, attr: &str) {
    let mut out = String::from("pre:");
    escape_text(&mut out, input);
    assert_eq!(out, format!("pre:{text}"), "text escaping of {input:?}");
    let mut out = String::new();
    escape_attr(&mut out, input);
    assert_eq!(out, attr, "attribute escaping of {input:?}");
    assert_eq!(reference(input, false), text, "the reference agrees on {input:?}");
    assert_eq!(reference(input, true), attr, "the reference agrees on {input:?}");
}

/// The escaper as it was before the word-at-a-time scan: one `char` at a time.
fn reference(input: &str, attr: bool) -> String {
    let mut out = String::new();
    for ch in input.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\'' if attr => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// Both fast escapers equal the reference on `input`, and so does the scan.
#[track_caller]
fn same_as_reference(input: &str) {
    let mut out = String::new();
    escape_text(&mut out, input);
    assert_eq!(out, reference(input, false), "text escaping of {input:?}");
    out.clear();
    escape_attr(&mut out, input);
    assert_eq!(out, reference(input, true), "attribute escaping of {input:?}");
    let bytes = input.as_bytes();
    let first = |table: &[bool; 256]| bytes.iter().position(|&b| table[usize::from(b)]);
    assert_eq!(find_special::<TEXT_SET>(bytes), first(&TEXT), "text scan of {input:?}");
    assert_eq!(find_special::<ATTR_SET>(bytes), first(&ATTR), "attribute scan of {input:?}");
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
    check(
        "<<<<<<<<<",
        "&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;",
        "&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;",
    );
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
    check("日本語のテキスト<b>", "日本語のテキスト&lt;b&gt;", "日本語のテキスト&lt;b&gt;");
}

#[test]
fn near_misses_of_the_word_scan_are_clean() {
    // Neighbours of the special bytes, and bytes whose borrow could flag the next byte.
    check("%'()=;?@#!$", "%'()=;?@#!$", "%&#39;()=;?@#!$");
    check(
        "\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}<",
        "\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}&lt;",
        "\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}&lt;",
    );
    check("\0<\u{1}&", "\0&lt;\u{1}&amp;", "\0&lt;\u{1}&amp;");
    check("\u{26}\u{3c}\u{3e}", "&amp;&lt;&gt;", "&amp;&lt;&gt;");
}

#[test]
fn chars_escape_like_text() {
    let mut out = String::new();
    for ch in ['<', 'a', '>', '&', '"', 'é'] {
        escape_char(&mut out, ch);
    }
    assert_eq!(out, "&lt;a&gt;&amp;\"é");
}

/// Characters whose UTF-8 encodings, together, hold every byte value a `str` can hold:
/// each ASCII byte, every continuation byte (0x80..=0xBF) and every lead byte
/// (0xC2..=0xDF, 0xE0..=0xEF, 0xF0..=0xF4).
fn every_byte() -> Vec<char> {
    let mut chars: Vec<char> = (0u8..0x80).map(char::from).collect();
    // U+0080..=U+07FF: two-byte forms, every lead 0xC2..=0xDF and continuation 0x80..=0xBF.
    chars.extend((0xC2u32..=0xDF).map(|lead| (lead - 0xC0) << 6).filter_map(char::from_u32));
    chars.extend((0x80u32..=0xBF).map(|cont| 0x80 | (cont & 0x3F)).filter_map(char::from_u32));
    // Three- and four-byte leads.
    chars.extend((0xE0u32..=0xEF).filter_map(|lead| {
        let top = (lead - 0xE0) << 12;
        char::from_u32(if lead == 0xE0 {
            0x0800
        } else if lead == 0xED {
            0xD000
        } else {
            top
        })
    }));
    chars.extend(
        (0xF0u32..=0xF4).filter_map(|lead| char::from_u32(((lead - 0xF0) << 18).max(0x1_0000))),
    );
    chars
}

#[test]
fn every_byte_value_covers_the_whole_byte_range() {
    let mut seen = [false; 256];
    for ch in every_byte() {
        for &byte in ch.encode_utf8(&mut [0; 4]).as_bytes() {
            seen[usize::from(byte)] = true;
        }
    }
    let missing: Vec<usize> = (0..256).filter(|&b| !seen[b]).collect();
    // 0xC0, 0xC1 and 0xF5..=0xFF never occur in UTF-8.
    assert_eq!(
        missing,
        [0xC0, 0xC1, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF]
    );
}

#[test]
fn every_byte_at_every_offset_matches_the_reference() {
    // Each character alone, and at every position of clean or special padding of every
    // length up to past two words, so it falls in the byte loop (under 4), either half
    // (4..8), a whole word, and the overlapping tail word.
    for ch in every_byte() {
        for pad in ["a", "<", "é", "'"] {
            for len in 0..20 {
                for at in 0..=len {
                    let mut input = pad.repeat(at);
                    input.push(ch);
                    input.push_str(&"x".repeat(len - at));
                    same_as_reference(&input);
                }
            }
        }
    }
}

#[test]
fn every_pair_of_specials_matches_the_reference() {
    let specials = ['&', '<', '>', '"', '\'', 'a', '\0', 'é'];
    for len in 0..18 {
        for first in 0..len {
            for second in first..len {
                for (a, b) in specials.iter().flat_map(|a| specials.iter().map(move |b| (*a, *b))) {
                    let mut chars = vec!['-'; len];
                    chars[first] = a;
                    chars[second] = b;
                    same_as_reference(&chars.into_iter().collect::<String>());
                }
            }
        }
    }
}

/// Strings rich in the special bytes and their neighbours, mixed with arbitrary Unicode.
fn html_ish() -> impl Strategy<Value = String> {
    let interesting = prop_oneof![
        3 => prop::sample::select(vec![
            '<', '>', '&', '"', '\'', '=', '?', '%', '#', '\0', '\u{1}', '~', '\u{7f}',
        ]),
        3 => prop::char::range('a', 'z'),
        1 => any::<char>(),
    ];
    prop::collection::vec(interesting, 0..80).prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #[test]
    fn html_ish_strings_match_the_reference(input in html_ish()) {
        same_as_reference(&input);
    }

    #[test]
    fn arbitrary_strings_match_the_reference(input in any::<String>()) {
        same_as_reference(&input);
    }

    #[test]
    fn long_strings_match_the_reference(
        input in prop::collection::vec(prop_oneof![20 => prop::char::range('a', 'z'), 1 => Just('<'), 1 => Just('\''), 1 => any::<char>()], 0..600)
    ) {
        same_as_reference(&input.into_iter().collect::<String>());
    }
}
