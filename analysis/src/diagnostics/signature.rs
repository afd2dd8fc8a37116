//! The diagnostics of `#[component]` and `#[server]` signatures (R050–R065).

use super::{Code, Diagnostic};

pub(crate) fn component_arguments<S>(span: S) -> Diagnostic<S> {
    Diagnostic::error(Code::ComponentArguments, span, "#[component] takes no arguments".to_owned())
        .with_help("write #[component]; props are the function's parameters")
}

/// The triggers `#[island(load = "…")]` takes, as the help lists them.
const ISLAND_LOADS: &str = "`load = \"visible\"` (when it scrolls into view), `load = \"idle\"` (once the page has loaded and the browser is idle) or `load = \"interaction\"` (when the pointer or focus first reaches it)";

pub(crate) fn invalid_island_load<S>(span: S, found: Option<&str>) -> Diagnostic<S> {
    let message = match found {
        Some(found) => format!("#[island] cannot load on {found:?}"),
        None => "#[island] needs a `load` trigger: when its code starts in the browser".to_owned(),
    };
    Diagnostic::error(Code::InvalidIslandLoad, span, message)
        .with_help(format!("write #[island(load = \"…\")] with {ISLAND_LOADS}"))
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
    .with_help(if matches!(attribute, "server" | "load" | "middleware" | "submit") {
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
