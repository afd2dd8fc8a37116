//! Every diagnostic Resuma reports, worded once.
//!
//! Each [`Code`] has one constructor below; it is the only place its message and help
//! exist. A code with several forms takes a small enum naming the form (e.g.
//! `StrayClose`); `tests/one_constructor_per_code.rs` reads this file and fails if a
//! code is constructed in two functions, or in none. The macros, `resuma check` and the
//! language server render these values, they never word their own. The span type is
//! generic so that the parser can speak in token spans
//! ([`TokenSpan`](crate::span::TokenSpan)) and `check` in byte ranges.

use std::fmt;

/// The code table, written once: each row is a variant's docs, the variant, its code and
/// its title (the heading of its entry in `docs/diagnostics.md`), in numeric order. It
/// defines [`Code`], [`Code::ALL`], [`Code::as_str`] and [`Code::title`].
macro_rules! codes {
    ($($(#[doc = $doc:literal])+ $variant:ident = $code:literal, $title:literal;)+) => {
        /// The stable code of a diagnostic: `R` and three digits, documented in
        /// `docs/diagnostics.md`.
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
        #[non_exhaustive]
        pub enum Code {
            $($(#[doc = $doc])+ $variant,)+
        }

        impl Code {
            /// Every code, in numeric order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)+];

            /// The code as written in reports: `"R001"`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)+
                }
            }

            /// A short name for the code, as used in the docs' headings.
            pub fn title(self) -> &'static str {
                match self {
                    $(Code::$variant => $title,)+
                }
            }
        }
    };
}

codes! {
    /// An element, component or fragment is opened and never closed.
    UnclosedTag = "R001", "unclosed tag";
    /// A closing tag does not match the innermost open tag.
    MismatchedClose = "R002", "mismatched closing tag";
    /// A closing tag closes nothing.
    StrayClose = "R003", "stray closing tag";
    /// The same attribute (or the same event) is set twice on one tag.
    DuplicateAttribute = "R004", "duplicate attribute";
    /// An event attribute names no known DOM event.
    UnknownEvent = "R005", "unknown event";
    /// An attribute value has the wrong form.
    InvalidAttributeValue = "R006", "invalid attribute value";
    /// Text that is not a string literal.
    BareText = "R007", "text is not a string literal";
    /// A token the view grammar does not expect where it stands.
    UnexpectedToken = "R008", "unexpected token";
    /// The source of a `view!` cannot be split into Rust tokens (unbalanced delimiters,
    /// an unterminated string).
    UnbalancedDelimiter = "R009", "unbalanced delimiter";
    /// A view nests deeper than the parser follows.
    NestingTooDeep = "R010", "nesting too deep";
    /// An event handler is not a closure.
    HandlerNotClosure = "R020", "handler is not a closure";
    /// A call to a Rust function that has no JavaScript translation.
    UntranslatableCall = "R021", "call cannot run in the browser";
    /// A method rs2js does not know, on the receiver's type.
    UnknownMethod = "R022", "unknown method";
    /// A macro other than the few rs2js translates.
    UnsupportedMacro = "R023", "unsupported macro";
    /// `unsafe` code in a handler.
    UnsafeCode = "R024", "unsafe code in a handler";
    /// A path to a static, const or item the translator cannot see.
    UnknownPath = "R025", "unknown path";
    /// A captured value that cannot be serialised (a closure, an `Rc`, …).
    UnserialisableCapture = "R026", "capture cannot be serialised";
    /// A construct whose meaning depends on a type that is not known.
    TypeNeeded = "R027", "type annotation needed";
    /// An `Option` whose `None` and `Some(…)` would both be `null` in JavaScript.
    AmbiguousOption = "R028", "ambiguous option";
    /// An expression form rs2js does not translate.
    UnsupportedExpression = "R029", "unsupported expression";
    /// A pattern form rs2js does not translate.
    UnsupportedPattern = "R030", "unsupported pattern";
    /// A format string or format spec rs2js does not translate.
    UnsupportedFormat = "R031", "unsupported format";
    /// A type (or an operation on it) JavaScript numbers cannot carry faithfully.
    UnsupportedType = "R032", "unsupported type";
    /// A `?` that cannot be translated faithfully.
    UnsupportedTry = "R033", "unsupported `?`";
    /// An assignment to a place rs2js cannot write in the browser.
    UnsupportedAssignment = "R034", "unsupported assignment";
    /// A handler that is not valid Rust syntax.
    InvalidHandler = "R035", "invalid handler";
    /// A handler nested deeper than rs2js follows.
    HandlerTooComplex = "R036", "handler too complex";
    /// A single-quoted literal in the token form of `js!`.
    JsSingleQuote = "R037", "single-quoted string in js!";
    /// A component's handler chunk or state is over the app's payload budget.
    PayloadOverBudget = "R038", "payload over budget";
    /// `js!` used anywhere but as the value of an event attribute in `view!`.
    JsOutsideHandler = "R039", "js! outside an event handler";
    /// A `computed!`/`effect!`/`debounce!` body reads a signal its dependency list misses.
    MissingDependency = "R040", "missing dependency";
    /// A `computed!`/`effect!`/`debounce!` call whose arguments have the wrong form.
    InvalidReactiveMacro = "R041", "invalid computed!, effect! or debounce!";
    /// Something inside a client-rendered `<For>`/`<Show>` that the browser cannot render.
    UnsupportedInTemplate = "R042", "unsupported in a client template";
    /// A `<For>` or `<Show>` whose props have the wrong names or forms.
    InvalidBlockProps = "R043", "invalid <For> or <Show> props";
    /// `computed!`, `effect!` or `debounce!` outside the body of a `#[component]` fn.
    ReactiveOutsideComponent = "R044", "computed!, effect! or debounce! outside a component";
    /// A value a `computed!`/`effect!`/`debounce!` body captures has no Rust name to take
    /// its slot from.
    UncapturableName = "R045", "capture without a name";
    /// A component prop whose name cannot be a Rust identifier.
    InvalidPropName = "R046", "prop name is not a Rust identifier";
    /// A `state.NAME` in a `js!` handler that names nothing of the component.
    UnknownStateName = "R047", "unknown name in js! state";
    /// `#[component(…)]`: the attribute takes no arguments.
    ComponentArguments = "R050", "#[component] takes no arguments";
    /// An `async fn` component.
    AsyncComponent = "R051", "async component";
    /// A component with a lifetime parameter: its props would borrow.
    BorrowingComponent = "R052", "component props borrow";
    /// A component that takes `self`.
    ComponentMethod = "R053", "component is a method";
    /// A component with no return type.
    MissingReturnType = "R054", "component returns nothing";
    /// A component parameter that is a pattern, not a name.
    PropPattern = "R055", "prop is not a plain name";
    /// An attribute other than `#[prop(…)]` on a component parameter.
    ForeignPropAttribute = "R056", "attribute other than #[prop] on a prop";
    /// A `#[prop(…)]` option that is unknown or malformed.
    InvalidPropOption = "R057", "invalid #[prop] option";
    /// `#[component]` or `#[server]` on an item that is not a function.
    NotAFunction = "R058", "#[component] or #[server] on something that is not a fn";
    /// `#[server(…)]` with an argument other than `rate = "…"`.
    InvalidServerArguments = "R060", "invalid #[server] arguments";
    /// A `#[server(rate = "…")]` that is not a rate.
    InvalidRate = "R061", "invalid rate";
    /// A `#[server]` fn that is not `async`.
    SyncServerFn = "R062", "server function is not async";
    /// A generic `#[server]` fn.
    GenericServerFn = "R063", "generic server function";
    /// A `#[server]` fn parameter that is a pattern, not a name.
    ServerArgPattern = "R064", "server argument is not a plain name";
    /// A `#[server]` fn that takes `self`.
    ServerMethod = "R065", "server function is a method";
    /// Two files of `src/pages/` serve the same route.
    RouteConflict = "R070", "two pages on one route";
    /// A file or folder name under `src/pages/` that is not a route name.
    InvalidPageName = "R071", "invalid page file name";
    /// A catch-all `[...rest]` used as a folder.
    CatchAllFolder = "R072", "catch-all folder";
    /// Two names of one `src/pages/` folder that become the same Rust module.
    ModuleCollision = "R073", "two pages on one module name";
    /// A route that binds one parameter name twice.
    RepeatedRouteParam = "R074", "repeated route parameter";
    /// A typed link `pages::…::path(…)` to a module that is no page of `src/pages/`.
    MissingPage = "R075", "link to a missing page";
    /// A typed link whose number of arguments is not its route's number of parameters.
    LinkArguments = "R076", "wrong number of link arguments";
    /// A `#[load]` fn that is not `async fn(cx: LoadCx)`, or `#[load]` arguments other
    /// than `cache = "…"`.
    InvalidLoad = "R080", "invalid #[load] fn";
    /// A `#[middleware]` fn that is not `async fn(req: Request, next: Next)`.
    InvalidMiddleware = "R081", "invalid #[middleware] fn";
    /// A file of `src/pages/` whose items do not fit its role (its component, load,
    /// props or middleware).
    InvalidPageFile = "R082", "page file does not fit its role";
}

impl Code {
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

/// Which form of R003 a closing tag takes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum StrayClose {
    /// No tag of that name is open.
    ClosesNothing,
    /// The tag is a void element (`<br>`, `<input>`, …), which never has a closing tag.
    VoidElement,
}

/// R003: the closing tag `</tag>` at `close` has no open tag to close; `kind` says why.
pub(crate) fn stray_close<S>(close: S, tag: &str, kind: StrayClose) -> Diagnostic<S> {
    let (message, help) = match kind {
        StrayClose::ClosesNothing => {
            (format!("</{tag}> closes nothing"), format!("remove it, or open <{tag}> before it"))
        }
        StrayClose::VoidElement => (
            format!("<{tag}> is a void element and has no closing tag"),
            format!("remove </{tag}>; write <{tag}/> for the element"),
        ),
    };
    Diagnostic::error(Code::StrayClose, close, message).with_help(help)
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

/// Which form of R006 an attribute value has.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum InvalidAttributeValue {
    /// The value is neither a string literal nor an expression in braces.
    NotString,
    /// `name=` is followed by no value.
    Missing,
    /// The value of an event attribute is not a closure in braces.
    HandlerNotClosure,
}

/// R006: the value of the attribute `name`, at `span`, has the wrong form, `kind`.
pub(crate) fn invalid_attribute_value<S>(
    span: S,
    name: &str,
    kind: InvalidAttributeValue,
) -> Diagnostic<S> {
    let (message, help) = match kind {
        InvalidAttributeValue::NotString => (
            format!("the value of `{name}` must be a string literal or an expression in braces"),
            format!("write {name}=\"…\" or {name}={{…}}"),
        ),
        InvalidAttributeValue::Missing => (
            format!("expected a value after `{name}=`"),
            format!("write {name}=\"…\" or {name}={{…}}, or drop the `=` for a flag"),
        ),
        InvalidAttributeValue::HandlerNotClosure => (
            format!("the event handler `{name}` must be a closure in braces"),
            format!("write {name}={{move |event| …}}"),
        ),
    };
    Diagnostic::error(Code::InvalidAttributeValue, span, message).with_help(help)
}

pub(crate) fn bare_text<S>(span: S, text: &str) -> Diagnostic<S> {
    Diagnostic::error(Code::BareText, span, "text in view! must be a string literal".to_owned())
        .with_help(format!(
            "put it in quotes: \"{}\", or in braces for a value: {{…}}",
            text.escape_default()
        ))
}

/// Which token R008 reports, and where it stands.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum UnexpectedToken<'a> {
    /// `<` is followed by no tag name, `/` or `>`.
    NoTagName,
    /// The opening tag `<tag …` ends before its `>`.
    UnterminatedTag {
        /// The tag's name.
        tag: &'a str,
    },
    /// `token` stands among the attributes of `<tag …>`.
    InTag {
        /// The token, as written (shortened).
        token: &'a str,
        /// The tag's name.
        tag: &'a str,
    },
    /// `token` (or "end of input") stands where a closing tag's `>` belongs.
    InClosingTag {
        /// The token, as written (shortened), or "end of input".
        token: &'a str,
    },
}

