//! One submitted form as it arrived: its fields in order, the limits a submission is read
//! under, and the `application/x-www-form-urlencoded` parser.
//!
//! Invariant: a [`Fields`] holds only what the limits allowed (no more fields, no longer
//! text, no larger body) and only valid UTF-8 text; parsing never panics, whatever the
//! bytes.

use std::fmt;

use super::upload::Upload;

/// One submitted form: its fields in the order the browser sent them (`_csrf` and
/// `_submit` included; callers strip them).
#[derive(Debug, Clone, Default)]
pub(crate) struct Fields {
    entries: Vec<(String, FieldValue)>,
}

/// The value of one field: text, or a file part of a `multipart/form-data` body.
#[derive(Debug, Clone)]
pub(crate) enum FieldValue {
    /// A text input, a checkbox, a select's option: always valid UTF-8.
    Text(String),
    /// A file input's part (possibly the empty part of a file input with no file chosen).
    File(Upload),
}

impl Fields {
    /// The first text value of `name`.
    #[cfg(test)]
    pub(crate) fn text(&self, name: &str) -> Option<&str> {
        self.entries.iter().find_map(|(it, value)| match value {
            FieldValue::Text(text) if it == name => Some(text.as_str()),
            _ => None,
        })
    }

    /// The fields `entries`, in order.
    pub(crate) fn new(entries: Vec<(String, FieldValue)>) -> Fields {
        Fields { entries }
    }

    /// Every text field, in order, repeated names included (to re-render typed values).
    pub(crate) fn texts(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().filter_map(|(name, value)| match value {
            FieldValue::Text(text) => Some((name.as_str(), text.as_str())),
            FieldValue::File(_) => None,
        })
    }

    /// Takes out every field `name`; returns the first text value among them.
    pub(crate) fn remove(&mut self, name: &str) -> Option<String> {
        let mut first = None;
        let mut kept = Vec::with_capacity(self.entries.len());
        for (it, value) in self.entries.drain(..) {
            if it != name {
                kept.push((it, value));
            } else if let (None, FieldValue::Text(text)) = (&first, value) {
                first = Some(text);
            }
        }
        self.entries = kept;
        first
    }

    /// Every field, in order.
    pub(crate) fn entries(&self) -> &[(String, FieldValue)] {
        &self.entries
    }
}

/// The limits one form submission is read under. [`Default`] gives a body of 8 MiB, files
/// of 4 MiB each, 1,000 fields and text fields of 64 KiB each; a submission over any of
/// them is refused with `413 Payload Too Large` before its excess is read.
///
/// ```
/// use resuma::flow::FormLimits;
///
/// // An avatar form: one small image, a few short fields.
/// let limits = FormLimits::default()
///     .max_body_bytes(1024 * 1024)
///     .max_file_bytes(512 * 1024)
///     .max_fields(20)
///     .max_text_bytes(4 * 1024);
/// assert_ne!(limits, FormLimits::default());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormLimits {
    pub(crate) max_body_bytes: usize,
    pub(crate) max_file_bytes: usize,
    pub(crate) max_fields: usize,
    pub(crate) max_text_bytes: usize,
}

impl Default for FormLimits {
    fn default() -> FormLimits {
        FormLimits {
            max_body_bytes: 8 * 1024 * 1024,
            max_file_bytes: 4 * 1024 * 1024,
            max_fields: 1_000,
            max_text_bytes: 64 * 1024,
        }
    }
}

impl FormLimits {
    /// The whole body, in bytes, headers of multipart parts included (default 8 MiB).
    ///
    /// ```
    /// let limits = resuma::flow::FormLimits::default().max_body_bytes(16 * 1024 * 1024);
    /// ```
    pub fn max_body_bytes(mut self, limit_bytes: usize) -> FormLimits {
        self.max_body_bytes = limit_bytes;
        self
    }

    /// Each uploaded file, in bytes (default 4 MiB). The body limit still applies to all
    /// files together.
    ///
    /// ```
    /// let limits = resuma::flow::FormLimits::default().max_file_bytes(256 * 1024);
    /// ```
    pub fn max_file_bytes(mut self, limit_bytes: usize) -> FormLimits {
        self.max_file_bytes = limit_bytes;
        self
    }

    /// How many fields (text and file parts, repeated names counted each time) one
    /// submission may have (default 1,000).
    ///
    /// ```
    /// let limits = resuma::flow::FormLimits::default().max_fields(50);
    /// ```
    pub fn max_fields(mut self, n_fields: usize) -> FormLimits {
        self.max_fields = n_fields;
        self
    }

    /// Each text field's value, in bytes of UTF-8 (default 64 KiB).
    ///
    /// ```
    /// let limits = resuma::flow::FormLimits::default().max_text_bytes(1024 * 1024);
    /// ```
    pub fn max_text_bytes(mut self, limit_bytes: usize) -> FormLimits {
        self.max_text_bytes = limit_bytes;
        self
    }
}

