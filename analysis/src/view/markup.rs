//! Static markup the macros can write at compile time: escaped text and attributes.
//!
//! The renderer escapes dynamic values at request time; what is known at compile time is
//! escaped here once so that the expansion is a string literal.

/// `text` escaped for an HTML text node.
pub fn escape_text(text: &str) -> String {
    escape(text, |c| matches!(c, '&' | '<' | '>'))
}

/// `value` escaped for a double-quoted HTML attribute value.
pub fn escape_attr(value: &str) -> String {
    escape(value, |c| matches!(c, '&' | '<' | '>' | '"' | '\''))
}

fn escape(input: &str, special: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        if !special(c) {
            out.push(c);
            continue;
        }
        out.push_str(match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            _ => "&#39;",
        });
    }
    out
}

/// Attributes whose value is a URL: a dynamic value there is checked for dangerous
/// schemes (`javascript:` and the like) by the renderer. runtime/src/reactive.js has the
/// same list, in the same order, for values a signal sets in the browser (a test holds
/// the two equal).
pub const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "cite",
    "data",
    "background",
    "ping",
    "xlink:href",
    "codebase",
    "manifest",
];

/// Whether the attribute named `name` holds a URL.
pub fn is_url_attribute(name: &str) -> bool {
    URL_ATTRIBUTES.iter().any(|it| it.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_text(r#"<a href="x">&'"#), r#"&lt;a href="x"&gt;&amp;'"#);
        assert_eq!(escape_attr(r#""><x a='b'>&"#), "&quot;&gt;&lt;x a=&#39;b&#39;&gt;&amp;");
        assert!(is_url_attribute("HREF"));
        assert!(!is_url_attribute("class"));
    }

    /// Issue #12: the browser's runtime checks the same attributes when a signal updates
    /// one (runtime/src/reactive.js), case-insensitively as `is_url_attribute` does.
    #[test]
    fn the_runtime_checks_the_same_url_attributes() {
        let runtime = include_str!("../../../runtime/src/reactive.js");
        let line = runtime
            .lines()
            .find_map(|it| it.strip_prefix("const URL_ATTRIBUTES = /^("))
            .expect("runtime/src/reactive.js defines URL_ATTRIBUTES as /^(a|b|…)$/i");
        let list = line.strip_suffix(")$/i;").unwrap_or_else(|| {
            panic!("URL_ATTRIBUTES must be /^(…)$/i, case-insensitive, found {line:?}")
        });
        assert_eq!(list.split('|').collect::<Vec<_>>(), URL_ATTRIBUTES);
    }
}