/// R008: a token the view grammar does not expect, at `span`, in the place `kind` names.
pub(crate) fn unexpected_token<S>(span: S, kind: UnexpectedToken<'_>) -> Diagnostic<S> {
    let (message, help) = match kind {
        UnexpectedToken::NoTagName => (
            "expected a tag name after `<`".to_owned(),
            "write an element <div>, a component <Counter/> or a fragment <>; a literal `<` in text goes in a string: \"<\"",
        ),
        UnexpectedToken::UnterminatedTag { tag } => (
            format!("expected `>` to end the <{tag}> tag"),
            "add `>`, or `/>` for an element without children",
        ),
        UnexpectedToken::InTag { token, tag } => (
            format!("unexpected `{token}` in the <{tag}> tag"),
            "attributes are written `name`, `name=\"value\"` or `name={expr}`",
        ),
        UnexpectedToken::InClosingTag { token } => (
            format!("unexpected `{token}` in a closing tag"),
            "a closing tag is written </name>",
        ),
    };
    Diagnostic::error(Code::UnexpectedToken, span, message).with_help(help)
}

pub(crate) fn nesting_too_deep<S>(span: S, limit: usize) -> Diagnostic<S> {
    Diagnostic::error(
        Code::NestingTooDeep,
        span,
        format!("this view nests deeper than {limit} tags"),
    )
    .with_help("split the markup into components")
}

