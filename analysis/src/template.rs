//! Client templates: the JavaScript that renders the content of a keyed `<For>` or a
//! `<Show>` in the browser (docs/resumability.md, "Blocks").
//!
//! The `#[component]` macro puts the template in the component's chunk and `check`
//! measures the same text: both call [`block_template`]. A template carries no values:
//! every dynamic part is a binding (bound text, `data-r-a`, a handler address) that the
//! browser evaluates once the nodes are inserted, so it is structure and slot numbers
//! only, and nothing in it needs escaping at run time.

use std::collections::BTreeMap;

use proc_macro2::{TokenStream, TokenTree};

use crate::diagnostics::{unsupported_in_template, Diagnostic};
use crate::exports::ViewExport;
use crate::js_macro::{js_macro_body, translate_js};
use crate::rs2js::{translate_closure, translate_thunk, Closure, Env, Ty};
use crate::span::TokenSpan;
use crate::view::{escape_attr, escape_text, AttrValue, Block, Node};

/// The numbers the next exports of each prefix (`h`, `t`) get in the component's chunk.
pub type ExportNumbers = BTreeMap<char, usize>;

/// A block's content as a template, with what it needs.
#[derive(Debug)]
pub struct BlockTemplate {
    /// `(c,a,i)=>"…"+…`: `c` the chunk's name, `a` the block's slots, `i` the item's.
    pub js: String,
    /// The names from outside the block the content uses, in slot order (the seed first).
    pub outer: Vec<String>,
    /// The DOM events of the content's handlers, sorted, without repeats.
    pub events: Vec<String>,
    /// The handlers and thunks of the content, in chunk order.
    pub exports: Vec<ViewExport>,
    /// What could not be translated or rendered in the browser.
    pub diagnostics: Vec<Diagnostic<TokenSpan>>,
}

/// The template of `nodes`, the content of a block whose item (in a `<For>`) is `item`.
/// `env` has the item bound; `outer` seeds the block's slots (the list's signal, or the
/// `<Show>` condition's captures); `numbers` are the component's next export numbers,
/// advanced past the content's exports.
pub fn block_template(
    nodes: &[Node],
    env: &Env,
    item: Option<&str>,
    outer: Vec<String>,
    numbers: &mut ExportNumbers,
) -> BlockTemplate {
    let mut writer = TemplateWriter {
        env,
        item,
        outer,
        numbers,
        pieces: Vec::new(),
        events: Vec::new(),
        exports: Vec::new(),
        diagnostics: Vec::new(),
    };
    writer.nodes(nodes);
    let mut events = writer.events;
    events.sort_unstable();
    events.dedup();
    BlockTemplate {
        js: template_js(&writer.pieces),
        outer: writer.outer,
        events,
        exports: writer.exports,
        diagnostics: writer.diagnostics,
    }
}

enum Piece {
    /// Markup, as it is.
    Lit(String),
    /// A JavaScript expression: `c`, `a[K]` or `i`.
    Code(String),
}

struct TemplateWriter<'a> {
    env: &'a Env,
    item: Option<&'a str>,
    outer: Vec<String>,
    numbers: &'a mut ExportNumbers,
    pieces: Vec<Piece>,
    events: Vec<String>,
    exports: Vec<ViewExport>,
    diagnostics: Vec<Diagnostic<TokenSpan>>,
}

/// What an attribute is bound to: a signal's slot, or a thunk's export and captures.
enum Bound {
    Slot(String),
    Thunk(String, Vec<String>),
}

