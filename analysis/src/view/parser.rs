//! The view! grammar: tokens in, tree and every diagnostic out, never a failure.
//!
//! The parser walks a flat list of token trees with an explicit stack of open tags
//! instead of recursion, so hostile input cannot overflow the stack, and it recovers
//! from every mistake so one pass reports all of them.

use proc_macro2::{Delimiter, Group, Spacing, TokenStream, TokenTree};

use super::ast::{
    is_void_element, AttrValue, Attribute, Block, ComponentCall, Element, ForBlock, Fragment, Name,
    Node, ShowBlock, Text, ViewTree,
};
use super::events::{is_known_event, suggest_event};
use super::literal::unquote_str;
use super::props::{check_props, prop_block};
use crate::diagnostics::{
    self as diag, Diagnostic, InvalidAttributeValue, StrayClose, UnexpectedToken,
};
use crate::span::TokenSpan;

/// How deep tags may nest before the parser stops (and reports `R010`).
pub const MAX_DEPTH: usize = 128;

/// The result of parsing a view: always a tree, plus what was wrong.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The best tree the parser could build.
    pub tree: ViewTree,
    /// Every problem found, in source order.
    pub diagnostics: Vec<Diagnostic<TokenSpan>>,
}

impl Parsed {
    /// Whether the view parsed without errors.
    pub fn is_ok(&self) -> bool {
        self.diagnostics.is_empty()
    }
}

/// Parses the tokens inside `view! { … }`.
pub fn parse(tokens: TokenStream) -> Parsed {
    let mut parser = Parser {
        tokens: tokens.into_iter().collect(),
        pos: 0,
        stack: Vec::new(),
        roots: Vec::new(),
        diagnostics: Vec::new(),
    };
    parser.run();
    Parsed { tree: ViewTree { nodes: parser.roots }, diagnostics: parser.diagnostics }
}

struct Parser {
    tokens: Vec<TokenTree>,
    pos: usize,
    stack: Vec<Frame>,
    roots: Vec<Node>,
    diagnostics: Vec<Diagnostic<TokenSpan>>,
}

/// An open tag waiting for its closing tag.
struct Frame {
    kind: FrameKind,
    children: Vec<Node>,
    /// A diagnostic already covers this tag not being closed properly.
    reported: bool,
}

enum FrameKind {
    Element { tag: Name, attrs: Vec<Attribute>, open_span: TokenSpan },
    Component { name: Name, path: TokenStream, props: Vec<Attribute>, open_span: TokenSpan },
    Fragment { open_span: TokenSpan },
}

impl Frame {
    fn name(&self) -> &str {
        match &self.kind {
            FrameKind::Element { tag, .. } => &tag.text,
            FrameKind::Component { name, .. } => &name.text,
            FrameKind::Fragment { .. } => "",
        }
    }

    fn open_span(&self) -> TokenSpan {
        match &self.kind {
            FrameKind::Element { open_span, .. }
            | FrameKind::Component { open_span, .. }
            | FrameKind::Fragment { open_span } => *open_span,
        }
    }

    fn into_node(self, close_span: Option<TokenSpan>) -> Node {
        match self.kind {
            FrameKind::Element { tag, attrs, open_span } => Node::Element(Element {
                tag,
                attrs,
                children: self.children,
                open_span,
                close_span,
            }),
            FrameKind::Component { name, props, open_span, .. } if name.text == "For" => {
                let expr = |key: &str| prop_block(&props, key);
                Node::For(ForBlock {
                    each: expr("each"),
                    key: expr("key"),
                    item: props.iter().find_map(|it| {
                        let item = it.name.text.strip_prefix("let:")?;
                        Some(Name { text: item.to_owned(), span: it.name.span })
                    }),
                    props,
                    children: self.children,
                    open_span,
                    close_span,
                })
            }
            FrameKind::Component { name, props, open_span, .. } if name.text == "Show" => {
                Node::Show(ShowBlock {
                    when: prop_block(&props, "when"),
                    props,
                    children: self.children,
                    open_span,
                    close_span,
                })
            }
            FrameKind::Component { name, path, props, open_span } => {
                Node::Component(ComponentCall {
                    name,
                    path,
                    props,
                    children: self.children,
                    open_span,
                    close_span,
                })
            }
            FrameKind::Fragment { open_span } => {
                Node::Fragment(Fragment { children: self.children, open_span })
            }
        }
    }
}