/// Why R009 cannot split a `view!` into Rust tokens.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum UnbalancedDelimiter<S> {
    /// The delimiter `delimiter` at the primary span is never closed.
    Unclosed {
        /// `(`, `[` or `{`.
        delimiter: char,
    },
    /// The closing delimiter `found` at the primary span closes `opened`, opened at `open`.
    Mismatched {
        /// The closing delimiter written.
        found: char,
        /// Where the innermost open delimiter is.
        open: S,
        /// That delimiter: `(`, `[` or `{`.
        opened: char,
    },
    /// The lexer refused the source (an unterminated string, a stray delimiter).
    Unlexable,
}

/// R009: the `view!` source at `span` is not Rust tokens, for the reason `kind` gives.
pub(crate) fn unbalanced_delimiter<S>(span: S, kind: UnbalancedDelimiter<S>) -> Diagnostic<S> {
    let (message, help, label) = match kind {
        UnbalancedDelimiter::Unclosed { delimiter } => (
            format!("this `{delimiter}` is never closed"),
            format!("add the matching `{}`", closing_of(delimiter)),
            None,
        ),
        UnbalancedDelimiter::Mismatched { found, open, opened } => (
            format!("mismatched closing delimiter `{found}`"),
            format!("close `{opened}` with `{}` first", closing_of(opened)),
            Some((open, format!("this `{opened}` is closed by `{}`", closing_of(opened)))),
        ),
        UnbalancedDelimiter::Unlexable => (
            "this view! cannot be read as Rust tokens".to_owned(),
            "check for an unterminated string literal or a stray delimiter".to_owned(),
            None,
        ),
    };
    let diagnostic = Diagnostic::error(Code::UnbalancedDelimiter, span, message).with_help(help);
    match label {
        Some((open, text)) => diagnostic.with_label(open, text),
        None => diagnostic,
    }
}

fn closing_of(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

/// The way out of every rs2js refusal, unless a more specific one exists.
pub(crate) const WAY_OUT: &str = "use `js!{}` or move this to a `#[server]` fn";

pub(crate) fn handler_not_a_closure<S>(span: S, found: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::HandlerNotClosure,
        span,
        format!("an event handler must be a closure, found {found}"),
    )
    .with_help("write `move |event| …`; for hand-written JavaScript use `js!{}`")
}

pub(crate) fn untranslatable_call<S>(span: S, callee: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::UntranslatableCall,
        span,
        format!("`{callee}` is a Rust function; handlers run in the browser and cannot call it"),
    )
    .with_help(WAY_OUT)
}

pub(crate) fn unknown_method<S>(span: S, method: &str, receiver: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::UnknownMethod,
        span,
        format!("rs2js has no translation for the method `{method}` on `{receiver}`"),
    )
    .with_help(format!("see docs/rs2js.md for the methods it knows; otherwise {WAY_OUT}"))
}

