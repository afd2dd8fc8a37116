//! The checker shared by the escaping tests: it reads renderer output the way a browser
//! would and says whether it is inert, instead of comparing strings.

use resuma::{AttributeValue, Html, Render};

/// What `render_url_attr` writes instead of a dangerous URL.
pub(crate) const UNSAFE_URL: &str = "about:invalid#resuma-unsafe-url";

/// Schemes that must never reach a URL attribute.
const DANGEROUS_SCHEMES: [&str; 3] = ["javascript", "vbscript", "data"];

/// Renders `input` as text and checks it is inert: no `<` or `>` at all (so no tag, comment
/// or CDATA can open), only known entities, and decoding gives back `input` exactly.
#[track_caller]
pub(crate) fn check_text(input: &str) {
    let mut html = Html::new();
    input.render(&mut html);
    let out = html.into_string();
    assert!(!out.contains(['<', '>']), "raw < or > in text {out:?}");
    assert_eq!(unescape(&out), input, "text does not round-trip: {out:?}");

    // Every other owned string type takes the same path.
    let mut html = Html::new();
    input.to_owned().render(&mut html);
    assert_eq!(html.as_str(), out);
}

/// Renders `input` as an attribute value and returns the value the browser would see,
/// after checking the attribute cannot be broken out of.
#[track_caller]
pub(crate) fn check_attr(input: &str) -> String {
    let mut html = Html::new();
    input.render_attr("title", &mut html);
    let value = attribute_value(html.as_str(), "title");
    assert_eq!(value, input, "attribute does not round-trip");
    value
}

/// Renders `input` as a URL attribute and checks it is inert: a well-formed attribute
/// whose decoded value is either `input` unchanged or the placeholder, and whose scheme
/// (as a browser parses it) is never a dangerous one.
#[track_caller]
pub(crate) fn check_url_attr(input: &str) -> String {
    let mut html = Html::new();
    input.render_url_attr("href", &mut html);
    let value = attribute_value(html.as_str(), "href");
    if let Some(scheme) = browser_scheme(&value) {
        assert!(
            !DANGEROUS_SCHEMES.contains(&scheme.as_str()),
            "dangerous scheme {scheme:?} survived in {value:?}"
        );
    }
    assert!(value == input || value == UNSAFE_URL, "URL changed to {value:?}");
    value
}

/// The decoded value of ` name="…"`, after checking it is exactly one double-quoted
/// attribute with nothing inside that could end it or start markup.
#[track_caller]
fn attribute_value(out: &str, name: &str) -> String {
    let inner = out
        .strip_prefix(&format!(" {name}=\""))
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or_else(|| panic!("not one quoted attribute: {out:?}"));
    assert!(
        !inner.contains(['"', '\'', '<', '>']),
        "unescaped quote or angle bracket in attribute {out:?}"
    );
    unescape(inner)
}

/// Decodes the entities the renderer emits, as a browser would; panics on a bare `&`
/// or any other entity, since the renderer must never leave one for the browser to read.
#[track_caller]
pub(crate) fn unescape(escaped: &str) -> String {
    const ENTITIES: [(&str, char); 5] =
        [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&#39;", '\'')];
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let (entity, ch) = ENTITIES
            .iter()
            .find(|(entity, _)| rest.starts_with(entity))
            .unwrap_or_else(|| panic!("bare or unknown entity at {rest:?} in {escaped:?}"));
        out.push(*ch);
        rest = &rest[entity.len()..];
    }
    out.push_str(rest);
    out
}

/// The scheme a browser finds in `url` (WHATWG URL parsing, simplified): leading and
/// trailing C0 controls and spaces are stripped, tabs and newlines removed anywhere, then
/// an ASCII letter followed by letters, digits, `+`, `-`, `.` up to a `:`. Lowercased.
pub(crate) fn browser_scheme(url: &str) -> Option<String> {
    let trimmed = url.trim_matches(|ch: char| ch <= ' ');
    let cleaned: String = trimmed.chars().filter(|ch| !matches!(ch, '\t' | '\n' | '\r')).collect();
    let colon = cleaned.find(':')?;
    let scheme = &cleaned[..colon];
    let mut chars = scheme.chars();
    let first_is_letter = chars.next().is_some_and(|ch| ch.is_ascii_alphabetic());
    let rest_ok = chars.all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '+' | '-' | '.'));
    (first_is_letter && rest_ok).then(|| scheme.to_ascii_lowercase())
}

/// True when a browser would run or load `url` as one of the dangerous schemes.
pub(crate) fn is_dangerous(url: &str) -> bool {
    browser_scheme(url).is_some_and(|scheme| DANGEROUS_SCHEMES.contains(&scheme.as_str()))
}
