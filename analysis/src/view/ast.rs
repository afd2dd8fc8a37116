//! The typed tree of a `view!`: what the parser produces and the macros expand.
//!
//! Expressions stay token streams: they are Rust for the compiler to check; analysis
//! only looks inside them where it translates them (rs2js).

use proc_macro2::TokenStream;

use crate::span::TokenSpan;

/// A parsed `view!`: its top-level nodes (a view may have several roots).
#[derive(Clone, Debug, Default)]
pub struct ViewTree {
    /// The roots, in source order.
    pub nodes: Vec<Node>,
}

/// One node of the tree.
#[derive(Clone, Debug)]
pub enum Node {
    /// An HTML element: `<div class="a">…</div>`, `<input/>`, `<br>`.
    Element(Element),
    /// A child component: `<Card title="x">…</Card>`.
    Component(ComponentCall),
    /// A list: `<For each={rows} key={|row| row.id} let:row>…</For>`.
    For(ForBlock),
    /// A conditional: `<Show when={…}>…</Show>`.
    Show(ShowBlock),
    /// A fragment: `<>…</>`.
    Fragment(Fragment),
    /// Text from a string literal: `"Count: "`.
    Text(Text),
    /// A Rust expression in braces: `{count}`.
    Expr(Block),
}

impl Node {
    /// The nodes inside this one (none for text and expressions).
    pub fn children(&self) -> &[Node] {
        match self {
            Node::Element(element) => &element.children,
            Node::Component(call) => &call.children,
            Node::For(list) => &list.children,
            Node::Show(show) => &show.children,
            Node::Fragment(fragment) => &fragment.children,
            Node::Text(_) | Node::Expr(_) => &[],
        }
    }
}

/// Every node of `nodes` and below, in document order (a node before its children).
pub fn document_order(nodes: &[Node]) -> impl Iterator<Item = &Node> {
    let mut stack: Vec<&Node> = nodes.iter().rev().collect();
    std::iter::from_fn(move || {
        let node = stack.pop()?;
        stack.extend(node.children().iter().rev());
        Some(node)
    })
}

/// An HTML element.
#[derive(Clone, Debug)]
pub struct Element {
    /// The tag name, as written (`div`, `my-widget`).
    pub tag: Name,
    /// Attributes in source order.
    pub attrs: Vec<Attribute>,
    /// Children in source order (none for void elements).
    pub children: Vec<Node>,
    /// Span of the opening tag, from `<` to `>`.
    pub open_span: TokenSpan,
    /// Span of the closing tag when one was written.
    pub close_span: Option<TokenSpan>,
}

impl Element {
    /// Whether the element is an HTML void element (`<input>`, `<br>`, …).
    pub fn is_void(&self) -> bool {
        is_void_element(&self.tag.text)
    }
}

/// A child component.
#[derive(Clone, Debug)]
pub struct ComponentCall {
    /// The path as written: `Card`, `ui::Card`.
    pub name: Name,
    /// The path tokens, with their spans, for code generation.
    pub path: TokenStream,
    /// Props in source order.
    pub props: Vec<Attribute>,
    /// Children passed as the `children` prop.
    pub children: Vec<Node>,
    /// Span of the opening tag.
    pub open_span: TokenSpan,
    /// Span of the closing tag when one was written.
    pub close_span: Option<TokenSpan>,
}

/// `<For each={items} key={…} let:item>…</For>`, its props read by the parser (a prop it
/// does not know, or a missing `each` or `let:`, is R043 there).
#[derive(Clone, Debug)]
pub struct ForBlock {
    /// `each={…}`: what is iterated.
    pub each: Option<Block>,
    /// `key={…}`: a closure from an item to its key; a keyed `<For>` over a signal is
    /// rendered in the browser too.
    pub key: Option<Block>,
    /// `let:item`: the item's name, spanned on the whole `let:item`.
    pub item: Option<Name>,
    /// The props as written, in source order.
    pub props: Vec<Attribute>,
    /// The content, repeated per item.
    pub children: Vec<Node>,
    /// Span of the opening tag.
    pub open_span: TokenSpan,
    /// Span of the closing tag when one was written.
    pub close_span: Option<TokenSpan>,
}

