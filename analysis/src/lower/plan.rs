//! The plan: what a `#[component]` or a `view!` becomes, as plain data.
//!
//! [`lower`](super) decides everything — which expression is a thunk, which `<For>` runs
//! in the browser, the markup each node writes, the chunk's exports and their order — and
//! the macros only print the plan as Rust. `resuma check`, the payload measure and the
//! language server read the same plan, so there is one producer of each decision.
//!
//! Static markup is already escaped. Rust code stays tokens (the compiler checks it);
//! the `view!`s and `computed!`-style calls inside it are lowered in place ([`Code`]).

use proc_macro2::{Delimiter, Span, TokenStream};

use crate::diagnostics::Diagnostic;
use crate::reactive::ReactiveKind;
use crate::rs2js::Closure;
use crate::signature::island::IslandLoad;
use crate::span::TokenSpan;

/// A lowered component (or standalone `view!`): its code, its chunk and its diagnostics.
#[derive(Debug)]
pub struct Plan<B> {
    /// What renders: a component's body, or a view's.
    pub body: B,
    /// The chunk's exports, in their final order (handlers `h`, thunks `t`, blocks `b`;
    /// `computed!`/`effect!`/`debounce!` are thunks), including those that did not
    /// translate (the markup's numbers count them).
    pub exports: Vec<Export>,
    /// The chunk, when at least one export translated.
    pub chunk: Option<Chunk>,
    /// Every diagnostic of the lowering: the views' syntax and the translations.
    pub diagnostics: Vec<Diagnostic<TokenSpan>>,
    /// The spans of the `view!` invocations lowered into this plan (a view inside a
    /// handler closure is not: the compiler expands it as a view of its own).
    pub views: Vec<TokenSpan>,
    /// An `#[island]`'s trigger: its render runs inside an island scope (the graph
    /// entries it records are the island's), and its root element carries
    /// `data-r-island` ([`Op::IslandNumber`]).
    pub island: Option<IslandLoad>,
}

/// A component's body.
#[derive(Debug)]
pub enum ComponentBody {
    /// The function ends in `view! { … }` and has no `return`: its statements run, then
    /// the view writes straight into the parent's buffer.
    Inline {
        /// The statements before the view.
        init: Code,
        /// The view, without `head` and `tail`.
        view: ViewPlan,
        /// The view's leading static markup (`Component::HEAD`): a parent joins it with
        /// its own markup before the call at compile time. Empty for an island, whose
        /// root element is written inside its scope.
        head: String,
        /// The view's trailing static markup (`Component::TAIL`), joined likewise with
        /// the parent's markup after the call.
        tail: String,
    },
    /// Any other body: it runs as a closure returning `output`, whose value renders.
    Value {
        /// The function's return type.
        output: TokenStream,
        /// The function's block, braces included.
        block: Code,
        /// The block's span.
        span: Span,
    },
}

/// One export of a chunk.
#[derive(Clone, Debug)]
pub struct Export {
    /// `h0`, `t3`, `b1`: the prefix and the number among the exports of that prefix.
    pub name: String,
    /// `'h'`, `'t'` or `'b'`.
    pub prefix: char,
    /// The tokens it was translated from (a block's: from `<For` to `</For>`).
    pub span: TokenSpan,
    /// The translation, when it succeeded.
    pub closure: Option<Closure>,
}

/// A handler chunk: the ES module the browser imports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// `Component.HASH`.
    pub name: String,
    /// The module's text.
    pub source: String,
}

/// Rust code with its `view!`s and reactive macros lowered.
#[derive(Clone, Debug, Default)]
pub struct Code(pub Vec<CodePiece>);

/// A piece of [`Code`].
#[derive(Clone, Debug)]
pub enum CodePiece {
    /// Tokens as written.
    Tokens(TokenStream),
    /// A delimited group, its content lowered.
    Group {
        /// The group's delimiter.
        delimiter: Delimiter,
        /// The group's span.
        span: Span,
        /// What is inside.
        code: Code,
    },
    /// A `view! { … }`: an expression of type `View`.
    View(ViewPlan),
    /// A `computed!`, `effect!` or `debounce!` call.
    Reactive(ReactivePlan),
}

/// A lowered `computed!`/`effect!`/`debounce!`.
#[derive(Clone, Debug)]
pub struct ReactivePlan {
    /// Which macro.
    pub kind: ReactiveKind,
    /// The macro name's span.
    pub span: Span,
    /// `None` when the arguments did not parse (reported): the call is written as a value
    /// of the right type so the rest of the body still type-checks.
    pub call: Option<ReactiveParts>,
}

/// A reactive call whose arguments parsed.
#[derive(Clone, Debug)]
pub struct ReactiveParts {
    /// `Component.HASH#tN`, empty when the body did not translate.
    pub address: String,
    /// The names whose slots the thunk takes, in its parameter order.
    pub captures: Vec<String>,
    /// The dependency list, with spans.
    pub deps: Vec<(String, Span)>,
    /// The closure, lowered.
    pub closure: Code,
    /// `debounce!`'s delay expression.
    pub delay: Option<TokenStream>,
    /// An async body (`move || async move { … }`, an `effect!` or `debounce!` only): the
    /// browser awaits it; the server does not run it (it renders synchronously).
    pub is_async: bool,
    /// The `#[server]` fns it awaits, each where it is named: the compiler checks that
    /// each is one (as [`Check::ServerFn`] does for a handler's).
    pub server_fns: Vec<(String, Span)>,
}

