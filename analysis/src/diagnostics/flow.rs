//! The diagnostics of Flow: route tables (R070–R076), `#[load]` and `#[middleware]`
//! (R080, R081), page files (R082), `#[submit]` (R083) and `<Form>` (R084).

use std::fmt;

use super::{Code, Diagnostic};

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
    /// A `#[submit]` in a 404 page, an error page or a middleware file.
    SubmitNotAllowed,
    /// A `_middleware.rs` with no `#[middleware]` fn.
    NoMiddleware,
    /// A `#[static_params]` fn outside a page whose route has parameters.
    StaticParamsNotAllowed,
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
        InvalidPageFile::SubmitNotAllowed => (
            format!("`{file}` cannot have a `#[submit]` fn"),
            "forms post to the page they are on: put the submit in a page, or in a `_layout.rs` \
             for a form every page under it shows"
                .to_owned(),
        ),
        InvalidPageFile::NoMiddleware => (
            format!("`{file}` has no `#[middleware]` fn"),
            "add `#[middleware] pub async fn guard(req: Request, next: Next) -> Response`"
                .to_owned(),
        ),
        InvalidPageFile::StaticParamsNotAllowed => (
            format!("`{file}` cannot have a `#[static_params]` fn"),
            "`#[static_params]` lists the parameters `resuma build --static` exports a dynamic \
             route for (`blog/[slug].rs`): a page without parameters is exported as it is, \
             and layouts, error pages and middlewares are no routes"
                .to_owned(),
        ),
        InvalidPageFile::Unparsable(err) => (
            format!("`{file}` does not parse as Rust: {err}"),
            "fix the syntax error; the page table is built from the file's items".to_owned(),
        ),
    };
    Diagnostic::error(Code::InvalidPageFile, file, message).with_help(help)
}

/// What is wrong with a `#[submit]` fn.
pub(crate) enum InvalidSubmit {
    NotAsync,
    Generic,
    Method,
    /// It takes this many arguments, not two.
    Arguments(usize),
    /// It says no return type.
    NoReturn,
    /// `#[submit(…)]` has arguments.
    WithArguments,
}

pub(crate) fn invalid_submit<S>(span: S, form: InvalidSubmit) -> Diagnostic<S> {
    let message = match form {
        InvalidSubmit::NotAsync => "a #[submit] fn must be `async`: the page awaits it".to_owned(),
        InvalidSubmit::Generic => {
            "a #[submit] fn cannot be generic: the page table calls it".to_owned()
        }
        InvalidSubmit::Method => {
            "a #[submit] fn is a free function of the page file, not a method".to_owned()
        }
        InvalidSubmit::Arguments(found) => format!(
            "a #[submit] fn takes two arguments, the request's `SubmitCx` and the form, not {found}"
        ),
        InvalidSubmit::NoReturn => {
            "a #[submit] fn returns `Result<Submitted, FormError>`: say so".to_owned()
        }
        InvalidSubmit::WithArguments => "#[submit] takes no arguments".to_owned(),
    };
    Diagnostic::error(Code::InvalidSubmit, span, message).with_help(
        "write `#[submit] pub async fn create_note(cx: SubmitCx, form: NewNote) -> \
         Result<Submitted, FormError>`, where `NewNote` derives `serde::Deserialize` (and \
         `garde::Validate` for rules)",
    )
}

/// What is wrong with a `<Form>`.
pub(crate) enum InvalidForm {
    /// No `submit` prop.
    NoSubmit,
    /// `submit` is not a path to a fn.
    NotAPath,
}

pub(crate) fn invalid_form<S>(span: S, form: InvalidForm) -> Diagnostic<S> {
    let message = match form {
        InvalidForm::NoSubmit => "a <Form> needs `submit`: the #[submit] fn it posts to",
        InvalidForm::NotAPath => "<Form submit={…}> takes the name of a #[submit] fn",
    };
    Diagnostic::error(Code::InvalidForm, span, message.to_owned()).with_help(
        "write `<Form submit={create_note}>…</Form>`, naming a `#[submit]` fn of the page or \
         of a layout around it",
    )
}