/// R023: the macro `name!` (its path as written) in a handler. `view!` has a message of
/// its own: markup chosen by a signal, which `<Show>` and `<For>` render instead.
pub(crate) fn unsupported_macro<S>(span: S, name: &str) -> Diagnostic<S> {
    let (message, help) = if name == "view" {
        (
            "markup chosen by a signal cannot be built in the browser from an expression"
                .to_owned(),
            "show or hide markup with <Show when={…}>…</Show>, and repeat it with \
             <For each={signal} key={…} let:item>…</For>: the browser renders those from \
             templates"
                .to_owned(),
        )
    } else {
        (
            format!("the macro `{name}!` cannot be translated to JavaScript"),
            format!(
                "handlers may use format!, vec!, println!, print!, eprintln!, panic!, assert!, \
                 matches! and unreachable!; otherwise {WAY_OUT}"
            ),
        )
    };
    Diagnostic::error(Code::UnsupportedMacro, span, message).with_help(help)
}

pub(crate) fn unsafe_code<S>(span: S) -> Diagnostic<S> {
    Diagnostic::error(Code::UnsafeCode, span, "`unsafe` code cannot run in the browser".to_owned())
        .with_help(WAY_OUT)
}

pub(crate) fn unknown_path<S>(span: S, path: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::UnknownPath,
        span,
        format!("`{path}` is defined outside the component; the browser cannot see it"),
    )
    .with_help(format!(
        "bind it in the component (`let value = {path};`) so the handler captures its value, \
         or {WAY_OUT}"
    ))
}

pub(crate) fn unserialisable_capture<S>(span: S, name: &str, what: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::UnserialisableCapture,
        span,
        format!("the handler captures `{name}`, {what}, which cannot be sent to the browser"),
    )
    .with_help(format!("capture signals and serialisable values only; otherwise {WAY_OUT}"))
}

pub(crate) fn type_needed<S>(span: S, what: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::TypeNeeded,
        span,
        format!("{what} depends on a type rs2js cannot determine here"),
    )
    .with_help(
        "annotate the type: `let x: i32 = …`, `|x: i32|`, `parse::<i32>()`, `collect::<Vec<_>>()`",
    )
}

pub(crate) fn ambiguous_option<S>(span: S, ty: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::AmbiguousOption,
        span,
        format!(
            "`{ty}` cannot be represented in JavaScript: `None` and `Some(…)` would both be `null`"
        ),
    )
    .with_help(
        "flatten the option (`.flatten()` on the server), or use a `Result` or a `bool` beside it",
    )
}

pub(crate) fn unsupported_expression<S>(span: S, what: &str, help: Option<&str>) -> Diagnostic<S> {
    Diagnostic::error(
        Code::UnsupportedExpression,
        span,
        format!("{what} cannot be translated to JavaScript"),
    )
    .with_help(help.unwrap_or(WAY_OUT))
}

pub(crate) fn unsupported_pattern<S>(span: S, what: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::UnsupportedPattern,
        span,
        format!("{what} cannot be matched in JavaScript"),
    )
    .with_help(format!(
        "patterns may be literals, ranges, `_`, bindings, tuples, `Some`/`None`, `Ok`/`Err` and \
         `|` alternatives without bindings; otherwise {WAY_OUT}"
    ))
}

pub(crate) fn unsupported_format<S>(span: S, what: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::UnsupportedFormat,
        span,
        format!("{what} cannot be formatted in JavaScript"),
    )
    .with_help(format!(
        "use `{{}}`, `{{:?}}` or `{{:#?}}` (on numbers, strings, chars, bools, and on `Vec`s, \
         `Option`s, `Result`s, tuples and structs of them, without a width or precision), \
         `{{:.N}}`, a literal width, fill and alignment, or `x`/`b`/`o`; otherwise {WAY_OUT}"
    ))
}

pub(crate) fn unsupported_type<S>(span: S, ty: &str, why: &str) -> Diagnostic<S> {
    Diagnostic::error(Code::UnsupportedType, span, format!("`{ty}` is not translated: {why}"))
        .with_help(format!("use i32, u32, i64, u64 or f64 here; otherwise {WAY_OUT}"))
}

pub(crate) fn unsupported_try<S>(span: S, why: &str) -> Diagnostic<S> {
    Diagnostic::error(Code::UnsupportedTry, span, format!("this `?` cannot be translated: {why}"))
        .with_help("match on the value instead (`let Some(x) = … else { return };`)")
}

pub(crate) fn unsupported_assignment<S>(span: S, what: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::UnsupportedAssignment,
        span,
        format!("{what} cannot be assigned in the browser"),
    )
    .with_help(
        "assign to a local, a tuple field, a vector element, or a signal through `set`/`update`",
    )
}

pub(crate) fn invalid_handler<S>(span: S, error: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::InvalidHandler,
        span,
        format!("this handler is not a valid Rust expression: {error}"),
    )
    .with_help("write a closure: `move |event| …`")
}

pub(crate) fn handler_too_complex<S>(span: S, limit: usize) -> Diagnostic<S> {
    Diagnostic::error(
        Code::HandlerTooComplex,
        span,
        format!("this handler nests deeper than rs2js follows ({limit} levels)"),
    )
    .with_help("move parts of it into local variables, or into a `#[server]` fn")
}

pub(crate) fn js_single_quote<S>(span: S) -> Diagnostic<S> {
    Diagnostic::error(
        Code::JsSingleQuote,
        span,
        "single-quoted strings cannot be written in the token form of js!".to_owned(),
    )
    .with_help("Rust reads 'x' as a char: use double quotes, or the string form js!(r#\"…\"#) for single quotes, template literals and regexes")
}

