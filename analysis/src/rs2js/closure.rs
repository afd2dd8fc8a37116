//! Closures: the handler itself and the closures inside it (`update(|c| …)`,
//! `map(|x| …)`, `let f = |x: i32| …`), each an arrow function.
//!
//! The handler's own parameters come first (an untyped first parameter is the event),
//! then one per capture. In an `update` closure the `&mut` parameter is a local that
//! every exit returns, so `*c += 1` becomes `c = …; return c;`.

use quote::ToTokens;

use super::cx::{span_of, FnCtx, Kind, Tx};
use super::emit::{block, Shape, Val};
use super::stmt::stmt_of;
use super::ty::Ty;
use crate::diagnostics::{ambiguous_option, unsupported_expression};

/// How a closure's parameters are typed and what it returns.
#[derive(Clone)]
pub(crate) enum Mode {
    /// The handler: an untyped first parameter is the event.
    Handler,
    /// A closure whose parameters have the given types (annotations win).
    Params(Vec<Ty>),
    /// The closure of `Signal::update`: its one parameter is `&mut T`.
    Update(Ty),
    /// The body of an `effect!` or `debounce!`: no parameters; like a handler, it may be
    /// async (`move || async move { … }`), to await a `#[server]` fn.
    Effect,
}

/// A translated closure.
pub(crate) struct Fn {
    /// Its own parameters' JavaScript names.
    pub(crate) params: Vec<String>,
    /// Its body's statements.
    pub(crate) stmts: Vec<String>,
    /// Its body's value.
    pub(crate) val: Val,
    /// An async handler: an `async` arrow function.
    pub(crate) is_async: bool,
}

impl Fn {
    /// The arrow function, with `extra` parameters after the closure's own.
    pub(crate) fn arrow(&self, extra: &[String]) -> String {
        let params: Vec<&str> = self.params.iter().chain(extra).map(String::as_str).collect();
        let prefix = if self.is_async { "async " } else { "" };
        let head = format!("{prefix}({})", params.join(", "));
        let val = &self.val;
        let empty_unit = val.ty == Ty::Unit && val.pure;
        if self.stmts.is_empty() && !val.never && !empty_unit {
            let body =
                if val.js.starts_with('{') { format!("({})", val.js) } else { val.js.clone() };
            return format!("{head} => {body}");
        }
        let mut stmts = self.stmts.clone();
        if !val.never {
            if val.ty == Ty::Unit {
                if !val.pure {
                    stmts.push(stmt_of(&val.js));
                }
            } else {
                stmts.push(format!("return {};", val.js));
            }
        }
        format!("{head} => {}", block(&stmts))
    }
}