/// `<Show when={condition}>…</Show>` (any other prop is R043 in the parser).
#[derive(Clone, Debug)]
pub struct ShowBlock {
    /// `when={…}`: the condition.
    pub when: Option<Block>,
    /// The props as written, in source order.
    pub props: Vec<Attribute>,
    /// The content, shown while the condition holds.
    pub children: Vec<Node>,
    /// Span of the opening tag.
    pub open_span: TokenSpan,
    /// Span of the closing tag when one was written.
    pub close_span: Option<TokenSpan>,
}

impl ForBlock {
    /// From `<For` to `</For>` (or the opening tag when self-closed).
    pub fn whole_span(&self) -> TokenSpan {
        self.open_span.to(self.close_span.unwrap_or(self.open_span))
    }
}

impl ShowBlock {
    /// From `<Show` to `</Show>` (or the opening tag when self-closed).
    pub fn whole_span(&self) -> TokenSpan {
        self.open_span.to(self.close_span.unwrap_or(self.open_span))
    }
}

/// A fragment `<>…</>`.
#[derive(Clone, Debug)]
pub struct Fragment {
    /// Children in source order.
    pub children: Vec<Node>,
    /// Span of `<>`.
    pub open_span: TokenSpan,
}

/// Text from a string literal, unescaped (the value the literal denotes).
#[derive(Clone, Debug)]
pub struct Text {
    /// The string value.
    pub value: String,
    /// Span of the literal.
    pub span: TokenSpan,
}

/// An expression in braces.
#[derive(Clone, Debug)]
pub struct Block {
    /// The tokens inside the braces.
    pub tokens: TokenStream,
    /// Span of the braces.
    pub span: TokenSpan,
}

/// A name as written, with its span.
#[derive(Clone, Debug)]
pub struct Name {
    /// The text: `div`, `data-id`, `on:click`, `ui::Card`.
    pub text: String,
    /// From its first token to its last.
    pub span: TokenSpan,
}

/// An attribute or a prop.
#[derive(Clone, Debug)]
pub struct Attribute {
    /// The name as written (`class`, `onClick`, `on:click`, `aria-label`).
    pub name: Name,
    /// The value.
    pub value: AttrValue,
}

impl Attribute {
    /// The DOM event this attribute handles, lower-case (`onClick` → `click`,
    /// `on:keydown` → `keydown`), or `None` for an ordinary attribute.
    pub fn event(&self) -> Option<String> {
        event_of(&self.name.text)
    }

    /// The span from the name to the end of the value.
    pub fn span(&self) -> TokenSpan {
        match &self.value {
            AttrValue::Flag => self.name.span,
            AttrValue::Str(text) => self.name.span.to(text.span),
            AttrValue::Expr(block) => self.name.span.to(block.span),
        }
    }
}

/// The value of an attribute.
#[derive(Clone, Debug)]
pub enum AttrValue {
    /// No value: `<input disabled>`.
    Flag,
    /// A string literal: `class="a"`.
    Str(Text),
    /// An expression in braces: `value={q}`, `onClick={move |_| …}`.
    Expr(Block),
}

/// The HTML void elements: they have no children and no closing tag.
pub const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Whether `tag` is an HTML void element.
pub fn is_void_element(tag: &str) -> bool {
    VOID_ELEMENTS.contains(&tag)
}

/// The DOM event named by an attribute, lower-case, if the name has an event's form:
/// `on:` and a name, or `on` and an upper-case letter.
pub fn event_of(attribute: &str) -> Option<String> {
    if let Some(event) = attribute.strip_prefix("on:") {
        return Some(event.to_ascii_lowercase());
    }
    let rest = attribute.strip_prefix("on")?;
    rest.starts_with(|c: char| c.is_ascii_uppercase()).then(|| rest.to_ascii_lowercase())
}
