//! What a view's expansion translates, in the order the `#[component]` macro does it:
//! handlers (`h`), thunks for `{expr}` children and attributes that read a signal (`t`),
//! and client blocks, a keyed `<For>` over a signal or a `<Show>` whose condition reads
//! one (`b`), whose content is a template (`template.rs`) where every expression is a
//! thunk.
//!
//! `check` uses it so that the editor reports what the compiler reports; the macro makes
//! the same decisions in `macros/src/view.rs`, and builds its templates with the same
//! [`block_template`].

use proc_macro2::{TokenStream, TokenTree};

use crate::diagnostics::Diagnostic;
use crate::js_macro::{js_macro_body, translate_js};
use crate::reactive::reads_signal;
use crate::rs2js::{translate_closure, translate_fn, translate_thunk, Closure, Env};
use crate::span::TokenSpan;
use crate::template::{block_closure, block_template, list_item_type, signal_name, ExportNumbers};
use crate::view::{AttrValue, Block, ComponentCall, Node};

/// One translated export of a view.
#[derive(Clone, Debug)]
pub struct ViewExport {
    /// `'h'` (handler), `'t'` (thunk) or `'b'` (block).
    pub prefix: char,
    /// The tokens it was translated from.
    pub span: TokenSpan,
    /// The translation, when it succeeded.
    pub closure: Option<Closure>,
}

/// The exports of a view's nodes, with the diagnostics of their translation; `numbers`
/// are the component's next export numbers (templates name exports by number), advanced
/// past this view's.
pub fn view_exports(
    nodes: &[Node],
    env: &Env,
    numbers: &mut ExportNumbers,
) -> (Vec<ViewExport>, Vec<Diagnostic<TokenSpan>>) {
    let mut walk = Walk { env: env.clone(), numbers, exports: Vec::new(), diags: Vec::new() };
    walk.nodes(nodes);
    (walk.exports, walk.diags)
}

struct Walk<'a> {
    env: Env,
    numbers: &'a mut ExportNumbers,
    exports: Vec<ViewExport>,
    diags: Vec<Diagnostic<TokenSpan>>,
}