/// How an opening tag ended.
enum TagEnd {
    /// `>`: children follow.
    Open,
    /// `/>`: no children.
    SelfClosed,
    /// Input ended or a `<` came first; already reported.
    Unterminated,
}

impl Parser {
    fn run(&mut self) {
        while let Some(token) = self.peek().cloned() {
            if self.stack.len() > MAX_DEPTH {
                let span = self.stack.last().map_or(span_of(&token), Frame::open_span);
                self.diagnostics.push(diag::nesting_too_deep(span, MAX_DEPTH));
                self.stack.iter_mut().for_each(|frame| frame.reported = true);
                break;
            }
            match &token {
                TokenTree::Punct(p) if p.as_char() == '<' => self.tag(),
                TokenTree::Literal(lit) => match unquote_str(&lit.to_string()) {
                    Some(value) => {
                        self.pos += 1;
                        self.attach(Node::Text(Text { value, span: lit.span().into() }));
                    }
                    None => self.bare_text(),
                },
                TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                    self.pos += 1;
                    self.attach(Node::Expr(block_of(group)));
                }
                TokenTree::Group(group) if group.delimiter() == Delimiter::None => {
                    // A `$fragment` substituted by macro_rules: a string stays text.
                    self.pos += 1;
                    let node = match single_str(group) {
                        Some(value) => Node::Text(Text { value, span: group.span().into() }),
                        None => Node::Expr(block_of(group)),
                    };
                    self.attach(node);
                }
                _ => self.bare_text(),
            }
        }
        while let Some(frame) = self.stack.pop() {
            if !frame.reported {
                self.diagnostics.push(diag::unclosed_tag(frame.open_span(), frame.name()));
            }
            let node = frame.into_node(None);
            self.attach(node);
        }
        self.diagnostics.sort_by_key(|it| span_order(it.span));
    }

    fn peek(&self) -> Option<&TokenTree> {
        self.tokens.get(self.pos)
    }

    fn peek_at(&self, ahead: usize) -> Option<&TokenTree> {
        self.tokens.get(self.pos + ahead)
    }

    fn peek_punct(&self, ch: char) -> bool {
        matches!(self.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ch)
    }

    fn bump(&mut self) -> Option<TokenTree> {
        let token = self.tokens.get(self.pos).cloned();
        self.pos += usize::from(token.is_some());
        token
    }

    fn attach(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(frame) => frame.children.push(node),
            None => self.roots.push(node),
        }
    }

    /// A run of tokens that are not markup: one diagnostic for the whole run.
    fn bare_text(&mut self) {
        let mut words = Vec::new();
        let mut span: Option<TokenSpan> = None;
        while let Some(token) = self.peek() {
            let is_markup = match token {
                TokenTree::Punct(p) => p.as_char() == '<',
                TokenTree::Literal(lit) => unquote_str(&lit.to_string()).is_some(),
                TokenTree::Group(group) => {
                    matches!(group.delimiter(), Delimiter::Brace | Delimiter::None)
                }
                TokenTree::Ident(_) => false,
            };
            if is_markup && !words.is_empty() {
                break;
            }
            let token_span = TokenSpan::single(token.span());
            span = Some(span.map_or(token_span, |it| it.to(token_span)));
            words.push(token.to_string());
            self.pos += 1;
            if is_markup {
                break;
            }
        }
        if let Some(span) = span {
            self.diagnostics.push(diag::bare_text(span, &words.join(" ")));
        }
    }

    fn tag(&mut self) {
        let Some(lt) = self.bump() else { return };
        let lt_span = TokenSpan::single(lt.span());
        match self.peek() {
            Some(TokenTree::Punct(p)) if p.as_char() == '/' => self.closing_tag(lt_span),
            Some(TokenTree::Punct(p)) if p.as_char() == '>' => {
                let gt = TokenSpan::single(p.span());
                self.pos += 1;
                let frame = Frame {
                    kind: FrameKind::Fragment { open_span: lt_span.to(gt) },
                    children: Vec::new(),
                    reported: false,
                };
                self.stack.push(frame);
            }
            Some(TokenTree::Ident(_)) => self.opening_tag(lt_span),
            _ => self.diagnostics.push(diag::unexpected_token(lt_span, UnexpectedToken::NoTagName)),
        }
    }

    fn opening_tag(&mut self, lt_span: TokenSpan) {
        let (name, path) = self.tag_name();
        let is_component =
            name.text.contains("::") || name.text.starts_with(|c: char| c.is_ascii_uppercase());
        let mut attrs: Vec<Attribute> = Vec::new();
        let mut last = name.span;
        let end = loop {
            match self.peek().cloned() {
                None => {
                    self.diagnostics.push(diag::unexpected_token(
                        lt_span.to(last),
                        UnexpectedToken::UnterminatedTag { tag: &name.text },
                    ));
                    break TagEnd::Unterminated;
                }
                Some(TokenTree::Punct(p)) if p.as_char() == '>' => {
                    last = TokenSpan::single(p.span());
                    self.pos += 1;
                    break TagEnd::Open;
                }
                Some(TokenTree::Punct(p))
                    if p.as_char() == '/'
                        && matches!(self.peek_at(1), Some(TokenTree::Punct(q)) if q.as_char() == '>') =>
                {
                    self.pos += 1;
                    last = self.bump().map_or(last, |gt| TokenSpan::single(gt.span()));
                    break TagEnd::SelfClosed;
                }
                Some(TokenTree::Punct(p)) if p.as_char() == '<' => {
                    self.diagnostics.push(diag::unexpected_token(
                        lt_span.to(last),
                        UnexpectedToken::UnterminatedTag { tag: &name.text },
                    ));
                    break TagEnd::Unterminated;
                }
                Some(TokenTree::Ident(_)) => {
                    let attr = self.attribute();
                    last = attr.span();
                    self.check_attribute(&attr, &attrs, is_component);
                    attrs.push(attr);
                }
                Some(other) => {
                    self.pos += 1;
                    let span = TokenSpan::single(other.span());
                    self.diagnostics.push(diag::unexpected_token(
                        span,
                        UnexpectedToken::InTag {
                            token: &short_token_text(&other),
                            tag: &name.text,
                        },
                    ));
                    last = span;
                }
            }
        };
        let open_span = lt_span.to(last);
        if is_component {
            self.diagnostics.extend(check_props(&name, &attrs, open_span));
        }
        let leaf =
            matches!(end, TagEnd::SelfClosed) || (!is_component && is_void_element(&name.text));
        let kind = if is_component {
            FrameKind::Component { name, path, props: attrs, open_span }
        } else {
            FrameKind::Element { tag: name, attrs, open_span }
        };
        let frame =
            Frame { kind, children: Vec::new(), reported: matches!(end, TagEnd::Unterminated) };
        if leaf {
            let close = matches!(end, TagEnd::SelfClosed).then_some(last);
            let node = frame.into_node(close);
            self.attach(node);
        } else {
            self.stack.push(frame);
        }
    }

    fn closing_tag(&mut self, lt_span: TokenSpan) {
        let slash = self.bump();
        let mut last = slash.map_or(lt_span, |it| TokenSpan::single(it.span()));
        let name = match self.peek() {
            Some(TokenTree::Ident(_)) => {
                let (name, _) = self.tag_name();
                last = name.span;
                name.text
            }
            _ => String::new(),
        };
        match self.peek().cloned() {
            Some(TokenTree::Punct(p)) if p.as_char() == '>' => {
                self.pos += 1;
                last = TokenSpan::single(p.span());
            }
            other => {
                let (span, text) = match &other {
                    Some(token) => (TokenSpan::single(token.span()), short_token_text(token)),
                    None => (last, "end of input".to_owned()),
                };
                self.diagnostics.push(diag::unexpected_token(
                    span,
                    UnexpectedToken::InClosingTag { token: &text },
                ));
            }
        }
        self.close(&name, lt_span.to(last));
    }

    fn close(&mut self, name: &str, close_span: TokenSpan) {
        let Some(depth) = self.stack.iter().rposition(|frame| frame.name() == name) else {
            match self.stack.last_mut() {
                Some(top) => {
                    let expected = top.name().to_owned();
                    let open = top.open_span();
                    if !top.reported {
                        top.reported = true;
                        self.diagnostics
                            .push(diag::mismatched_close(close_span, name, open, &expected));
                    }
                }
                None if is_void_element(name) => {
                    self.diagnostics.push(diag::stray_close(
                        close_span,
                        name,
                        StrayClose::VoidElement,
                    ));
                }
                None => self.diagnostics.push(diag::stray_close(
                    close_span,
                    name,
                    StrayClose::ClosesNothing,
                )),
            }
            return;
        };
        while self.stack.len() > depth + 1 {
            let Some(frame) = self.stack.pop() else { break };
            if !frame.reported {
                self.diagnostics.push(diag::unclosed_tag(frame.open_span(), frame.name()));
            }
            let node = frame.into_node(None);
            self.attach(node);
        }
        if let Some(frame) = self.stack.pop() {
            let node = frame.into_node(Some(close_span));
            self.attach(node);
        }
    }

    /// A tag name: `div`, `my-widget`, `Card`, `ui::Card`. Also returns the path tokens.
    fn tag_name(&mut self) -> (Name, TokenStream) {
        let mut path = TokenStream::new();
        let Some(TokenTree::Ident(first)) = self.bump() else {
            return (
                Name {
                    text: String::new(),
                    span: TokenSpan::single(proc_macro2::Span::call_site()),
                },
                path,
            );
        };
        let mut text = unraw(&first.to_string());
        let mut span = TokenSpan::single(first.span());
        path.extend([TokenTree::Ident(first)]);
        loop {
            match (self.peek(), self.peek_at(1), self.peek_at(2)) {
                (
                    Some(TokenTree::Punct(a)),
                    Some(TokenTree::Punct(b)),
                    Some(TokenTree::Ident(next)),
                ) if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':' => {
                    text.push_str("::");
                    text.push_str(&unraw(&next.to_string()));
                    span = span.to(TokenSpan::single(next.span()));
                    path.extend(self.tokens[self.pos..self.pos + 3].iter().cloned());
                    self.pos += 3;
                }
                (Some(TokenTree::Punct(a)), Some(TokenTree::Ident(next)), _)
                    if a.as_char() == '-'
                        || (a.as_char() == ':' && a.spacing() == Spacing::Alone) =>
                {
                    text.push(a.as_char());
                    text.push_str(&unraw(&next.to_string()));
                    span = span.to(TokenSpan::single(next.span()));
                    self.pos += 2;
                }
                _ => break,
            }
        }
        (Name { text, span }, path)
    }

    fn attribute(&mut self) -> Attribute {
        let (name, _) = self.tag_name();
        if !self.peek_punct('=') {
            return Attribute { name, value: AttrValue::Flag };
        }
        let eq = self.bump().map_or(name.span, |it| TokenSpan::single(it.span()));
        let value = match self.peek().cloned() {
            Some(TokenTree::Literal(lit)) => {
                self.pos += 1;
                match unquote_str(&lit.to_string()) {
                    Some(value) => AttrValue::Str(Text { value, span: lit.span().into() }),
                    None => {
                        let span = name.span.to(lit.span().into());
                        self.diagnostics.push(diag::invalid_attribute_value(
                            span,
                            &name.text,
                            InvalidAttributeValue::NotString,
                        ));
                        AttrValue::Flag
                    }
                }
            }
            Some(TokenTree::Group(group))
                if matches!(group.delimiter(), Delimiter::Brace | Delimiter::None) =>
            {
                self.pos += 1;
                match single_str(&group) {
                    Some(value) if group.delimiter() == Delimiter::None => {
                        AttrValue::Str(Text { value, span: group.span().into() })
                    }
                    _ => AttrValue::Expr(block_of(&group)),
                }
            }
            Some(TokenTree::Ident(ident)) => {
                self.pos += 1;
                let span = name.span.to(ident.span().into());
                self.diagnostics.push(diag::invalid_attribute_value(
                    span,
                    &name.text,
                    InvalidAttributeValue::NotString,
                ));
                AttrValue::Flag
            }
            _ => {
                self.diagnostics.push(diag::invalid_attribute_value(
                    name.span.to(eq),
                    &name.text,
                    InvalidAttributeValue::Missing,
                ));
                AttrValue::Flag
            }
        };
        Attribute { name, value }
    }

    fn check_attribute(&mut self, attr: &Attribute, earlier: &[Attribute], is_component: bool) {
        let key = attribute_key(attr, is_component);
        if let Some(first) = earlier.iter().find(|it| attribute_key(it, is_component) == key) {
            self.diagnostics.push(diag::duplicate_attribute(
                attr.name.span,
                first.name.span,
                &attr.name.text,
            ));
        }
        if is_component {
            return;
        }
        let event = attr.event().or_else(|| inline_handler(&attr.name.text));
        let Some(event) = event else { return };
        if !is_known_event(&event) || inline_handler(&attr.name.text).is_some() {
            let suggestion = match inline_handler(&attr.name.text) {
                Some(_) => suggest_event(&format!("on{}", capitalize(&event))),
                None => suggest_event(&attr.name.text),
            };
            self.diagnostics.push(diag::unknown_event(
                attr.name.span,
                &attr.name.text,
                suggestion.as_deref(),
            ));
        } else if !matches!(attr.value, AttrValue::Expr(_)) {
            self.diagnostics.push(diag::invalid_attribute_value(
                attr.span(),
                &attr.name.text,
                InvalidAttributeValue::HandlerNotClosure,
            ));
        }
    }
}