/// Why a submitted body is not a form: over a limit (413) or not well-formed (400).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BadForm {
    /// The body, a file, a text field or the number of fields is over its [`FormLimits`].
    TooLarge,
    /// The body cannot be read as the form its content type says; why, for the log.
    Malformed(String),
}

impl fmt::Display for BadForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BadForm::TooLarge => f.write_str("the form is over its size limits"),
            BadForm::Malformed(why) => write!(f, "the form is malformed: {why}"),
        }
    }
}

impl std::error::Error for BadForm {}

/// Parses an `application/x-www-form-urlencoded` body (the WHATWG algorithm: `&`-separated
/// pairs, empty pairs skipped, a pair without `=` is a name with an empty value, `+` is a
/// space, then percent-decoding, a malformed `%` escape kept as it is).
///
/// Text that is not UTF-8 once decoded is `Malformed`, not replaced by U+FFFD: a browser
/// sends UTF-8 from a UTF-8 page (every Resuma page is one), so other bytes did not come
/// from our form, and replacing them would store text the user never typed. This is why
/// the pairs are split here rather than by `form_urlencoded::parse`, which is lossy.
pub(crate) fn parse_urlencoded(body: &[u8], limits: &FormLimits) -> Result<Fields, BadForm> {
    if body.len() > limits.max_body_bytes {
        return Err(BadForm::TooLarge);
    }
    let mut entries = Vec::new();
    for pair in body.split(|&byte| byte == b'&').filter(|pair| !pair.is_empty()) {
        if entries.len() == limits.max_fields {
            return Err(BadForm::TooLarge);
        }
        let (name, value) = match pair.iter().position(|&byte| byte == b'=') {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &b""[..]),
        };
        let name = decode_component(name, "a field name")?;
        let value = decode_component(value, "a field value")?;
        if value.len() > limits.max_text_bytes {
            return Err(BadForm::TooLarge);
        }
        entries.push((name, FieldValue::Text(value)));
    }
    Ok(Fields::new(entries))
}

/// One name or value: `+` to space, percent-decoded, UTF-8 or `Malformed`.
fn decode_component(raw: &[u8], what: &str) -> Result<String, BadForm> {
    let spaced: Vec<u8> = raw.iter().map(|&byte| if byte == b'+' { b' ' } else { byte }).collect();
    let bytes: Vec<u8> = percent_encoding::percent_decode(&spaced).collect();
    String::from_utf8(bytes).map_err(|_| BadForm::Malformed(format!("{what} is not UTF-8")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(body: &[u8], expect: &[(&str, &str)]) {
        let fields = parse_urlencoded(body, &FormLimits::default()).expect("a form");
        assert_eq!(fields.texts().collect::<Vec<_>>(), expect);
    }

    #[test]
    fn plus_and_percent_decoding() {
        check(b"q=a+b%2Bc&name=J%C3%A9r%C3%B4me", &[("q", "a b+c"), ("name", "Jérôme")]);
        check(b"a%20b=%3D%26", &[("a b", "=&")]);
    }

    #[test]
    fn whatwg_pairs() {
        check(b"&&a=1&&flag&=x&b=%zz%4", &[("a", "1"), ("flag", ""), ("", "x"), ("b", "%zz%4")]);
        check(b"", &[]);
        check(b"a==b", &[("a", "=b")]);
    }

    #[test]
    fn non_utf8_is_malformed() {
        let limits = FormLimits::default();
        assert!(matches!(parse_urlencoded(b"name=%FF", &limits), Err(BadForm::Malformed(_))));
        assert!(matches!(parse_urlencoded(b"\xC3=1", &limits), Err(BadForm::Malformed(_))));
    }

    #[test]
    fn over_limits_is_too_large() {
        let small = FormLimits::default().max_body_bytes(8).max_fields(2).max_text_bytes(3);
        assert_eq!(parse_urlencoded(b"a=1&b=2&c", &small).unwrap_err(), BadForm::TooLarge);
        assert_eq!(parse_urlencoded(b"a=1&b=2&c=3", &small).unwrap_err(), BadForm::TooLarge);
        assert_eq!(
            parse_urlencoded(b"a=%41%41%41%41", &small.max_body_bytes(100)).unwrap_err(),
            BadForm::TooLarge
        );
        assert!(parse_urlencoded(b"a=1&b=222", &small.max_body_bytes(100)).is_ok());
    }

    #[test]
    fn text_texts_and_remove() {
        let mut fields =
            parse_urlencoded(b"_csrf=t&tag=a&tag=b&_csrf=u", &FormLimits::default()).unwrap();
        assert_eq!(fields.text("tag"), Some("a"));
        assert_eq!(fields.text("nope"), None);
        assert_eq!(fields.remove("_csrf").as_deref(), Some("t"));
        assert_eq!(fields.remove("_csrf"), None);
        assert_eq!(fields.texts().collect::<Vec<_>>(), [("tag", "a"), ("tag", "b")]);
    }
}
