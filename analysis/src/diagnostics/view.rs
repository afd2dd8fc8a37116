//! The diagnostics of `view!` itself: its syntax (R001–R019), its blocks and props, where
//! `js!` and the reactive macros may stand, and payload budgets.

use super::{Code, Diagnostic, Severity};

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

pub(crate) fn island_root<S>(span: S) -> Diagnostic<S> {
    Diagnostic::error(
        Code::IslandRoot,
        span,
        "an island's view must be one root element: it carries the island's trigger".to_owned(),
    )
    .with_help("end the function with `view! { <div …>…</div> }` (one element around the rest); a fragment, text or a component at the root has no element to observe")
}