/// What makes two attributes "the same": events by the event they handle, others by
/// their name, case-insensitively as HTML does (props are Rust names: case matters).
fn attribute_key(attr: &Attribute, is_component: bool) -> String {
    if is_component {
        return attr.name.text.clone();
    }
    match attr.event() {
        Some(event) => format!("on:{event}"),
        None => attr.name.text.to_ascii_lowercase(),
    }
}

/// `onclick` (an inline HTML handler, a string of JS that CSP blocks) for a known event.
fn inline_handler(name: &str) -> Option<String> {
    let event = name.strip_prefix("on")?;
    (is_known_event(event)).then(|| event.to_owned())
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |first| first.to_ascii_uppercase().to_string() + chars.as_str())
}

fn block_of(group: &Group) -> Block {
    Block { tokens: group.stream(), span: group.span().into() }
}

fn single_str(group: &Group) -> Option<String> {
    let mut tokens = group.stream().into_iter();
    match (tokens.next(), tokens.next()) {
        (Some(TokenTree::Literal(lit)), None) => unquote_str(&lit.to_string()),
        _ => None,
    }
}

fn unraw(ident: &str) -> String {
    ident.strip_prefix("r#").unwrap_or(ident).to_owned()
}

fn span_of(token: &TokenTree) -> TokenSpan {
    TokenSpan::single(token.span())
}

/// Orders spans by position where positions are known (outside proc macros); inside a
/// proc macro every key is equal and the stable sort keeps discovery order.
fn span_order(span: TokenSpan) -> (usize, usize) {
    let start = span.start.start();
    (start.line, start.column)
}

/// A token as shown in a message: groups are abbreviated.
fn short_token_text(token: &TokenTree) -> String {
    match token {
        TokenTree::Group(group) => match group.delimiter() {
            Delimiter::Brace => "{…}".to_owned(),
            Delimiter::Parenthesis => "(…)".to_owned(),
            Delimiter::Bracket => "[…]".to_owned(),
            Delimiter::None => "…".to_owned(),
        },
        other => {
            let text = other.to_string();
            match text.char_indices().nth(24) {
                Some((cut, _)) => format!("{}…", &text[..cut]),
                None => text,
            }
        }
    }
}
