//! Every diagnostic Resuma reports, worded once.
//!
//! Each [`Code`] has one constructor, in the submodule of its area (`view`, `rs2js`,
//! `signature`, `flow`); it is the only place its message and help
//! exist. A code with several forms takes a small enum naming the form (e.g.
//! `StrayClose`); `tests/one_constructor_per_code.rs` reads these files and fails if a
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
    /// An `#[island]` whose view is not one root element (the element that carries the
    /// island's trigger).
    IslandRoot = "R048", "island without one root element";
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
    /// `#[island(…)]` without `load = "visible" | "idle" | "interaction"`, or with anything
    /// else.
    InvalidIslandLoad = "R059", "invalid #[island] load";
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
    /// A `#[submit]` fn that is not `async fn(cx: SubmitCx, form: T) -> Result<…>`.
    InvalidSubmit = "R083", "invalid #[submit] fn";
    /// A `<Form>` whose `submit` is missing or is not the name of a `#[submit]` fn.
    InvalidForm = "R084", "invalid <Form>";
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

mod flow;
mod rs2js;
mod signature;
mod view;

pub(crate) use flow::*;
pub use rs2js::unsupported_in_template;
pub(crate) use rs2js::*;
pub(crate) use signature::*;
pub use view::more_errors;
pub(crate) use view::*;
