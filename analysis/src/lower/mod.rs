//! Lowering: a component or a `view!` becomes a [`Plan`] in one walk.
//!
//! Each decision about a view is made here, once: what is static markup (escaped now),
//! which `{expr}` or attribute is a thunk, which `<For>`/`<Show>` the browser renders
//! from a template (built by the same walk that writes the server's markup, so the two
//! cannot disagree on a slot or an export number), and the chunk's exports in their final
//! order. The macros print the plan; `check`, the payload measure and the language server
//! read it.
//!
//! ```
//! use resuma_analysis::lower::{lower_view, Op};
//! let plan = lower_view("<p class=\"a\">\"Hi &\"</p>".parse().unwrap());
//! assert!(plan.diagnostics.is_empty());
//! assert!(matches!(&plan.body.ops[..], [Op::Static(html)] if html == "<p class=\"a\">Hi &amp;</p>"));
//! ```

mod block;
mod code;
mod names;
mod plan;
mod template;
mod view;

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::visit::Visit;

pub use names::{block_closure, list_item_type, signal_name};
pub use plan::{
    BlockKind, Check, Chunk, ClientBlock, Code, CodePiece, ComponentBody, ComponentOp, Export, Op,
    Plan, PropPlan, PropValue, ReactiveParts, ReactivePlan, SlotRef, ViewPlan,
};

use crate::chunk::{chunk_name, module_source};
use crate::diagnostics::{island_root, Diagnostic};
use crate::rs2js::{Closure, Env};
use crate::signature::island::IslandLoad;
use crate::span::TokenSpan;

/// A lowered `#[component]` function, in the environment of its props and `let`s.
pub fn lower_component(function: &syn::ItemFn, env: &Env) -> Plan<ComponentBody> {
    let mut lowering = Lowering::new(env);
    let body = lowering.component_body(function);
    lowering.finish(&function.sig.ident.to_string(), body)
}

/// A lowered `#[island(load = "…")]` function: a component whose render is an island
/// scope and whose root element carries `data-r-island="TRIGGER N CHUNK"` (R048 when the
/// body does not end in a view of one root element).
pub fn lower_island(function: &syn::ItemFn, env: &Env, load: IslandLoad) -> Plan<ComponentBody> {
    let mut lowering = Lowering::new(env);
    lowering.island = Some(load);
    let body = lowering.component_body(function);
    if matches!(body, ComponentBody::Value { .. }) {
        // No tail view to take the marker.
        let span = TokenSpan::single(function.sig.ident.span());
        lowering.diagnostics.push(island_root(span));
    }
    lowering.finish(&function.sig.ident.to_string(), body)
}

/// A standalone `view! { … }` (outside a component): its handlers form a chunk of their
/// own, named `View.HASH`.
pub fn lower_view(tokens: TokenStream) -> Plan<ViewPlan> {
    let env = Env::new();
    let mut lowering = Lowering::new(&env);
    let view = lowering.view(tokens);
    lowering.finish("View", view)
}

/// The state of one lowering: the names in scope, the exports so far, the diagnostics.
struct Lowering {
    env: Env,
    exports: Vec<Export>,
    diagnostics: Vec<Diagnostic<TokenSpan>>,
    views: Vec<TokenSpan>,
    /// Whether `env` holds every name the view being lowered can see: true in a
    /// component's own view, false in a view nested in an expression (a closure may
    /// bind names analysis does not track) or outside a component.
    knows_scope: bool,
    /// An island's trigger.
    island: Option<IslandLoad>,
    /// The trigger while the island's root element is still to be written: the component
    /// body's tail view takes it, and its one root element writes `data-r-island`.
    island_root: Option<IslandLoad>,
}

impl Lowering {
    fn new(env: &Env) -> Lowering {
        Lowering {
            env: env.clone(),
            exports: Vec::new(),
            diagnostics: Vec::new(),
            views: Vec::new(),
            knows_scope: false,
            island: None,
            island_root: None,
        }
    }