pub(crate) fn missing_dependency<S>(span: S, name: &str, deps: &[String]) -> Diagnostic<S> {
    let mut fixed: Vec<&str> = deps.iter().map(String::as_str).collect();
    fixed.push(name);
    Diagnostic::error(
        Code::MissingDependency,
        span,
        format!("`{name}` is read here but is not in the dependency list"),
    )
    .with_help(format!(
        "the browser re-runs the body only when a listed signal changes: write [{}]",
        fixed.join(", ")
    ))
}

pub(crate) fn invalid_reactive_macro<S>(span: S, name: &str, problem: &str) -> Diagnostic<S> {
    let delay = if name == "debounce" { "MILLISECONDS, " } else { "" };
    Diagnostic::error(Code::InvalidReactiveMacro, span, format!("{name}!: {problem}"))
        .with_help(format!("write {name}!({delay}[signal, …], move || …)"))
}

/// R042: `what` (e.g. "a component") inside a client-rendered `<For>` or `<Show>`.
pub fn unsupported_in_template<S>(span: S, what: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::UnsupportedInTemplate,
        span,
        format!("{what} cannot be rendered in the browser inside a client-side <For> or <Show>"),
    )
    .with_help("client templates hold elements, text, {expressions}, attributes and handlers; render components outside the list, or make the list server-only (drop `key`)")
}

/// Which form of R043 a `<For>` or `<Show>` has.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum InvalidBlockProps {
    /// A `<For>` prop other than `each={…}`, `key={…}` or `let:name` (reported on the prop).
    ForProp,
    /// A `<For>` without `each={…}` or without `let:name` (reported on the opening tag).
    IncompleteFor,
    /// A `<Show>` prop other than `when={…}`, or a `<Show>` without it.
    ShowProp,
}

/// R043: the props of a `<For>` or `<Show>`, at `span`, are wrong in the way `kind` says.
pub(crate) fn invalid_block_props<S>(span: S, kind: InvalidBlockProps) -> Diagnostic<S> {
    let (message, help) = match kind {
        InvalidBlockProps::ForProp => (
            "<For> takes each={…}, let:name and optionally key={…}",
            "e.g. <For each={rows} key={|row| row.id} let:row>…</For>",
        ),
        InvalidBlockProps::IncompleteFor => {
            ("<For> needs each={items} and let:item", "e.g. <For each={rows} let:row>…</For>")
        }
        InvalidBlockProps::ShowProp => {
            ("<Show> takes one prop, when={condition}", "e.g. <Show when={open.get()}>…</Show>")
        }
    };
    Diagnostic::error(Code::InvalidBlockProps, span, message.to_owned()).with_help(help)
}

pub(crate) fn unknown_state_name<S>(span: S, name: &str, known: &[&str]) -> Diagnostic<S> {
    let mut help = format!("declare it in the component: `let {name} = use_signal(…);`");
    if !known.is_empty() {
        let names: Vec<String> = known.iter().map(|it| format!("`state.{it}`")).collect();
        help.push_str(&format!(", or use {}", names.join(", ")));
    }
    Diagnostic::error(
        Code::UnknownStateName,
        span,
        format!("`state.{name}` names no signal or value of this component"),
    )
    .with_help(help)
}

pub(crate) fn invalid_prop_name<S>(span: S, name: &str, component: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::InvalidPropName,
        span,
        format!("`{name}` is not a prop name of <{component}>: props are Rust identifiers"),
    )
    .with_help("name the prop as the component's parameter is named (snake_case)")
}

pub(crate) fn payload_over_budget<S>(
    span: S,
    component: &str,
    what: &str,
    size: u32,
    budget: u32,
    unit: &str,
) -> Diagnostic<S> {
    Diagnostic {
        severity: Severity::Warning,
        ..Diagnostic::error(
            Code::PayloadOverBudget,
            span,
            format!("`{component}`'s {what} is {size} {unit}, over its budget of {budget}"),
        )
    }
    .with_help(
        "split the component so each part ships only its own handlers, move work into a \
         `#[server]` fn, or raise the budget in `[package.metadata.resuma]` of Cargo.toml",
    )
}

/// The note a macro adds when it stops reporting errors: how many more there were.
pub fn more_errors(n_more: usize) -> String {
    let errors = if n_more == 1 { "error" } else { "errors" };
    format!("{n_more} more {errors} not shown; fix these first")
}

pub(crate) fn js_outside_handler<S>(span: S) -> Diagnostic<S> {
    Diagnostic::error(
        Code::JsOutsideHandler,
        span,
        "js! is only valid as an event handler in view!".to_owned(),
    )
    .with_help("write it as the whole value of an event attribute: <button onClick={js! { … }}>")
}

pub(crate) fn reactive_outside_component<S>(span: S, name: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::ReactiveOutsideComponent,
        span,
        format!("{name}! works only in the body of a #[component] fn, which rewrites it"),
    )
    .with_help(format!("move the {name}! call into the component that shows its value"))
}

pub(crate) fn uncapturable_name<S>(span: S, name: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::UncapturableName,
        span,
        format!("`{name}` cannot be captured: it is not a name the component binds"),
    )
    .with_help("bind the value to a local first: `let value = …;`, and read `value` in the body")
}

pub(crate) fn component_arguments<S>(span: S) -> Diagnostic<S> {
    Diagnostic::error(Code::ComponentArguments, span, "#[component] takes no arguments".to_owned())
        .with_help("write #[component]; props are the function's parameters")
}

pub(crate) fn async_component<S>(span: S) -> Diagnostic<S> {
    Diagnostic::error(
        Code::AsyncComponent,
        span,
        "a component cannot be async: it renders once, synchronously".to_owned(),
    )
    .with_help("load the data before rendering (in a page's load, or a #[server] fn) and pass it as a prop")
}