impl Tx<'_> {
    /// Translates `closure` in `mode`; `ret` is the type its context wants it to return.
    pub(crate) fn closure_fn(
        &mut self,
        closure: &syn::ExprClosure,
        mode: Mode,
        ret: Option<Ty>,
    ) -> Option<Fn> {
        let is_async = is_async_closure(closure);
        if is_async && !matches!(mode, Mode::Handler | Mode::Effect) {
            // Nested in the handler or body being translated, or that body itself (a
            // `computed!`'s, a list's key function).
            let (what, help) = match self.fn_ctx() {
                Some(_) => (
                    "an async closure inside a handler",
                    "only the handler itself can be async: `move |_| async move { … }`",
                ),
                None => (
                    "an async closure here",
                    "a computed! returns its value at once, so its body cannot be async: \
                     set a signal from an async effect! or debounce! (`move || async move { … }`)",
                ),
            };
            return self.fail(unsupported_expression(span_of(closure), what, Some(help)));
        }
        if is_async {
            self.result_awaits = super::server::result_awaits(&closure.body);
        }
        let annotated = match &closure.output {
            syn::ReturnType::Type(_, ty) => Some(self.env.ty(ty)),
            syn::ReturnType::Default => None,
        };
        let ret = annotated.or(ret);
        self.fns.push(FnCtx { returns_param: None, ret: ret.clone(), loops: Vec::new(), is_async });
        self.push_scope();
        let res = self.closure_body(closure, &mode, ret.as_ref());
        self.pop_scope();
        self.fns.pop();
        res
    }

    fn closure_body(
        &mut self,
        closure: &syn::ExprClosure,
        mode: &Mode,
        ret: Option<&Ty>,
    ) -> Option<Fn> {
        let (stmts, res) = self.buffered(|tx| {
            let mut params = Vec::new();
            for (idx, input) in closure.inputs.iter().enumerate() {
                let (pat, annotation) = match input {
                    syn::Pat::Type(typed) => (&*typed.pat, Some(self.env.ty(&typed.ty))),
                    pat => (pat, None),
                };
                if let Some(bad) = annotation.as_ref().and_then(Ty::ambiguous_option) {
                    return tx.fail(ambiguous_option(span_of(input), &bad.to_string()));
                }
                let from_mode = match mode {
                    Mode::Handler if idx == 0 => Ty::Event,
                    Mode::Params(tys) => tys.get(idx).cloned().unwrap_or(Ty::Unknown),
                    Mode::Update(ty) if idx == 0 => ty.clone(),
                    _ => Ty::Unknown,
                };
                let ty = annotation.filter(|t| *t != Ty::Unknown).unwrap_or(from_mode);
                // The `&mut` parameter of `update` is written through `*c = …`.
                let written = matches!(mode, Mode::Update(_)) && idx == 0;
                params.push(tx.param(pat, ty, written)?);
                if let (true, syn::Pat::Ident(ident)) = (written, pat) {
                    tx.mark_mut_ref(&ident.ident.to_string());
                }
            }
            if let (Mode::Update(_), Some(first)) = (mode, params.first()) {
                let first = first.clone();
                if let Some(ctx) = tx.fn_ctx() {
                    ctx.returns_param = Some(first.clone());
                }
                let never = tx.discard(&closure.body)?;
                if !never {
                    tx.emit(format!("return {first};"));
                }
                return Some((params, Val::never()));
            }
            let val = match (async_body(closure), &*closure.body) {
                (Some(block), _) => tx.block_body(block, ret)?,
                (None, syn::Expr::Block(b)) if b.label.is_none() => tx.block_body(&b.block, ret)?,
                (None, body) => tx.expr(body, ret)?,
            };
            let val = if val.ty != Ty::Unit && !val.never { tx.owned(val) } else { val };
            Some((params, val))
        });
        let (params, val) = res?;
        let is_async = self.fn_ctx().is_some_and(|ctx| ctx.is_async);
        Some(Fn { params, stmts, val, is_async })
    }

    /// Binds one parameter (`written`: assigned through, so its reads are not pure);
    /// returns its JavaScript name.
    fn param(&mut self, pat: &syn::Pat, ty: Ty, written: bool) -> Option<String> {
        match pat {
            syn::Pat::Ident(ident) if ident.subpat.is_none() => {
                let kind = if ty == Ty::Event { Kind::Event } else { Kind::Local };
                let mutable = written || ident.mutability.is_some();
                Some(self.bind(&ident.ident.to_string(), ty, kind, mutable, None))
            }
            syn::Pat::Wild(_) => Some(self.temp()),
            syn::Pat::Reference(r) => self.param(&r.pat, ty, written),
            syn::Pat::Paren(p) => self.param(&p.pat, ty, written),
            pat => {
                let temp = self.temp();
                self.bind_irrefutable(pat, Val::pure(temp.clone(), ty), "let")?;
                Some(temp)
            }
        }
    }

    /// A closure written as a value: `let f = |x: i32| x + 1;`.
    pub(crate) fn closure_value(&mut self, closure: &syn::ExprClosure) -> Option<Val> {
        let f = self.closure_fn(closure, Mode::Params(Vec::new()), None)?;
        let ty = f.val.ty.clone();
        let arrow = f.arrow(&[]);
        let js = if closure.capture.is_some() { self.moved(closure, arrow) } else { arrow };
        Some(Val::new(js, ty).shaped(Shape::Closure))
    }

    /// A `move` closure copies what it captures when it is made, so a later change of
    /// the variable outside is not seen inside (nor the closure's own changes outside):
    /// `((n) => arrow)(n)` binds each captured local (cloned if an object) and each
    /// captured plain value's cell (a copy of it) at creation. A signal handle and a
    /// `&mut` binding are references in Rust too, and stay shared.
    fn moved(&mut self, closure: &syn::ExprClosure, arrow: String) -> String {
        let mut names = Vec::new();
        mentioned_names(closure.body.to_token_stream(), &mut names);
        let mut params = Vec::new();
        let mut args = Vec::new();
        for name in names {
            let Some(binding) = self.lookup(&name).cloned() else { continue };
            if params.contains(&binding.js) {
                continue;
            }
            let arg = match binding.kind {
                Kind::Local if binding.mut_ref => continue,
                Kind::Local if binding.ty.is_mutable_object() => {
                    format!("{}({})", self.helper("$clone"), binding.js)
                }
                Kind::Local => binding.js.clone(),
                Kind::Capture if !matches!(binding.ty, Ty::Signal(_)) => {
                    format!("{}({})", self.helper("$snap"), binding.js)
                }
                _ => continue,
            };
            params.push(binding.js);
            args.push(arg);
        }
        if params.is_empty() {
            return arrow;
        }
        format!("(({}) => {arrow})({})", params.join(", "), args.join(", "))
    }

    /// A closure passed to a method: a closure literal whose parameters have `params`
    /// types, or a local closure. The value's type is what the closure returns.
    pub(crate) fn closure_arg(
        &mut self,
        expr: &syn::Expr,
        params: Vec<Ty>,
        ret: Option<Ty>,
    ) -> Option<Val> {
        match expr {
            syn::Expr::Closure(closure) => {
                let f = self.closure_fn(closure, Mode::Params(params), ret)?;
                let ty = f.val.ty.clone();
                let arrow = f.arrow(&[]);
                // Iterators are lazy: `v.iter().map(move |x| x + k)` may run after `k`
                // changed, and must see `k` as it was when the closure was made.
                let js = if closure.capture.is_some() { self.moved(closure, arrow) } else { arrow };
                Some(Val::new(js, ty).shaped(Shape::Closure))
            }
            syn::Expr::Paren(p) => self.closure_arg(&p.expr, params, ret),
            other => {
                let val = self.expr(other, None)?;
                if val.shape == Shape::Closure {
                    return Some(val);
                }
                self.fail(unsupported_expression(
                    span_of(other),
                    "a function passed by name",
                    Some("write a closure: `|x| …`"),
                ))
            }
        }
    }

    /// The `update` closure of a signal of `T`.
    pub(crate) fn update_arg(&mut self, expr: &syn::Expr, ty: Ty) -> Option<String> {
        let syn::Expr::Closure(closure) = strip_parens(expr) else {
            return self.fail(unsupported_expression(
                span_of(expr),
                "an `update` without a closure literal",
                Some("write the closure in place: `update(|value| …)`"),
            ));
        };
        let f = self.closure_fn(closure, Mode::Update(ty), None)?;
        let arrow = f.arrow(&[]);
        Some(if closure.capture.is_some() { self.moved(closure, arrow) } else { arrow })
    }
}