    /// Adds the next export of `prefix` with its translation's diagnostics; its name and
    /// closure when it translated.
    fn export(
        &mut self,
        prefix: char,
        span: TokenSpan,
        translated: (Option<Closure>, Vec<Diagnostic<TokenSpan>>),
    ) -> Option<(String, Closure)> {
        let (closure, diagnostics) = translated;
        self.diagnostics.extend(diagnostics);
        let number = self.exports.iter().filter(|it| it.prefix == prefix).count();
        let name = format!("{prefix}{number}");
        self.exports.push(Export { name: name.clone(), prefix, span, closure: closure.clone() });
        Some((name, closure?))
    }

    /// The component's body: inline when it ends in `view!` and has no `return`.
    fn component_body(&mut self, function: &syn::ItemFn) -> ComponentBody {
        let stmts = &function.block.stmts;
        let mut returns = ReturnFinder(false);
        returns.visit_block(&function.block);
        if let (false, Some((last, init))) = (returns.0, stmts.split_last()) {
            if let Some((at, tokens)) = tail_view(last) {
                let init = self.code(quote::quote! { #(#init)* });
                self.views.push(TokenSpan::single(at));
                self.knows_scope = true;
                self.island_root = self.island;
                let view = self.view(tokens);
                self.knows_scope = false;
                return ComponentBody::Inline {
                    init,
                    view,
                    head: String::new(),
                    tail: String::new(),
                };
            }
        }
        let output = match &function.sig.output {
            syn::ReturnType::Type(_, ty) => ty.to_token_stream(),
            syn::ReturnType::Default => quote::quote!(()),
        };
        let span = syn::spanned::Spanned::span(&function.block);
        let block = self.code(function.block.to_token_stream());
        ComponentBody::Value { output, block, span }
    }

    /// The chunk from the exports, and its name written where the markup refers to it.
    fn finish<B: Resolve>(self, component: &str, mut body: B) -> Plan<B> {
        let translated: Vec<(String, &Closure)> = self
            .exports
            .iter()
            .filter_map(|it| Some((it.name.clone(), it.closure.as_ref()?)))
            .collect();
        let chunk = (!translated.is_empty()).then(|| {
            let source = module_source(translated);
            Chunk { name: chunk_name(component, &source), source }
        });
        let name = chunk.as_ref().map_or("", |it| it.name.as_str());
        body.resolve(name);
        if self.island.is_none() {
            body.split_edges();
        }
        Plan {
            body,
            exports: self.exports,
            chunk,
            diagnostics: self.diagnostics,
            views: self.views,
            island: self.island,
        }
    }
}

/// Writes the chunk's name where lowering left [`Op::ChunkName`] or an address prefix,
/// merges adjacent markup, and gives each child component call the markup around it.
trait Resolve {
    fn resolve(&mut self, chunk: &str);

    /// Moves an inline view's leading and trailing markup into `head` and `tail`; only a
    /// component body has them.
    fn split_edges(&mut self) {}
}

impl Resolve for ComponentBody {
    fn resolve(&mut self, chunk: &str) {
        match self {
            ComponentBody::Inline { init, view, .. } => {
                init.resolve(chunk);
                view.resolve(chunk);
            }
            ComponentBody::Value { block, .. } => block.resolve(chunk),
        }
    }

    fn split_edges(&mut self) {
        let ComponentBody::Inline { view, head, tail, .. } = self else { return };
        if let Some(Op::Static(text)) = view.ops.first_mut() {
            *head = std::mem::take(text);
            view.ops.remove(0);
        }
        if let Some(Op::Static(text)) = view.ops.last_mut() {
            *tail = std::mem::take(text);
            view.ops.pop();
        }
    }
}

impl Resolve for Code {
    fn resolve(&mut self, chunk: &str) {
        for piece in &mut self.0 {
            match piece {
                CodePiece::Tokens(_) => {}
                CodePiece::Group { code, .. } => code.resolve(chunk),
                CodePiece::View(view) => view.resolve(chunk),
                CodePiece::Reactive(reactive) => {
                    if let Some(call) = &mut reactive.call {
                        if !call.address.is_empty() {
                            call.address = format!("{chunk}{}", call.address);
                        }
                        call.closure.resolve(chunk);
                    }
                }
            }
        }
    }
}

impl Resolve for ViewPlan {
    fn resolve(&mut self, chunk: &str) {
        let mut ops: Vec<Op> = Vec::with_capacity(self.ops.len());
        for mut op in std::mem::take(&mut self.ops) {
            match &mut op {
                Op::ChunkName => op = Op::Static(chunk.to_owned()),
                Op::Render { value, .. } | Op::Attr { value, .. } | Op::AttrPart { value, .. } => {
                    value.resolve(chunk);
                }
                Op::Component(call) => {
                    for prop in &mut call.props {
                        if let PropValue::Expr(code) = &mut prop.value {
                            code.resolve(chunk);
                        }
                    }
                    if let Some(children) = &mut call.children {
                        children.resolve(chunk);
                    }
                }
                Op::Loop { each, body, .. } => {
                    each.resolve(chunk);
                    body.resolve(chunk);
                }
                Op::If { condition, body } => {
                    condition.resolve(chunk);
                    body.resolve(chunk);
                }
                Op::Block(block) => {
                    block.open.resolve(chunk);
                    block.close.resolve(chunk);
                    match &mut block.kind {
                        BlockKind::List { body, .. } => body.resolve(chunk),
                        BlockKind::Show { condition, body } => {
                            condition.resolve(chunk);
                            body.resolve(chunk);
                        }
                    }
                }
                Op::Static(_)
                | Op::Slot(_)
                | Op::UseReactive
                | Op::UseEvent(_)
                | Op::Boundary
                | Op::IslandNumber => {}
            }
            // Adjacent markup is one run.
            if let (Op::Static(text), Some(Op::Static(last))) = (&op, ops.last_mut()) {
                last.push_str(text);
                continue;
            }
            ops.push(op);
        }
        self.ops = attach_markup(ops);
    }
}

/// Each child component call takes the markup just before it (`before`) and just after
/// it (`after`), which the printed call writes joined with the child's own leading and
/// trailing markup. The bytes are the same: the markup before is still written before
/// the child's, and only the call's prop expressions, which cannot write to the buffer,
/// now run before it.
fn attach_markup(ops: Vec<Op>) -> Vec<Op> {
    let mut out: Vec<Op> = Vec::with_capacity(ops.len());
    let mut ops = ops.into_iter().peekable();
    while let Some(mut op) = ops.next() {
        if let Op::Component(call) = &mut op {
            if let Some(Op::Static(text)) = out.last_mut() {
                call.before = std::mem::take(text);
                out.pop();
            }
            if let Some(Op::Static(text)) = ops.peek_mut() {
                call.after = std::mem::take(text);
                ops.next();
            }
        }
        out.push(op);
    }
    out
}

/// The name's span and the tokens of a `view!` that ends a block, if one does.
fn tail_view(stmt: &syn::Stmt) -> Option<(proc_macro2::Span, TokenStream)> {
    let mac = match stmt {
        syn::Stmt::Macro(stmt) if stmt.semi_token.is_none() => &stmt.mac,
        syn::Stmt::Expr(syn::Expr::Macro(expr), None) => &expr.mac,
        _ => return None,
    };
    let name = mac.path.segments.last().filter(|it| it.ident == "view")?;
    Some((name.ident.span(), mac.tokens.clone()))
}

/// Finds a `return` that belongs to the function (not to a closure or nested item).
struct ReturnFinder(bool);

impl Visit<'_> for ReturnFinder {
    fn visit_expr_return(&mut self, _: &syn::ExprReturn) {
        self.0 = true;
    }
    fn visit_expr_closure(&mut self, _: &syn::ExprClosure) {}
    fn visit_item(&mut self, _: &syn::Item) {}
    fn visit_expr_async(&mut self, _: &syn::ExprAsync) {}
}

#[cfg(test)]
mod tests;
