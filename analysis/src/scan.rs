//! Finds the `view!` invocations in a file's text without parsing the file as Rust.
//!
//! An editor's file is half-typed most of the time, so `syn::parse_file` failing must not
//! hide the views that are fine. This is a small lexer that knows just enough Rust to
//! skip comments, strings, chars and lifetimes, and to match delimiters with recovery.

use crate::span::TextRange;

/// One `view!` invocation found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewSite {
    /// The `view` identifier.
    pub name: TextRange,
    /// The opening delimiter (`{`, `(` or `[`).
    pub open: TextRange,
    /// The body between the delimiters; up to the end of the text when never closed.
    pub body: TextRange,
    /// What went wrong with the delimiters, if anything.
    pub delimiter_problem: Option<DelimiterProblem>,
}

/// A delimiter problem inside or around a view's body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DelimiterProblem {
    /// The opening delimiter at `open` is never closed.
    Unclosed {
        /// Where the unclosed delimiter is.
        open: TextRange,
        /// Which delimiter.
        delimiter: char,
    },
    /// `found` closes the delimiter opened at `open`, which needs another closer.
    Mismatched {
        /// The wrong closing delimiter.
        found_at: TextRange,
        /// Its char.
        found: char,
        /// The open delimiter it meets.
        open: TextRange,
        /// That delimiter's char.
        opened: char,
    },
}

/// Every `view!` in `text`, outer ones before the ones nested in them.
pub fn find_views(text: &str) -> Vec<ViewSite> {
    let bytes = text.as_bytes();
    let mut sites: Vec<ViewSite> = Vec::new();
    // Open delimiters: position, char, and the site they open if any.
    let mut open: Vec<(u32, char, Option<usize>)> = Vec::new();
    let mut pending_site: Option<(TextRange, u8)> = None; // `view` seen; 0: want `!`, 1: want delimiter
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        match b {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = memchr_or_end(bytes, i, b'\n');
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = skip_block_comment(bytes, i);
                continue;
            }
            b if b.is_ascii_whitespace() => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let mut token_is_bang = false;
        let mut delimiter: Option<u8> = None;
        match b {
            b'"' => i = skip_string(bytes, i + 1),
            b'\'' => i = skip_quote(bytes, i),
            b'(' | b'[' | b'{' => {
                delimiter = Some(b);
                i += 1;
            }
            b')' | b']' | b'}' => {
                i += 1;
                close_delimiter(&mut open, &mut sites, start as u32, b as char);
            }
            b'!' => {
                token_is_bang = true;
                i += 1;
            }
            _ if is_ident_start(text, i) => {
                let end = ident_end(text, i);
                let word = &text[i..end];
                i = end;
                if let Some(after) = raw_or_prefixed_string(bytes, word, end) {
                    i = after;
                } else if word == "view" || word == "r#view" {
                    pending_site = Some((TextRange::new(start as u32, end as u32), 0));
                    continue;
                }
            }
            _ => i += char_len(text, i),
        }
        pending_site = match (pending_site, token_is_bang, delimiter) {
            (Some((name, 0)), true, _) => Some((name, 1)),
            (Some((name, 1)), _, Some(_)) => {
                sites.push(ViewSite {
                    name,
                    open: TextRange::new(start as u32, start as u32 + 1),
                    body: TextRange::new(start as u32 + 1, text.len() as u32),
                    delimiter_problem: None,
                });
                None
            }
            _ => None,
        };
        if let Some(d) = delimiter {
            let site =
                sites.last().filter(|it| it.open.start == start as u32).map(|_| sites.len() - 1);
            open.push((start as u32, d as char, site));
        }
    }
    for (position, ch, site) in open {
        if let Some(site) = site {
            sites[site].delimiter_problem.get_or_insert(DelimiterProblem::Unclosed {
                open: TextRange::new(position, position + 1),
                delimiter: ch,
            });
        }
    }
    sites
}

fn close_delimiter(
    open: &mut Vec<(u32, char, Option<usize>)>,
    sites: &mut [ViewSite],
    at: u32,
    close: char,
) {
    let matching = |ch: char| matches!((ch, close), ('(', ')') | ('[', ']') | ('{', '}'));
    // Recover like rustc: close the innermost matching opener; those above it are
    // reported as mismatched. A closer nothing matches is ignored.
    let Some(depth) = open.iter().rposition(|&(_, ch, _)| matching(ch)) else {
        if let Some(&(position, ch, site)) = open.last() {
            let problem = DelimiterProblem::Mismatched {
                found_at: TextRange::new(at, at + 1),
                found: close,
                open: TextRange::new(position, position + 1),
                opened: ch,
            };
            flag_enclosing_sites(open, sites, site, &problem);
        }
        return;
    };
    while open.len() > depth + 1 {
        let Some((position, ch, site)) = open.pop() else {
            break;
        };
        let problem = DelimiterProblem::Mismatched {
            found_at: TextRange::new(at, at + 1),
            found: close,
            open: TextRange::new(position, position + 1),
            opened: ch,
        };
        flag_enclosing_sites(open, sites, site, &problem);
    }
    if let Some((_, _, Some(site))) = open.pop() {
        sites[site].body.end = at;
    }
}