impl TemplateWriter<'_> {
    fn lit(&mut self, text: &str) {
        self.pieces.push(Piece::Lit(text.to_owned()));
    }

    fn slot(&mut self, name: &str) {
        let code = if self.item == Some(name) {
            "i".to_owned()
        } else {
            let idx = match self.outer.iter().position(|it| it == name) {
                Some(idx) => idx,
                None => {
                    self.outer.push(name.to_owned());
                    self.outer.len() - 1
                }
            };
            format!("a[{idx}]")
        };
        self.pieces.push(Piece::Code(code));
    }

    /// `CHUNK#EXPORT|SLOT,…`.
    fn address(&mut self, export: &str, captures: &[String]) {
        self.pieces.push(Piece::Code("c".to_owned()));
        self.lit(&format!("#{export}"));
        for (idx, name) in captures.iter().enumerate() {
            self.lit(if idx == 0 { "|" } else { "," });
            self.slot(name);
        }
    }

    /// Translates the next export of `prefix`; its number and closure when it translated.
    fn export(
        &mut self,
        prefix: char,
        span: TokenSpan,
        translated: (Option<Closure>, Vec<Diagnostic<TokenSpan>>),
    ) -> Option<(usize, Closure)> {
        let (closure, diagnostics) = translated;
        self.diagnostics.extend(diagnostics);
        let number = self.numbers.entry(prefix).or_insert(0);
        let this = *number;
        *number += 1;
        self.exports.push(ViewExport { prefix, span, closure: closure.clone() });
        Some((this, closure?))
    }

    fn thunk(&mut self, block: &Block) -> Option<(String, Vec<String>)> {
        let translated = translate_thunk(block.tokens.clone(), self.env);
        let (number, closure) = self.export('t', block.span, translated)?;
        Some((format!("t{number}"), closure.captures.into_iter().map(|it| it.name).collect()))
    }

    fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            match node {
                Node::Text(text) => self.lit(&escape_text(&text.value)),
                Node::Expr(block) => self.expr_child(block),
                Node::Element(element) => {
                    self.lit(&format!("<{}", element.tag.text));
                    let mut bound = Vec::new();
                    for attr in &element.attrs {
                        let name = &attr.name.text;
                        if let Some(event) = attr.event() {
                            if let AttrValue::Expr(block) = &attr.value {
                                self.handler(&event, block);
                            }
                            continue;
                        }
                        match &attr.value {
                            AttrValue::Flag => self.lit(&format!(" {name}")),
                            AttrValue::Str(text) => {
                                self.lit(&format!(" {name}=\"{}\"", escape_attr(&text.value)));
                            }
                            AttrValue::Expr(block) => match self.signal(&block.tokens) {
                                Some(signal) => bound.push((name.as_str(), Bound::Slot(signal))),
                                None => {
                                    if let Some((export, captures)) = self.thunk(block) {
                                        bound.push((name.as_str(), Bound::Thunk(export, captures)));
                                    }
                                }
                            },
                        }
                    }
                    if !bound.is_empty() {
                        self.lit(" data-r-a=\"");
                        for (idx, (name, binding)) in bound.into_iter().enumerate() {
                            self.lit(&format!("{}{name}=", if idx == 0 { "" } else { " " }));
                            match binding {
                                Bound::Slot(signal) => self.slot(&signal),
                                Bound::Thunk(export, captures) => self.address(&export, &captures),
                            }
                        }
                        self.lit("\"");
                    }
                    self.lit(">");
                    if element.is_void() {
                        continue;
                    }
                    self.nodes(&element.children);
                    self.lit(&format!("</{}>", element.tag.text));
                }
                Node::Component(call) => {
                    let what = match call.name.text.as_str() {
                        "For" | "Show" => format!("a nested <{}>", call.name.text),
                        name => format!("the component <{name}>"),
                    };
                    self.diagnostics.push(unsupported_in_template(call.open_span, &what));
                }
                Node::Fragment(fragment) => self.nodes(&fragment.children),
            }
        }
    }

    /// `{expr}`: a signal's bound text, or a thunk's; the browser writes the value.
    fn expr_child(&mut self, block: &Block) {
        if let Some(signal) = self.signal(&block.tokens) {
            self.lit("<!--r:");
            self.slot(&signal);
            self.lit("--><!--/r-->");
        } else if let Some((export, captures)) = self.thunk(block) {
            self.lit("<!--r:");
            self.address(&export, &captures);
            self.lit("--><!--/r-->");
        }
    }

    /// ` data-r-on:EVENT="[!]CHUNK#INDEX|SLOT,…"`.
    fn handler(&mut self, event: &str, block: &Block) {
        let translated = match js_macro_body(&block.tokens) {
            Some(body) => translate_js(body),
            None => translate_closure(block.tokens.clone(), self.env),
        };
        let Some((number, closure)) = self.export('h', block.span, translated) else { return };
        let bang = if closure.calls_prevent_default { "!" } else { "" };
        self.lit(&format!(" data-r-on:{event}=\"{bang}"));
        let captures: Vec<String> = closure.captures.into_iter().map(|it| it.name).collect();
        self.address(&number.to_string(), &captures);
        self.lit("\"");
        self.events.push(event.to_owned());
    }

    fn signal(&self, tokens: &TokenStream) -> Option<String> {
        signal_name(tokens, self.env)
    }
}

/// The signal `tokens` consist of, when they are one signal's name in `env`.
pub fn signal_name(tokens: &TokenStream, env: &Env) -> Option<String> {
    let mut trees = tokens.clone().into_iter();
    match (trees.next(), trees.next()) {
        (Some(TokenTree::Ident(ident)), None) => {
            let name = ident.to_string();
            matches!(env.get(&name), Some(Ty::Signal(_))).then_some(name)
        }
        _ => None,
    }
}

/// The item type of a list over the signal `name` (`Signal<Vec<T>>` → `T`), `Unknown`
/// when `env` does not say.
pub fn list_item_type(env: &Env, name: &str) -> Ty {
    match env.get(name) {
        Some(Ty::Signal(inner)) => match inner.as_ref() {
            Ty::Vec(elem) => elem.as_ref().clone(),
            _ => Ty::Unknown,
        },
        _ => Ty::Unknown,
    }
}

fn template_js(pieces: &[Piece]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut lit = String::new();
    for piece in pieces {
        match piece {
            Piece::Lit(text) => lit.push_str(text),
            Piece::Code(code) => {
                if !lit.is_empty() {
                    parts.push(js_string(&std::mem::take(&mut lit)));
                }
                parts.push(code.clone());
            }
        }
    }
    if !lit.is_empty() || parts.is_empty() {
        parts.push(js_string(&lit));
    }
    format!("(c,a,i)=>{}", parts.join("+"))
}

/// A JavaScript string literal for `text`.
pub fn js_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if c < ' ' => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A block's export: `[when, key, template]`, with the helpers of the closure in it.
pub fn block_closure(js: String, translated: Closure) -> Closure {
    Closure { js, captures: Vec::new(), ..translated }
}
