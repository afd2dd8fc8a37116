//! Every diagnostic Resuma reports, worded once.
//!
//! Each [`Code`] has one constructor below; it is the only place its message and help
//! exist. The macros, `resuma check` and the language server render these values, they
//! never word their own. The span type is generic so that the parser can speak in token
//! spans ([`TokenSpan`](crate::span::TokenSpan)) and `check` in byte ranges.

use std::fmt;

/// The stable code of a diagnostic: `R` and three digits, documented in
/// `docs/diagnostics.md`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum Code {
    /// An element, component or fragment is opened and never closed.
    UnclosedTag,
    /// A closing tag does not match the innermost open tag.
    MismatchedClose,
    /// A closing tag closes nothing.
    StrayClose,
    /// The same attribute (or the same event) is set twice on one tag.
    DuplicateAttribute,
    /// An event attribute names no known DOM event.
    UnknownEvent,
    /// An attribute value has the wrong form.
    InvalidAttributeValue,
    /// Text that is not a string literal.
    BareText,
    /// A token the view grammar does not expect where it stands.
    UnexpectedToken,
    /// The source of a `view!` cannot be split into Rust tokens (unbalanced delimiters,
    /// an unterminated string).
    UnbalancedDelimiter,
    /// A view nests deeper than the parser follows.
    NestingTooDeep,
}

impl Code {
    /// Every code, in numeric order.
    pub const ALL: &'static [Code] = &[
        Code::UnclosedTag,
        Code::MismatchedClose,
        Code::StrayClose,
        Code::DuplicateAttribute,
        Code::UnknownEvent,
        Code::InvalidAttributeValue,
        Code::BareText,
        Code::UnexpectedToken,
        Code::UnbalancedDelimiter,
        Code::NestingTooDeep,
    ];

    /// The code as written in reports: `"R001"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::UnclosedTag => "R001",
            Code::MismatchedClose => "R002",
            Code::StrayClose => "R003",
            Code::DuplicateAttribute => "R004",
            Code::UnknownEvent => "R005",
            Code::InvalidAttributeValue => "R006",
            Code::BareText => "R007",
            Code::UnexpectedToken => "R008",
            Code::UnbalancedDelimiter => "R009",
            Code::NestingTooDeep => "R010",
        }
    }

    /// A short name for the code, as used in the docs' headings.
    pub fn title(self) -> &'static str {
        match self {
            Code::UnclosedTag => "unclosed tag",
            Code::MismatchedClose => "mismatched closing tag",
            Code::StrayClose => "stray closing tag",
            Code::DuplicateAttribute => "duplicate attribute",
            Code::UnknownEvent => "unknown event",
            Code::InvalidAttributeValue => "invalid attribute value",
            Code::BareText => "text is not a string literal",
            Code::UnexpectedToken => "unexpected token",
            Code::UnbalancedDelimiter => "unbalanced delimiter",
            Code::NestingTooDeep => "nesting too deep",
        }
    }

    /// Where the code is explained: an anchor in `docs/diagnostics.md`.
    pub fn docs_anchor(self) -> String {
        self.as_str().to_ascii_lowercase()
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How bad a diagnostic is.
#[derive(Clone, Copy, PartialEq, Eq, Debug, PartialOrd, Ord)]
pub enum Severity {
    /// The code does not build.
    Error,
    /// The code builds but likely does not do what was meant.
    Warning,
}

/// A secondary location that explains the primary one.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Label<S> {
    /// Where.
    pub span: S,
    /// What is there.
    pub message: String,
}

/// One problem in the user's code.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Diagnostic<S> {
    /// Stable code.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// One sentence: what is wrong.
    pub message: String,
    /// The primary location.
    pub span: S,
    /// Secondary locations.
    pub labels: Vec<Label<S>>,
    /// The way out: what to write instead.
    pub help: Option<String>,
}

impl<S> Diagnostic<S> {
    /// The same diagnostic with every span converted by `f`.
    pub fn map_span<T>(self, mut f: impl FnMut(S) -> T) -> Diagnostic<T> {
        Diagnostic {
            code: self.code,
            severity: self.severity,
            message: self.message,
            span: f(self.span),
            labels: self
                .labels
                .into_iter()
                .map(|label| Label { span: f(label.span), message: label.message })
                .collect(),
            help: self.help,
        }
    }

    fn error(code: Code, span: S, message: String) -> Diagnostic<S> {
        Diagnostic {
            code,
            severity: Severity::Error,
            message,
            span,
            labels: Vec::new(),
            help: None,
        }
    }

    fn with_help(mut self, help: impl Into<String>) -> Diagnostic<S> {
        self.help = Some(help.into());
        self
    }

    fn with_label(mut self, span: S, message: impl Into<String>) -> Diagnostic<S> {
        self.labels.push(Label { span, message: message.into() });
        self
    }
}

pub(crate) fn unclosed_tag<S>(open: S, tag: &str) -> Diagnostic<S> {
    Diagnostic::error(Code::UnclosedTag, open, format!("<{tag}> is never closed")).with_help(
        format!("add </{tag}> where the element ends, or write <{tag}/> if it has no children"),
    )
}