/// A delimiter problem belongs to the innermost view whose body holds it.
fn flag_enclosing_sites(
    open: &[(u32, char, Option<usize>)],
    sites: &mut [ViewSite],
    own: Option<usize>,
    problem: &DelimiterProblem,
) {
    let target = own.or_else(|| open.iter().rev().find_map(|&(_, _, site)| site));
    if let Some(site) = target {
        sites[site].delimiter_problem.get_or_insert_with(|| problem.clone());
    }
}

fn memchr_or_end(bytes: &[u8], from: usize, needle: u8) -> usize {
    bytes[from..].iter().position(|&b| b == needle).map_or(bytes.len(), |at| from + at)
}

fn skip_block_comment(bytes: &[u8], from: usize) -> usize {
    let mut depth = 0usize;
    let mut i = from;
    while i < bytes.len() {
        if bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 2;
        } else if bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    bytes.len()
}

/// Skips the rest of a `"` string whose body starts at `from`; returns the index after it.
pub(crate) fn skip_string(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// A char literal (`'a'`, `'\n'`, `'é'`) or a lifetime/label (`'a`, `'static`).
fn skip_quote(bytes: &[u8], from: usize) -> usize {
    let text_after = &bytes[from + 1..];
    if text_after.first() == Some(&b'\\') {
        let mut i = from + 2;
        while i < bytes.len() && bytes[i] != b'\'' && bytes[i] != b'\n' {
            i += 1 + usize::from(bytes[i] == b'\\');
        }
        return (i + 1).min(bytes.len());
    }
    // One char then a quote: a char literal. Otherwise a lifetime.
    let first_len = text_after.first().map_or(0, |&b| utf8_len(b));
    if text_after.get(first_len) == Some(&b'\'') {
        return from + 1 + first_len + 1;
    }
    let mut i = from + 1;
    while i < bytes.len()
        && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] >= 0x80)
    {
        i += 1;
    }
    i.max(from + 1)
}

/// After an identifier `r`, `br`, `cr`, `b` or `c`: a raw or prefixed string starting at
/// `at`; returns the index after it.
fn raw_or_prefixed_string(bytes: &[u8], word: &str, at: usize) -> Option<usize> {
    match word {
        "r" | "br" | "cr" => {
            let hashes = bytes[at..].iter().take_while(|&&b| b == b'#').count();
            if bytes.get(at + hashes) != Some(&b'"') {
                return None;
            }
            let mut i = at + hashes + 1;
            while i < bytes.len() {
                if bytes[i] == b'"'
                    && bytes[i + 1..].iter().take(hashes).filter(|&&b| b == b'#').count() == hashes
                {
                    return Some(i + 1 + hashes);
                }
                i += 1;
            }
            Some(bytes.len())
        }
        "b" | "c" if bytes.get(at) == Some(&b'"') => Some(skip_string(bytes, at + 1)),
        "b" if bytes.get(at) == Some(&b'\'') => Some(skip_quote(bytes, at)),
        _ => None,
    }
}

fn is_ident_start(text: &str, i: usize) -> bool {
    text[i..].chars().next().is_some_and(|c| c == '_' || c.is_alphabetic())
}

fn ident_end(text: &str, from: usize) -> usize {
    let mut end = from;
    if text[from..].starts_with("r#")
        && text[from + 2..].chars().next().is_some_and(|c| c == '_' || c.is_alphabetic())
    {
        end += 2;
    }
    for c in text[end..].chars() {
        if c == '_' || c.is_alphanumeric() {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    end
}

fn char_len(text: &str, i: usize) -> usize {
    text[i..].chars().next().map_or(1, char::len_utf8)
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xf0.. => 4,
        0xe0.. => 3,
        0xc0.. => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bodies(text: &str) -> Vec<&str> {
        find_views(text)
            .iter()
            .map(|it| &text[it.body.start as usize..it.body.end as usize])
            .collect()
    }

    #[test]
    fn finds_views_and_skips_comments_strings_and_chars() {
        let text = r##"
            // view! { "in a comment" }
            /* view! { /* nested */ } */
            let s = "view! { in a string }";
            let r = r#"view! { raw "# ;
            let c = '{'; let l: &'static str = "";
            fn f<'a>() -> View { view! { <p>"a" {x.map(|y| view!(<b/>))}</p> } }
            let t = resuma::view![<i/>];
        "##;
        assert_eq!(bodies(text), vec![r#" <p>"a" {x.map(|y| view!(<b/>))}</p> "#, "<b/>", "<i/>"]);
    }

    #[test]
    fn unclosed_and_mismatched_views_are_flagged() {
        let text = "fn a() { view! { <div> ";
        let sites = find_views(text);
        assert_eq!(sites.len(), 1);
        assert_eq!(
            sites[0].delimiter_problem,
            Some(DelimiterProblem::Unclosed { open: TextRange::new(15, 16), delimiter: '{' })
        );

        let text = "view! { <p>{x)</p> }";
        let sites = find_views(text);
        assert!(matches!(
            sites[0].delimiter_problem,
            Some(DelimiterProblem::Mismatched { found: ')', opened: '{', .. })
        ));
    }

    #[test]
    fn half_typed_code_around_a_view_does_not_hide_it() {
        let text = "fn broken( { let = ; \n fn ok() -> View { view! { <p>\"hi\"</p> } }";
        assert_eq!(bodies(text), vec![" <p>\"hi\"</p> "]);
    }
}