impl Walk<'_> {
    fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            match node {
                Node::Element(element) => {
                    for attr in &element.attrs {
                        let AttrValue::Expr(block) = &attr.value else { continue };
                        if attr.event().is_some() {
                            self.handler(block);
                        } else {
                            self.expression(block);
                        }
                    }
                    self.nodes(&element.children);
                }
                Node::Expr(block) => self.expression(block),
                Node::Component(call) => self.component(call),
                Node::Fragment(fragment) => self.nodes(&fragment.children),
                Node::Text(_) => {}
            }
        }
    }

    fn push(&mut self, prefix: char, span: TokenSpan, translated: TranslatedPair) {
        let (closure, diags) = translated;
        self.diags.extend(diags);
        *self.numbers.entry(prefix).or_insert(0) += 1;
        self.exports.push(ViewExport { prefix, span, closure });
    }

    fn handler(&mut self, block: &Block) {
        let translated = match js_macro_body(&block.tokens) {
            Some(body) => translate_js(body),
            None => translate_closure(block.tokens.clone(), &self.env),
        };
        self.push('h', block.span, translated);
    }

    /// An `{expr}` child or an attribute's expression: a thunk when it reads a signal
    /// (a bare signal is bound by its slot, with nothing to translate).
    fn expression(&mut self, block: &Block) {
        if signal_name(&block.tokens, &self.env).is_some() {
            return;
        }
        if reads_signal(&block.tokens, &self.env) {
            let translated = translate_thunk(block.tokens.clone(), &self.env);
            self.push('t', block.span, translated);
        }
    }

    fn component(&mut self, call: &ComponentCall) {
        match call.name.text.as_str() {
            "For" => self.for_block(call),
            "Show" => self.show_block(call),
            _ => self.nodes(&call.children),
        }
    }

    fn for_block(&mut self, call: &ComponentCall) {
        let prop = |name: &str| {
            call.props.iter().find(|it| it.name.text == name).and_then(|it| match &it.value {
                AttrValue::Expr(block) => Some(block),
                _ => None,
            })
        };
        let each = prop("each").and_then(|block| signal_name(&block.tokens, &self.env));
        let item = call.props.iter().find_map(|it| it.name.text.strip_prefix("let:"));
        let (Some(key), Some(each_name), Some(item)) = (prop("key"), each, item) else {
            return self.nodes(&call.children);
        };
        let elem = list_item_type(&self.env, &each_name);
        let mut env = self.env.clone();
        env.insert(item, elem.clone());
        let template =
            block_template(&call.children, &env, Some(item), vec![each_name], self.numbers);
        self.content(template.exports, template.diagnostics);
        let (key_closure, diags) = translate_fn(key.tokens.clone(), &self.env, vec![elem]);
        let block =
            key_closure.map(|key| block_closure(format!("[0,{},{}]", key.js, template.js), key));
        self.push('b', whole(call), (block, diags));
    }

    /// A block's content: its exports, already numbered, and diagnostics.
    fn content(&mut self, exports: Vec<ViewExport>, diags: Vec<Diagnostic<TokenSpan>>) {
        self.exports.extend(exports);
        self.diags.extend(diags);
    }

    fn show_block(&mut self, call: &ComponentCall) {
        let when = call.props.iter().find_map(|it| match (&it.value, it.name.text.as_str()) {
            (AttrValue::Expr(block), "when") => Some(block),
            _ => None,
        });
        let Some(when) = when.filter(|it| reads_signal(&it.tokens, &self.env)) else {
            return self.nodes(&call.children);
        };
        let (when_closure, diags) = translate_thunk(when.tokens.clone(), &self.env);
        self.diags.extend(diags);
        let Some(when_closure) = when_closure else { return };
        let seed = when_closure.captures.iter().map(|it| it.name.clone()).collect();
        let template = block_template(&call.children, &self.env, None, seed, self.numbers);
        self.content(template.exports, template.diagnostics);
        let js = format!("[{},0,{}]", when_closure.js, template.js);
        self.push('b', whole(call), (Some(block_closure(js, when_closure)), Vec::new()));
    }
}

/// From `<For` to `</For>`: a block's export comes after its content's.
fn whole(call: &ComponentCall) -> TokenSpan {
    call.open_span.to(call.close_span.unwrap_or(call.open_span))
}

type TranslatedPair = (Option<Closure>, Vec<Diagnostic<TokenSpan>>);

/// The `computed!`, `effect!` and `debounce!` calls in `body` (a component's block, at any
/// depth), translated like the macro translates them, with their dependency checks.
pub fn reactive_exports(
    body: TokenStream,
    env: &Env,
) -> (Vec<ViewExport>, Vec<Diagnostic<TokenSpan>>) {
    let mut exports = Vec::new();
    let mut diags = Vec::new();
    let mut stack = vec![body.into_iter().peekable()];
    while let Some(trees) = stack.last_mut() {
        let Some(tree) = trees.next() else {
            stack.pop();
            continue;
        };
        match tree {
            TokenTree::Ident(ident) => {
                let Some(kind) = crate::reactive::ReactiveKind::from_name(&ident.to_string())
                else {
                    continue;
                };
                if !matches!(trees.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!') {
                    continue;
                }
                trees.next();
                let Some(TokenTree::Group(group)) = trees.next() else { continue };
                match crate::reactive::parse_reactive(kind, group.stream(), ident.span()) {
                    Ok(call) => {
                        let span = TokenSpan::single(ident.span());
                        let (closure, found) = translate_fn(call.closure.clone(), env, Vec::new());
                        diags.extend(found);
                        if let Some(closure) = &closure {
                            diags
                                .extend(crate::reactive::missing_dependencies(&call, closure, env));
                        }
                        exports.push(ViewExport { prefix: 't', span, closure });
                    }
                    Err(diagnostic) => diags.push(diagnostic),
                }
            }
            TokenTree::Group(group) if stack.len() < 64 => {
                stack.push(group.stream().into_iter().peekable());
            }
            _ => {}
        }
    }
    (exports, diags)
}