pub(crate) fn mismatched_close<S>(close: S, found: &str, open: S, expected: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::MismatchedClose,
        close,
        format!("expected </{expected}>, found </{found}>"),
    )
    .with_label(open, format!("<{expected}> is opened here"))
    .with_help(format!("close the innermost open tag first: </{expected}>"))
}

pub(crate) fn stray_close<S>(close: S, tag: &str) -> Diagnostic<S> {
    Diagnostic::error(Code::StrayClose, close, format!("</{tag}> closes nothing"))
        .with_help(format!("remove it, or open <{tag}> before it"))
}

pub(crate) fn void_close<S>(close: S, tag: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::StrayClose,
        close,
        format!("<{tag}> is a void element and has no closing tag"),
    )
    .with_help(format!("remove </{tag}>; write <{tag}/> for the element"))
}

pub(crate) fn duplicate_attribute<S>(second: S, first: S, name: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::DuplicateAttribute,
        second,
        format!("`{name}` is set twice on this tag"),
    )
    .with_label(first, "first set here")
    .with_help("remove one of the two")
}

pub(crate) fn unknown_event<S>(span: S, written: &str, suggestion: Option<&str>) -> Diagnostic<S> {
    let diagnostic =
        Diagnostic::error(Code::UnknownEvent, span, format!("unknown event `{written}`"));
    match suggestion {
        Some(it) => diagnostic.with_help(format!("did you mean `{it}`?")),
        None => diagnostic.with_help(
            "event attributes are `on` and a DOM event: `onClick`, `onInput`, or `on:click`",
        ),
    }
}

pub(crate) fn attribute_value_not_string<S>(span: S, name: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::InvalidAttributeValue,
        span,
        format!("the value of `{name}` must be a string literal or an expression in braces"),
    )
    .with_help(format!("write {name}=\"…\" or {name}={{…}}"))
}

pub(crate) fn missing_attribute_value<S>(span: S, name: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::InvalidAttributeValue,
        span,
        format!("expected a value after `{name}=`"),
    )
    .with_help(format!("write {name}=\"…\" or {name}={{…}}, or drop the `=` for a flag"))
}

pub(crate) fn handler_not_closure<S>(span: S, name: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::InvalidAttributeValue,
        span,
        format!("the event handler `{name}` must be a closure in braces"),
    )
    .with_help(format!("write {name}={{move |event| …}}"))
}

pub(crate) fn bare_text<S>(span: S, text: &str) -> Diagnostic<S> {
    Diagnostic::error(Code::BareText, span, "text in view! must be a string literal".to_owned())
        .with_help(format!(
            "put it in quotes: \"{}\", or in braces for a value: {{…}}",
            text.escape_default()
        ))
}

pub(crate) fn expected_tag_name<S>(span: S) -> Diagnostic<S> {
    Diagnostic::error(Code::UnexpectedToken, span, "expected a tag name after `<`".to_owned())
        .with_help("write an element <div>, a component <Counter/> or a fragment <>; a literal `<` in text goes in a string: \"<\"")
}

pub(crate) fn unterminated_tag<S>(open: S, tag: &str) -> Diagnostic<S> {
    Diagnostic::error(Code::UnexpectedToken, open, format!("expected `>` to end the <{tag}> tag"))
        .with_help("add `>`, or `/>` for an element without children")
}

pub(crate) fn unexpected_in_tag<S>(span: S, token: &str, tag: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::UnexpectedToken,
        span,
        format!("unexpected `{token}` in the <{tag}> tag"),
    )
    .with_help("attributes are written `name`, `name=\"value\"` or `name={expr}`")
}

pub(crate) fn unexpected_closing<S>(span: S, token: &str) -> Diagnostic<S> {
    Diagnostic::error(Code::UnexpectedToken, span, format!("unexpected `{token}` in a closing tag"))
        .with_help("a closing tag is written </name>")
}

pub(crate) fn nesting_too_deep<S>(span: S, limit: usize) -> Diagnostic<S> {
    Diagnostic::error(
        Code::NestingTooDeep,
        span,
        format!("this view nests deeper than {limit} tags"),
    )
    .with_help("split the markup into components")
}

pub(crate) fn unclosed_delimiter<S>(open: S, delimiter: char) -> Diagnostic<S> {
    Diagnostic::error(
        Code::UnbalancedDelimiter,
        open,
        format!("this `{delimiter}` is never closed"),
    )
    .with_help(format!("add the matching `{}`", closing_of(delimiter)))
}

pub(crate) fn mismatched_delimiter<S>(
    close: S,
    found: char,
    open: S,
    opened: char,
) -> Diagnostic<S> {
    Diagnostic::error(
        Code::UnbalancedDelimiter,
        close,
        format!("mismatched closing delimiter `{found}`"),
    )
    .with_label(open, format!("this `{opened}` is closed by `{}`", closing_of(opened)))
    .with_help(format!("close `{opened}` with `{}` first", closing_of(opened)))
}

pub(crate) fn unlexable<S>(span: S) -> Diagnostic<S> {
    Diagnostic::error(
        Code::UnbalancedDelimiter,
        span,
        "this view! cannot be read as Rust tokens".to_owned(),
    )
    .with_help("check for an unterminated string literal or a stray delimiter")
}

fn closing_of(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}