/// A lowered view: what to write, in order, and the checks that make the compiler
/// type-check its handlers.
#[derive(Clone, Debug, Default)]
pub struct ViewPlan {
    /// The writes, in document order.
    pub ops: Vec<Op>,
    /// Type checks of handlers, emitted after the writes (a closure moving a value must
    /// not move it before the markup used it).
    pub checks: Vec<Check>,
}

/// One write of a view.
#[derive(Clone, Debug)]
pub enum Op {
    /// Markup, escaped: adjacent runs are merged.
    Static(String),
    /// The chunk's name, known once every export is translated: lowering writes this,
    /// and its last step replaces each with a [`Op::Static`], so a finished plan has none.
    ChunkName,
    /// `Render::render(value)`: an `{expr}` written once on the server.
    Render {
        /// The expression.
        value: Code,
        /// Where it was written.
        span: Span,
    },
    /// A dynamic attribute: ` name="value"` (nothing for `false`/`None`).
    Attr {
        /// The attribute's name.
        name: String,
        /// The expression.
        value: Code,
        /// Whether the value is a URL (sanitised: no `javascript:`).
        url: bool,
        /// Where it was written.
        span: Span,
    },
    /// A non-literal part of `attr={("/item/", id)}`, written escaped.
    AttrPart {
        /// The part.
        value: Code,
        /// Where the attribute's value was written.
        span: Span,
    },
    /// The slot number of a value the browser reads.
    Slot(SlotRef),
    /// The page needs the reactive core.
    UseReactive,
    /// The page listens for this DOM event.
    UseEvent(String),
    /// A child component: a direct call writing into the same buffer.
    Component(ComponentOp),
    /// A `<For>` on the server only: a loop over `each`, with a streaming boundary after
    /// each item.
    Loop {
        /// The item's name.
        item: String,
        /// Where the item's name was written.
        item_span: Span,
        /// What is iterated.
        each: Code,
        /// An item's markup.
        body: ViewPlan,
    },
    /// A `<Show>` on the server only.
    If {
        /// The condition.
        condition: Code,
        /// The content.
        body: ViewPlan,
    },
    /// A `<For>` or `<Show>` the browser renders again from a template when its signals
    /// change.
    Block(ClientBlock),
    /// A streaming boundary.
    Boundary,
    /// The number of the island being rendered, in its root element's `data-r-island`
    /// (`"TRIGGER N CHUNK"`): numbers count the page's islands in render order.
    IslandNumber,
}

/// Where a slot number comes from.
#[derive(Clone, Debug)]
pub enum SlotRef {
    /// The slot of the value named so in the component (captured as it renders).
    Capture(String, Span),
    /// Inside a client list: the current item's slot.
    Item,
    /// Inside a client block: the block's slot `n` (from [`ClientBlock::outer`]).
    Outer(usize),
}

/// A child component call.
#[derive(Clone, Debug)]
pub struct ComponentOp {
    /// The component's path as written (`Card`, `ui::Card`): it names its props type.
    pub path: TokenStream,
    /// The tag name's span: a missing required prop is reported there.
    pub name_span: Span,
    /// The props, in source order.
    pub props: Vec<PropPlan>,
    /// The children, passed as the `children` prop.
    pub children: Option<ViewPlan>,
    /// The parent's static markup just before the call, joined at compile time with the
    /// child's leading markup (`render_child`): it is written first, as an
    /// [`Op::Static`] before the call would be.
    pub before: String,
    /// The parent's static markup just after the call, joined with the child's trailing
    /// markup.
    pub after: String,
}

/// One prop of a child component.
#[derive(Clone, Debug)]
pub struct PropPlan {
    /// The setter's name (a Rust identifier, maybe a keyword to write raw).
    pub name: String,
    /// Where the name was written.
    pub span: Span,
    /// The value.
    pub value: PropValue,
}

/// A prop's value.
#[derive(Clone, Debug)]
pub enum PropValue {
    /// No value: `true`.
    Flag,
    /// A string literal.
    Str(String, Span),
    /// An expression.
    Expr(Code),
}

/// A client-rendered block.
#[derive(Clone, Debug)]
pub struct ClientBlock {
    /// The names from outside the block whose slots the block takes, in slot order
    /// ([`SlotRef::Outer`] indexes them).
    pub outer: Vec<String>,
    /// Before the content: the events of its handlers (the block registers them, as a
    /// list may be empty on the server) and `<!--f:CHUNK#bN|SLOTS-->`.
    pub open: ViewPlan,
    /// What the block repeats or shows.
    pub kind: BlockKind,
    /// After the content: `<!--/f-->`.
    pub close: ViewPlan,
}

/// A client list or conditional.
#[derive(Clone, Debug)]
pub enum BlockKind {
    /// A keyed `<For>` over a signal.
    List {
        /// The list's signal.
        each: String,
        /// The item's name.
        item: String,
        /// Where `let:item` was written.
        item_span: Span,
        /// The key closure, as written.
        key: TokenStream,
        /// One item's markup (its `<!--i:SLOT-->` marker first, a boundary last).
        body: ViewPlan,
    },
    /// A `<Show>` whose condition reads a signal.
    Show {
        /// The condition.
        condition: Code,
        /// The content.
        body: ViewPlan,
    },
}

/// A compile-time check of a handler.
#[derive(Clone, Debug)]
pub enum Check {
    /// The closure type-checks as a handler (`async` ones return a future).
    Handler {
        /// The closure's tokens.
        closure: TokenStream,
        /// Whether it is an `async` closure.
        is_async: bool,
        /// Where it was written.
        span: Span,
    },
    /// An awaited callee is a `#[server]` fn.
    ServerFn {
        /// The callee's name.
        name: String,
        /// Where it was written.
        span: Span,
    },
}