/// Every identifier in `tokens`, and every word in its string literals (a `format!`
/// string names variables: `"{n}"`), in first-mention order: a superset of the
/// variables a closure body reads.
fn mentioned_names(tokens: proc_macro2::TokenStream, out: &mut Vec<String>) {
    let mut stack = vec![tokens.into_iter()];
    while let Some(trees) = stack.last_mut() {
        let Some(tree) = trees.next() else {
            stack.pop();
            continue;
        };
        let mut push = |name: &str| {
            if !out.iter().any(|it| it == name) {
                out.push(name.to_owned());
            }
        };
        match tree {
            proc_macro2::TokenTree::Ident(ident) => push(&ident.to_string()),
            proc_macro2::TokenTree::Literal(lit) => {
                let text = lit.to_string();
                for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
                    if word.starts_with(|c: char| c.is_alphabetic() || c == '_') {
                        push(word);
                    }
                }
            }
            proc_macro2::TokenTree::Group(group) => stack.push(group.stream().into_iter()),
            proc_macro2::TokenTree::Punct(_) => {}
        }
    }
}

/// Whether `closure` is async: `async move || …`, or a body that is an async block.
pub(crate) fn is_async_closure(closure: &syn::ExprClosure) -> bool {
    closure.asyncness.is_some() || async_body(closure).is_some()
}

/// The block of a closure whose body is `async { … }` / `async move { … }`.
fn async_body(closure: &syn::ExprClosure) -> Option<&syn::Block> {
    match strip_parens(&closure.body) {
        syn::Expr::Async(a) => Some(&a.block),
        _ => None,
    }
}

fn strip_parens(expr: &syn::Expr) -> &syn::Expr {
    match expr {
        syn::Expr::Paren(p) => strip_parens(&p.expr),
        other => other,
    }
}
