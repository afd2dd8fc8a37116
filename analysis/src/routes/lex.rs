//! A forgiving scan of Rust source into the few tokens a link search needs: identifiers,
//! `::`, brackets, commas and angle brackets, with byte ranges. Comments and literals are
//! skipped whole (raw strings, byte strings, chars and lifetimes told apart), so a
//! `pages::x::path(` inside a string or a comment is not a link. It works on any text,
//! half-typed or not: an unterminated literal or comment runs to the end, and nothing
//! here panics (every index is a char boundary found by iteration).

/// One token the link search looks at.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    /// An identifier or keyword, raw ones with their `r#`.
    Ident,
    /// `::`.
    PathSep,
    /// `(`, `[` or `{`.
    Open(char),
    /// `)`, `]` or `}`.
    Close(char),
    /// `,`.
    Comma,
    /// `<`.
    Lt,
    /// `>`.
    Gt,
    /// Anything else: a literal, a lifetime, another punctuation.
    Other,
}

/// A token and where it is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct Token {
    pub(super) kind: Kind,
    pub(super) start: u32,
    pub(super) end: u32,
}

/// The tokens of `text`, in order.
pub(super) fn tokens(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0usize;
    while at < bytes.len() {
        let start = at;
        let byte = bytes[at];
        let kind = match byte {
            b' ' | b'\t' | b'\n' | b'\r' => {
                at += 1;
                continue;
            }
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                at = text[at..].find('\n').map_or(bytes.len(), |it| at + it);
                continue;
            }
            b'/' if bytes.get(at + 1) == Some(&b'*') => {
                at = block_comment_end(bytes, at);
                continue;
            }
            b'"' => {
                at = string_end(bytes, at + 1);
                Kind::Other
            }
            b'\'' => {
                at = char_or_lifetime_end(text, at);
                Kind::Other
            }
            b'r' | b'b' | b'c' if raw_or_byte_literal(bytes, at).is_some() => {
                at = raw_or_byte_literal(bytes, at).unwrap_or(bytes.len());
                Kind::Other
            }
            b':' if bytes.get(at + 1) == Some(&b':') => {
                at += 2;
                Kind::PathSep
            }
            b'(' | b'[' | b'{' => {
                at += 1;
                Kind::Open(char::from(byte))
            }
            b')' | b']' | b'}' => {
                at += 1;
                Kind::Close(char::from(byte))
            }
            b',' => {
                at += 1;
                Kind::Comma
            }
            b'<' => {
                at += 1;
                Kind::Lt
            }
            b'>' => {
                at += 1;
                Kind::Gt
            }
            _ if byte == b'_' || byte.is_ascii_alphabetic() || byte >= 0x80 => {
                at = ident_end(text, at);
                if at == start {
                    // A non-ASCII char that is not part of an identifier.
                    at += text[start..].chars().next().map_or(1, char::len_utf8);
                    Kind::Other
                } else {
                    Kind::Ident
                }
            }
            _ => {
                at += 1;
                Kind::Other
            }
        };
        out.push(Token { kind, start: start as u32, end: at as u32 });
    }
    out
}

/// The end of the identifier (or `r#raw` identifier) at `at`.
fn ident_end(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    let skip = if rest.starts_with("r#") { 2 } else { 0 };
    let len = rest[skip..]
        .char_indices()
        .find(|&(_, c)| !(c == '_' || c.is_alphanumeric()))
        .map_or(rest.len() - skip, |(idx, _)| idx);
    if len == 0 {
        at
    } else {
        at + skip + len
    }
}

/// The end of a `/* … */` comment starting at `at` (nested, as Rust nests them).
fn block_comment_end(bytes: &[u8], at: usize) -> usize {
    let mut depth = 0usize;
    let mut idx = at;
    while idx + 1 < bytes.len() {
        match (bytes[idx], bytes[idx + 1]) {
            (b'/', b'*') => {
                depth += 1;
                idx += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                idx += 2;
                if depth == 0 {
                    return idx;
                }
            }
            _ => idx += 1,
        }
    }
    bytes.len()
}

/// The end of a `"…"` string whose text starts at `at` (after the quote).
fn string_end(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    bytes.len()
}

/// The end of `'x'`, `'\n'` or a lifetime `'a` starting at `at`.
fn char_or_lifetime_end(text: &str, at: usize) -> usize {
    let rest = &text[at + 1..];
    let mut chars = rest.char_indices();
    match chars.next() {
        Some((_, '\\')) => {
            // An escape (`'\''`, `'\u{1F980}'`): past the escaped char, then up to the
            // closing quote on this line.
            let escaped = chars.next().map_or(rest.len(), |(idx, c)| idx + c.len_utf8());
            rest[escaped..].find(['\'', '\n']).map_or(text.len(), |it| at + 1 + escaped + it + 1)
        }
        Some((_, c)) => {
            let after = at + 1 + c.len_utf8();
            if text.as_bytes().get(after) == Some(&b'\'') {
                after + 1
            } else {
                // A lifetime or a label: the identifier after the quote.
                ident_end(text, at + 1).max(after)
            }
        }
        None => text.len(),
    }
}

/// The end of a raw string, byte string, byte char or C string starting at `at` (`r"…"`,
/// `r#"…"#`, `b"…"`, `br#"…"#`, `b'x'`, `c"…"`), or `None` when `at` starts an identifier.
fn raw_or_byte_literal(bytes: &[u8], at: usize) -> Option<usize> {
    let mut idx = at;
    if matches!(bytes[idx], b'b' | b'c') {
        idx += 1;
        match bytes.get(idx) {
            Some(b'"') => return Some(string_end(bytes, idx + 1)),
            Some(b'\'') if bytes[at] == b'b' => {
                let mut end = idx + 1;
                while end < bytes.len() && bytes[end] != b'\'' && bytes[end] != b'\n' {
                    end += if bytes[end] == b'\\' { 2 } else { 1 };
                }
                return Some((end + 1).min(bytes.len()));
            }
            Some(b'r') => idx += 1,
            _ => return None,
        }
    } else {
        idx += 1;
    }
    let n_hashes = bytes[idx..].iter().take_while(|&&it| it == b'#').count();
    if bytes.get(idx + n_hashes) != Some(&b'"') {
        return None;
    }
    let mut end = idx + n_hashes + 1;
    while end < bytes.len() {
        if bytes[end] == b'"'
            && bytes[end + 1..].iter().take(n_hashes).filter(|&&it| it == b'#').count() == n_hashes
        {
            return Some(end + 1 + n_hashes);
        }
        end += 1;
    }
    Some(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::{tokens, Kind};

    fn check(text: &str, expect: &str) {
        let shown: Vec<String> = tokens(text)
            .into_iter()
            .map(|it| match it.kind {
                Kind::Other => "_".to_owned(),
                _ => text[it.start as usize..it.end as usize].to_owned(),
            })
            .collect();
        assert_eq!(shown.join(" "), expect);
    }

    #[test]
    fn literals_and_comments_are_skipped_whole() {
        check(
            r###"a::b("pages::x::path(", 'c', '\'', 'a, r#"q"#, br"x", b'\\') // pages::y
            /* /* pages::z */ */ r#type é"###,
            "a :: b ( _ , _ , _ , _ , _ , _ , _ ) r#type é",
        );
    }

    #[test]
    fn unterminated_text_runs_to_the_end() {
        check("a(\"open", "a ( _");
        check("a /* open", "a");
        check("r#\"open", "_");
        check("'", "_");
        check("b'", "_");
    }
}
