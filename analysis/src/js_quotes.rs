//! Single-quoted strings in the token form of `js!` (`js! { console.log('hi') }`): rustc
//! lexes `'hi'` as a (bad) char literal and the macro reports R037 on it, but proc-macro2
//! outside the compiler refuses the whole text. So that `check` reports what the compiler
//! does, [`repair`] swaps each such string for a char literal of the same byte length,
//! and [`widen`] gives R037 back the original string's range.
//!
//! Invariant: the repaired text has the same length and the same bytes outside the
//! strings it replaces, so every other range stays valid.

use std::borrow::Cow;

use crate::diagnostics::{Code, Diagnostic};
use crate::scan::skip_string;
use crate::span::TextRange;

/// `text` with each multi-char single-quoted string inside a `js!` body replaced, and the
/// ranges replaced; `text` itself (borrowed) when there is none.
pub(crate) fn repair(text: &str) -> (Cow<'_, str>, Vec<TextRange>) {
    if !text.contains("js!") {
        return (Cow::Borrowed(text), Vec::new());
    }
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = bytes[i..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |it| i + it);
            }
            b'"' => i = skip_string(bytes, i + 1),
            b'j' if text[i..].starts_with("js!") && !is_word_byte(bytes, i.wrapping_sub(1)) => {
                i = js_body(text, i + 3, &mut found);
            }
            _ => i += 1,
        }
    }
    if found.is_empty() {
        return (Cow::Borrowed(text), found);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for range in &found {
        out.push_str(&text[from..range.start as usize]);
        out.push_str("'x'");
        out.extend(std::iter::repeat_n(' ', (range.end - range.start) as usize - 3));
        from = range.end as usize;
    }
    out.push_str(&text[from..]);
    (Cow::Owned(out), found)
}

/// Gives each R037 on a repaired string the string's whole range.
pub(crate) fn widen(diagnostics: &mut [Diagnostic<TextRange>], repaired: &[TextRange]) {
    for it in diagnostics.iter_mut().filter(|it| it.code == Code::JsSingleQuote) {
        if let Some(range) = repaired.iter().find(|range| range.start == it.span.start) {
            it.span = *range;
        }
    }
}

/// Scans the body of the `js!` whose `!` ends before `from`: records the multi-char
/// single-quoted strings in it; returns the index after the body.
fn js_body(text: &str, from: usize, found: &mut Vec<TextRange>) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    if !matches!(bytes.get(i), Some(b'{' | b'(' | b'[')) {
        return i;
    }
    let mut depth = 0usize;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'(' | b'[' => depth += 1,
            b'}' | b')' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            b'"' => {
                i = skip_string(bytes, i + 1);
                continue;
            }
            b'\'' => {
                let end = text[i + 1..].find(['\'', '\n']).map(|it| i + 1 + it);
                if let Some(end) = end.filter(|&end| bytes[end] == b'\'') {
                    let inner = &text[i + 1..end];
                    // One char or an escape is a char literal already, which lexes.
                    if inner.chars().count() >= 2 && !inner.starts_with('\\') {
                        found.push(TextRange::new(i as u32, end as u32 + 1));
                    }
                    i = end + 1;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    i
}

fn is_word_byte(bytes: &[u8], at: usize) -> bool {
    bytes.get(at).is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::repair;

    #[test]
    fn only_multi_char_strings_in_js_bodies_are_replaced() {
        let text = r#"x('ab'); js! { f('hi', "it's", 'c', '\n') } js!(g('é😀'))"#;
        let (repaired, ranges) = repair(text);
        assert_eq!(repaired.len(), text.len());
        assert_eq!(repaired, r#"x('ab'); js! { f('x' , "it's", 'c', '\n') } js!(g('x'     ))"#);
        assert_eq!(ranges.len(), 2);
    }
}