pub(crate) fn borrowing_component<S>(span: S) -> Diagnostic<S> {
    Diagnostic::error(
        Code::BorrowingComponent,
        span,
        "a component's props cannot borrow: the view may render after this call returns".to_owned(),
    )
    .with_help("take owned values (String, Arc<str>, Vec<T>) instead of references")
}

pub(crate) fn component_method<S>(span: S) -> Diagnostic<S> {
    Diagnostic::error(
        Code::ComponentMethod,
        span,
        "a component is a free function, not a method".to_owned(),
    )
    .with_help("move it out of the `impl`, and pass what it needs from `self` as props")
}

pub(crate) fn missing_return_type<S>(span: S) -> Diagnostic<S> {
    Diagnostic::error(Code::MissingReturnType, span, "a component returns a view".to_owned())
        .with_help("add `-> View` and end the body with view! { … }")
}

pub(crate) fn prop_pattern<S>(span: S) -> Diagnostic<S> {
    Diagnostic::error(Code::PropPattern, span, "a prop is a plain name".to_owned())
        .with_help("write `name: Type`, and destructure it in the body")
}

pub(crate) fn foreign_prop_attribute<S>(span: S) -> Diagnostic<S> {
    Diagnostic::error(
        Code::ForeignPropAttribute,
        span,
        "only #[prop(…)] is allowed on a component parameter".to_owned(),
    )
    .with_help("use #[prop(optional)], #[prop(default = …)] or #[prop(into)], or remove it")
}

pub(crate) fn invalid_prop_option<S>(span: S, problem: &str) -> Diagnostic<S> {
    Diagnostic::error(Code::InvalidPropOption, span, format!("invalid #[prop] option: {problem}"))
        .with_help(
            "the options are `optional`, `default = expr` and `into`: #[prop(default = 1, into)]",
        )
}

pub(crate) fn not_a_function<S>(span: S, attribute: &str, problem: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::NotAFunction,
        span,
        format!("#[{attribute}] goes on a function: {problem}"),
    )
    .with_help(if matches!(attribute, "server" | "load" | "middleware") {
        "write it above an `async fn`"
    } else {
        "write it above `fn Name(props…) -> View`"
    })
}

pub(crate) fn invalid_server_arguments<S>(span: S, problem: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::InvalidServerArguments,
        span,
        format!("#[server] takes only `rate = \"N/s\"`: {problem}"),
    )
    .with_help("write #[server] or #[server(rate = \"10/s\")] (or N/min, N/h)")
}

pub(crate) fn invalid_rate<S>(span: S, rate: &str) -> Diagnostic<S> {
    Diagnostic::error(Code::InvalidRate, span, format!("`{rate}` is not a rate"))
        .with_help("a rate is `N/s`, `N/min` or `N/h` with N ≥ 1, e.g. \"10/s\"")
}

pub(crate) fn sync_server_fn<S>(span: S) -> Diagnostic<S> {
    Diagnostic::error(
        Code::SyncServerFn,
        span,
        "a #[server] function must be `async`: the action endpoint awaits it".to_owned(),
    )
    .with_help("write `async fn`")
}

pub(crate) fn generic_server_fn<S>(span: S) -> Diagnostic<S> {
    Diagnostic::error(
        Code::GenericServerFn,
        span,
        "a #[server] function cannot be generic: its arguments arrive as JSON".to_owned(),
    )
    .with_help("use concrete types; a generic helper can be called from inside the function")
}

pub(crate) fn server_arg_pattern<S>(span: S) -> Diagnostic<S> {
    Diagnostic::error(
        Code::ServerArgPattern,
        span,
        "a #[server] argument is a plain name".to_owned(),
    )
    .with_help("write `name: Type`, and destructure it in the body")
}

pub(crate) fn server_method<S>(span: S) -> Diagnostic<S> {
    Diagnostic::error(
        Code::ServerMethod,
        span,
        "a #[server] function is a free function, not a method".to_owned(),
    )
    .with_help("move it out of the `impl`; the browser has no `self` to send")
}

pub(crate) fn route_conflict(
    first: String,
    others: &[String],
    pattern: &str,
) -> Diagnostic<String> {
    let names = std::iter::once(&first)
        .chain(others)
        .map(|it| format!("`{it}`"))
        .collect::<Vec<_>>()
        .join(" and ");
    let mut diagnostic = Diagnostic::error(
        Code::RouteConflict,
        first.clone(),
        format!("{names} both serve {pattern}"),
    );
    for other in others {
        diagnostic = diagnostic.with_label(other.clone(), format!("also serves {pattern}"));
    }
    diagnostic.with_help(
        "delete or rename one of them; a parameter's name does not tell routes apart, so \
         `[id].rs` and `[slug].rs` in one folder are the same route",
    )
}

pub(crate) fn invalid_page_name<S>(span: S, path: &str, problem: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::InvalidPageName,
        span,
        format!("`{path}` is not a valid page name: {problem}"),
    )
    .with_help(
        "name pages `name.rs`, `index.rs`, `[param].rs` or `[...rest].rs` (a param is a Rust \
         identifier), folders `name/` or `[param]/`, and special files _layout.rs, _error.rs, \
         _404.rs or _middleware.rs",
    )
}

pub(crate) fn catch_all_folder<S>(span: S, folder: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::CatchAllFolder,
        span,
        format!("`{folder}` is a catch-all folder: a catch-all takes the rest of the path, so nothing can come after it"),
    )
    .with_help("make it a file, `[...rest].rs`, or a one-segment parameter folder, `[rest]/`")
}

