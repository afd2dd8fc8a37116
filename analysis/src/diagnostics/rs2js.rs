//! The diagnostics of handlers translated to JavaScript (rs2js): what a closure may
//! contain, and the way out when it cannot be translated.

use super::{Code, Diagnostic};

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
    let diagnostic = Diagnostic::error(
        Code::UntranslatableCall,
        span,
        format!("`{callee}` is a Rust function; handlers run in the browser and cannot call it"),
    );
    // A Flow page's typed link (`pages::blog::slug::path(…)`): built on the server.
    let typed_link = callee.split("::").any(|it| it == "pages") && callee.ends_with("::path");
    match typed_link {
        true => diagnostic.with_help(
            "typed links are built on the server: compute the link there (a prop, or a field \
             of each item filled with the page's `path(…)`) and use that value here",
        ),
        false => diagnostic.with_help(WAY_OUT),
    }
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
