//! Rust syntax highlighting on the server: `<span class="hl-…">` around tokens, so no
//! highlighter JavaScript ships.
//!
//! A small hand-written tokenizer rather than `syntect`: syntect's default syntaxes and
//! its regex engine (fancy-regex, or onig's C library) take minutes to compile on a small
//! machine and load a grammar dump at startup, for the one language the guides need. The
//! classes: `hl-kw` keywords, `hl-ty` capitalised names, `hl-mac` macro calls (`name!`),
//! `hl-str` strings and chars, `hl-num` numbers, `hl-com` comments, `hl-life` lifetimes,
//! `hl-attr` attributes (`#[…]`). Anything it does not know is plain, escaped text.

use crate::markdown::escape_into;

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while",
];

/// `code` (Rust source) as HTML: every character escaped, tokens wrapped in spans.
pub(crate) fn rust(code: &str) -> String {
    let mut out = String::with_capacity(code.len() * 2);
    let chars: Vec<(usize, char)> = code.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(code.len(), |&(at, _)| at);
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let next = chars.get(i + 1).map(|&(_, c)| c);
        let (class, len) = if c == '/' && next == Some('/') {
            (Some("hl-com"), run(&chars[i..], |c| c != '\n'))
        } else if c == '/' && next == Some('*') {
            (Some("hl-com"), block_comment(&chars[i..]))
        } else if c == '"' {
            (Some("hl-str"), quoted(&chars[i..], 1))
        } else if let Some(len) = raw_or_byte_string(&chars[i..]) {
            (Some("hl-str"), len)
        } else if c == '\'' {
            char_or_lifetime(&chars[i..])
        } else if c == '#' && matches!(next, Some('[') | Some('!')) {
            (Some("hl-attr"), attribute(&chars[i..]))
        } else if c.is_ascii_digit() {
            (
                Some("hl-num"),
                run(&chars[i..], |c| c.is_ascii_alphanumeric() || c == '_' || c == '.'),
            )
        } else if c.is_alphabetic() || c == '_' {
            let len = run(&chars[i..], |c| c.is_alphanumeric() || c == '_');
            let word = &code[start..end_of(i + len)];
            let class = if chars.get(i + len).map(|&(_, c)| c) == Some('!') {
                Some("hl-mac")
            } else if KEYWORDS.contains(&word) {
                Some("hl-kw")
            } else if word.starts_with(|c: char| c.is_uppercase()) {
                Some("hl-ty")
            } else {
                None
            };
            (class, len)
        } else {
            (None, 1)
        };
        let len = len.max(1);
        let text = &code[start..end_of(i + len)];
        match class {
            Some(class) => {
                out.push_str("<span class=\"");
                out.push_str(class);
                out.push_str("\">");
                escape_into(&mut out, text);
                out.push_str("</span>");
            }
            None => escape_into(&mut out, text),
        }
        i += len;
    }
    out
}

/// How many chars from the start satisfy `keep`.
fn run(chars: &[(usize, char)], keep: impl Fn(char) -> bool) -> usize {
    chars.iter().take_while(|&&(_, c)| keep(c)).count()
}

/// `/* … */`, nested as Rust nests them; unterminated runs to the end.
fn block_comment(chars: &[(usize, char)]) -> usize {
    let (mut depth, mut i) = (0usize, 0);
    while i < chars.len() {
        let pair = (chars[i].1, chars.get(i + 1).map(|&(_, c)| c));
        match pair {
            ('/', Some('*')) => {
                depth += 1;
                i += 2;
            }
            ('*', Some('/')) => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    chars.len()
}

/// A `"…"` string whose opening quote is at `open - 1`, with `\` escapes.
fn quoted(chars: &[(usize, char)], open: usize) -> usize {
    let mut i = open;
    while i < chars.len() {
        match chars[i].1 {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    chars.len()
}

/// `r"…"`, `r#"…"#`, `b"…"`, `br#"…"#`, `c"…"`, when one starts here.
fn raw_or_byte_string(chars: &[(usize, char)]) -> Option<usize> {
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut i = 0;
    if matches!(at(0), Some('b') | Some('c')) {
        i += 1;
    }
    if at(i) == Some('r') {
        i += 1;
        let hashes = run(&chars[i..], |c| c == '#');
        i += hashes;
        if at(i) != Some('"') {
            return None;
        }
        i += 1;
        while i < chars.len() {
            if chars[i].1 == '"' && run(&chars[i + 1..], |c| c == '#') >= hashes {
                return Some(i + 1 + hashes);
            }
            i += 1;
        }
        return Some(chars.len());
    }
    (i == 1 && at(1) == Some('"')).then(|| quoted(chars, 2))
}

/// `'a'`, `'\n'` (a char) or `'a` (a lifetime).
fn char_or_lifetime(chars: &[(usize, char)]) -> (Option<&'static str>, usize) {
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    if at(1) == Some('\\') {
        let close = chars.iter().skip(2).position(|&(_, c)| c == '\'');
        return (Some("hl-str"), close.map_or(2, |p| p + 3));
    }
    if at(2) == Some('\'') {
        return (Some("hl-str"), 3);
    }
    let name = run(&chars[1..], |c| c.is_alphanumeric() || c == '_');
    if name == 0 {
        (None, 1)
    } else {
        (Some("hl-life"), 1 + name)
    }
}

/// `#[…]` or `#![…]`, brackets balanced, on one or more lines.
fn attribute(chars: &[(usize, char)]) -> usize {
    let mut depth = 0usize;
    for (i, &(_, c)) in chars.iter().enumerate() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    chars.len()
}

#[cfg(test)]
mod tests {
    use super::rust;

    #[track_caller]
    fn check(src: &str, expect: &str) {
        assert_eq!(rust(src), expect);
    }

    #[test]
    fn tokens_get_classes() {
        check(
            "let x: Vec<u8> = vec![1]; // hi",
            "<span class=\"hl-kw\">let</span> x: <span class=\"hl-ty\">Vec</span>&lt;u8&gt; = \
             <span class=\"hl-mac\">vec</span>![<span class=\"hl-num\">1</span>]; \
             <span class=\"hl-com\">// hi</span>",
        );
    }

    #[test]
    fn strings_chars_and_lifetimes() {
        check(
            r##"f("a\"<b>", r#"x"#, 'c', '\n', &'a str)"##,
            "f(<span class=\"hl-str\">&quot;a\\&quot;&lt;b&gt;&quot;</span>, \
             <span class=\"hl-str\">r#&quot;x&quot;#</span>, <span class=\"hl-str\">&#39;c&#39;</span>, \
             <span class=\"hl-str\">&#39;\\n&#39;</span>, &amp;<span class=\"hl-life\">&#39;a</span> str)",
        );
    }

    #[test]
    fn attributes_and_unterminated_input() {
        check(
            "#[component]\nfn",
            "<span class=\"hl-attr\">#[component]</span>\n<span class=\"hl-kw\">fn</span>",
        );
        check("\"open", "<span class=\"hl-str\">&quot;open</span>");
        check("/* a /* b */", "<span class=\"hl-com\">/* a /* b */</span>");
    }
}