pub(crate) fn module_collision<S>(first: S, second: S, ident: &str) -> Diagnostic<S>
where
    S: fmt::Display,
{
    let message = format!("`{first}` and `{second}` both become the module `{ident}`");
    Diagnostic::error(Code::ModuleCollision, first, message)
        .with_label(second, format!("also the module `{ident}`"))
        .with_help(
            "rename one of them: a page's module is its name with brackets dropped and every \
             character other than a letter, digit or `_` turned into `_`",
        )
}

pub(crate) fn repeated_route_param<S>(span: S, path: &str, name: &str) -> Diagnostic<S> {
    Diagnostic::error(
        Code::RepeatedRouteParam,
        span,
        format!("`{path}` binds the route parameter `{name}` twice"),
    )
    .with_help("give each parameter of a route its own name: `[year]/[slug].rs`")
}

/// R075: the link at `span` names `module`, which is no page; `closest` are the pages
/// nearest to it (maybe none), `all` every page of the table.
pub(crate) fn missing_page<S>(
    span: S,
    module: &str,
    closest: &[&str],
    all: &[&str],
) -> Diagnostic<S> {
    let quoted = |names: &[&str]| -> Vec<String> {
        names.iter().map(|it| format!("`pages::{it}`")).collect()
    };
    let help = match closest {
        [] if all.is_empty() => "src/pages/ has no pages yet: add one, e.g. `src/pages/index.rs` \
             for `/`"
            .to_owned(),
        [] => {
            let shown = quoted(&all[..all.len().min(3)]).join(", ");
            let more = match all.len().saturating_sub(3) {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            format!(
                "the pages are {shown}{more}; a page's module path is its file's path under \
                 src/pages/: `blog/[slug].rs` is `pages::blog::slug`"
            )
        }
        [one] => format!("did you mean `pages::{one}`?"),
        [init @ .., last] => {
            format!("did you mean {} or `pages::{last}`?", quoted(init).join(", "))
        }
    };
    let shown = if module.is_empty() { "pages".to_owned() } else { format!("pages::{module}") };
    Diagnostic::error(Code::MissingPage, span, format!("`{shown}` is no page of src/pages/"))
        .with_help(help)
}

/// R076: the link to `module` passes `found` arguments (its list at `span`) where the
/// route has `params`.
pub(crate) fn link_arguments<S>(
    span: S,
    module: &str,
    params: &[&str],
    found: usize,
) -> Diagnostic<S> {
    let takes = match params {
        [] => "no arguments".to_owned(),
        [one] => format!("1 argument (`{one}`)"),
        _ => format!(
            "{} arguments ({})",
            params.len(),
            params.iter().map(|it| format!("`{it}`")).collect::<Vec<_>>().join(", ")
        ),
    };
    let help = if params.is_empty() {
        "call it as `path()`".to_owned()
    } else {
        format!("pass one value per route parameter, in URL order: `path({})`", params.join(", "))
    };
    Diagnostic::error(
        Code::LinkArguments,
        span,
        format!("`pages::{module}::path` takes {takes}, found {found}"),
    )
    .with_help(help)
}

/// What is wrong with a `#[load]` fn.
pub(crate) enum InvalidLoad<'a> {
    NotAsync,
    Generic,
    Method,
    /// It takes this many arguments, not one.
    Arguments(usize),
    /// An argument of `#[load(…)]` other than `cache = "…"`.
    UnknownArgument(&'a str),
    /// A `cache` value that is no `Cache-Control` header value.
    InvalidCache(&'a str),
}

pub(crate) fn invalid_load<S>(span: S, form: InvalidLoad<'_>) -> Diagnostic<S> {
    let (message, help) = match form {
        InvalidLoad::NotAsync => (
            "a #[load] fn must be `async`: the page awaits it".to_owned(),
            "write `pub async fn load(cx: LoadCx) -> Result<Data, LoadError>`".to_owned(),
        ),
        InvalidLoad::Generic => (
            "a #[load] fn cannot be generic: the page table calls it".to_owned(),
            "use concrete types".to_owned(),
        ),
        InvalidLoad::Method => (
            "a #[load] fn is a free function of the page file, not a method".to_owned(),
            "move it out of the `impl`".to_owned(),
        ),
        InvalidLoad::Arguments(found) => (
            format!("a #[load] fn takes one argument, the request's `LoadCx`, not {found}"),
            "write `pub async fn load(cx: LoadCx) -> Result<Data, LoadError>`; params, \
             query, headers, cookies and app state come from `cx`"
                .to_owned(),
        ),
        InvalidLoad::UnknownArgument(found) => (
            format!("#[load] takes only `cache = \"…\"`; found `{found}`"),
            "write `#[load]`, or `#[load(cache = \"public, max-age=60\")]`".to_owned(),
        ),
        InvalidLoad::InvalidCache(value) => (
            format!("`{value}` cannot be a Cache-Control header value"),
            "use visible ASCII only, e.g. \"public, max-age=60\"".to_owned(),
        ),
    };
    Diagnostic::error(Code::InvalidLoad, span, message).with_help(help)
}

/// What is wrong with a `#[middleware]` fn.
pub(crate) enum InvalidMiddleware {
    NotAsync,
    Generic,
    Method,
    /// It takes this many arguments, not two.
    Arguments(usize),
    /// `#[middleware(…)]` has arguments.
    WithArguments,
}

pub(crate) fn invalid_middleware<S>(span: S, form: InvalidMiddleware) -> Diagnostic<S> {
    let message = match form {
        InvalidMiddleware::NotAsync => "a #[middleware] fn must be `async`".to_owned(),
        InvalidMiddleware::Generic => "a #[middleware] fn cannot be generic".to_owned(),
        InvalidMiddleware::Method => "a #[middleware] fn cannot be a method".to_owned(),
        InvalidMiddleware::Arguments(found) => {
            format!("a #[middleware] fn takes two arguments, the request and `Next`, not {found}")
        }
        InvalidMiddleware::WithArguments => "#[middleware] takes no arguments".to_owned(),
    };
    Diagnostic::error(Code::InvalidMiddleware, span, message).with_help(
        "write `pub async fn guard(req: Request, next: Next) -> Response`, answering early or \
         with `next.run(req).await`",
    )
}

/// Why a file of `src/pages/` does not fit its role.
pub(crate) enum InvalidPageFile<'a> {
    /// A page, layout, 404 or error page with no `#[component]` fn.
    NoComponent,
    /// Several `#[component]` fns (their names).
    SeveralComponents(&'a [String]),
    /// Several fns with this attribute (`load`, `middleware`).
    Several(&'a str),
    /// An item the page table calls that is not `pub` (its name).
    NotPublic(&'a str),
    /// A generic component (its name).
    Generic(&'a str),
    /// A component prop that is not a plain name.
    PropPattern,
    /// A route parameter with no prop of that name.
    MissingParam(&'a str),
    /// A prop no route parameter, load or role gives (its name, the route's params).
    UnknownProp(&'a str, &'a str),
    /// A `data` prop on a page without a `#[load]`.
    DataWithoutLoad,
    /// A `#[load]` whose page has no `data` prop.
    LoadWithoutData,
    /// A layout's props are not `children: Children` (and `data` with a load).
    LayoutProps,
    /// An error page's props are not `error: ErrorInfo`.
    ErrorProps,
    /// A `#[load]` in an error page or a middleware file.
    LoadNotAllowed,
    /// A `_middleware.rs` with no `#[middleware]` fn.
    NoMiddleware,
    /// The file does not parse (syn's message).
    Unparsable(&'a str),
}

pub(crate) fn invalid_page_file(file: String, form: InvalidPageFile<'_>) -> Diagnostic<String> {
    let (message, help) = match form {
        InvalidPageFile::NoComponent => (
            format!("`{file}` has no `#[component]` fn"),
            "a page file exports exactly one, the page: `#[component] pub fn Page() -> View { … }`"
                .to_owned(),
        ),
        InvalidPageFile::SeveralComponents(names) => (
            format!(
                "`{file}` has {} `#[component]` fns ({})",
                names.len(),
                names.iter().map(|it| format!("`{it}`")).collect::<Vec<_>>().join(", ")
            ),
            "a page file exports exactly one, the page: move the others to a module outside \
             src/pages/"
                .to_owned(),
        ),
        InvalidPageFile::Several(attribute) => (
            format!("`{file}` has several `#[{attribute}]` fns"),
            format!("keep one `#[{attribute}]` fn per file"),
        ),
        InvalidPageFile::NotPublic(name) => (
            format!("`fn {name}` of `{file}` is not public"),
            "make it `pub` (or `pub(crate)`) so the page table can call it".to_owned(),
        ),
        InvalidPageFile::Generic(name) => (
            format!("`fn {name}` of `{file}` is generic"),
            "a page component takes concrete props".to_owned(),
        ),
        InvalidPageFile::PropPattern => (
            format!("a prop of the component of `{file}` is not a plain name"),
            "name each prop: `slug: String`".to_owned(),
        ),
        InvalidPageFile::MissingParam(param) => (
            format!("the route parameter `{param}` of `{file}` has no prop"),
            format!("add `{param}: String` (or any `FromStr` type) to the component's arguments"),
        ),
        InvalidPageFile::UnknownProp(prop, params) => (
            format!("the prop `{prop}` of `{file}` is no route parameter (this route's: {params})"),
            "a page's props are its route parameters, and `data` when it has a `#[load]`"
                .to_owned(),
        ),
        InvalidPageFile::DataWithoutLoad => (
            format!("the component of `{file}` takes `data`, but the file has no `#[load]` fn"),
            "add `#[load] pub async fn load(cx: LoadCx) -> Result<Data, LoadError>`, or remove \
             the prop"
                .to_owned(),
        ),
        InvalidPageFile::LoadWithoutData => (
            format!("`{file}` has a `#[load]` fn, but its component takes no `data` prop"),
            "add `data: Data` (the load's `Ok` type) to the component's arguments".to_owned(),
        ),
        InvalidPageFile::LayoutProps => (
            format!("the layout `{file}` must take `children: Children`"),
            "a layout takes the page it wraps as `children: Children`, and `data` when it has \
             a `#[load]`"
                .to_owned(),
        ),
        InvalidPageFile::ErrorProps => (
            format!("the error page `{file}` must take one prop, `error: ErrorInfo`"),
            "write `#[component] pub fn Oops(error: ErrorInfo) -> View`".to_owned(),
        ),
        InvalidPageFile::LoadNotAllowed => (
            format!("`{file}` cannot have a `#[load]` fn"),
            "an error page shows what went wrong and a middleware file has no page: load in \
             the pages or layouts"
                .to_owned(),
        ),
        InvalidPageFile::NoMiddleware => (
            format!("`{file}` has no `#[middleware]` fn"),
            "add `#[middleware] pub async fn guard(req: Request, next: Next) -> Response`"
                .to_owned(),
        ),
        InvalidPageFile::Unparsable(err) => (
            format!("`{file}` does not parse as Rust: {err}"),
            "fix the syntax error; the page table is built from the file's items".to_owned(),
        ),
    };
    Diagnostic::error(Code::InvalidPageFile, file, message).with_help(help)
}
