//! The value of a Rust string literal, from its source text.
//!
//! Written here rather than taken from `syn::LitStr::value`, which panics on a malformed
//! literal; the parser must never panic, whatever tokens it is handed.

/// The string a literal denotes, or `None` when the text is not a plain or raw string
/// literal (a number, a char, a byte string, a literal with a suffix, malformed input).
pub fn unquote_str(literal: &str) -> Option<String> {
    if let Some(raw) = literal.strip_prefix('r') {
        let hashes = raw.bytes().take_while(|&b| b == b'#').count();
        let body = raw[hashes..].strip_prefix('"')?;
        let closing = format!("\"{}", "#".repeat(hashes));
        let body = body.strip_suffix(closing.as_str())?;
        return Some(body.to_owned());
    }
    let body = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            return None;
        }
        if c == '\r' && chars.peek() == Some(&'\n') {
            // A CRLF inside a literal denotes a bare LF.
            continue;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '\\' => out.push('\\'),
            '0' => out.push('\0'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'x' => {
                let hex: String = [chars.next()?, chars.next()?].iter().collect();
                let value = u8::from_str_radix(&hex, 16).ok().filter(|&v| v <= 0x7f)?;
                out.push(char::from(value));
            }
            'u' => {
                if chars.next()? != '{' {
                    return None;
                }
                let mut hex = String::new();
                loop {
                    match chars.next()? {
                        '}' => break,
                        '_' => {}
                        digit if hex.len() < 6 => hex.push(digit),
                        _ => return None,
                    }
                }
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            '\n' | '\r' => {
                while chars.peek().is_some_and(|c| matches!(c, ' ' | '\t' | '\n' | '\r')) {
                    chars.next();
                }
            }
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::unquote_str;

    #[test]
    fn plain_and_raw_strings() {
        assert_eq!(unquote_str(r#""Count: ""#).as_deref(), Some("Count: "));
        assert_eq!(
            unquote_str(r#""a\n\t\"\\\x41\u{e9}\u{1F600}""#).as_deref(),
            Some("a\n\t\"\\Aé😀")
        );
        assert_eq!(unquote_str("\"line \\\n    next\"").as_deref(), Some("line next"));
        assert_eq!(
            unquote_str(r###"r#"raw "quoted" \n"#"###).as_deref(),
            Some(r#"raw "quoted" \n"#)
        );
        assert_eq!(unquote_str(r#"r"x""#).as_deref(), Some("x"));
    }

    #[test]
    fn everything_else_is_not_a_string() {
        for text in [
            "42",
            "'a'",
            "b\"x\"",
            "c\"x\"",
            "\"x\"suffix",
            "\"\\q\"",
            "\"\\u{110000}\"",
            "\"",
            "r#\"x\"",
            "\"\\x80\"",
        ] {
            assert_eq!(unquote_str(text), None, "{text}");
        }
    }
}
