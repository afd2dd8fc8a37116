//! The state of one translation: scopes and their JavaScript names, the statement
//! buffer, function and loop contexts, the helpers and captures used so far, the
//! diagnostics, and the inference of unsuffixed integer literals.
//!
//! Expressions translate to a [`Val`] plus statements pushed into [`Tx::out`] that must
//! run before it (a *prelude*): `match` in an operand, `?`, a loop with a value. Code
//! that combines several operands keeps Rust's left-to-right order by spilling earlier
//! operands into temporaries when a later one emits a prelude ([`Tx::seq`]).

use std::collections::{BTreeSet, HashMap};

use proc_macro2::TokenStream;
use quote::ToTokens;

use super::emit::{is_reserved, Val};
use super::env::Env;
use super::helpers::add_with_deps;
use super::output::Capture;
use super::ty::Ty;
use crate::diagnostics::Diagnostic;
use crate::span::TokenSpan;

/// How deep expressions may nest before rs2js refuses (its own recursion guard).
pub(crate) const MAX_DEPTH: u32 = 64;

/// A name in scope inside the closure.
#[derive(Clone, Debug)]
pub(crate) struct Binding {
    /// Its JavaScript name (unique within the translation).
    pub(crate) js: String,
    /// Its type (for a closure: what it returns).
    pub(crate) ty: Ty,
    /// What it is.
    pub(crate) kind: Kind,
    /// Whether it was declared `mut` (its reads are not pure).
    pub(crate) mutable: bool,
    /// The inference variable of its integer type, if it came from a literal.
    pub(crate) var: Option<usize>,
    /// Whether it is a `&mut` (see [`Val::mut_ref`]).
    pub(crate) mut_ref: bool,
    /// Whether it was bound from a `&mut` by a pattern: in Rust it points into that
    /// value, in JavaScript it is a copy, so assigning it would be lost.
    pub(crate) alias: bool,
}

/// What a binding is in JavaScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A plain local (a `let`, a parameter of a nested closure).
    Local,
    /// The handler's DOM event.
    Event,
    /// A captured value: a cell (a signal is used as the cell itself).
    Capture,
    /// A local closure.
    Closure,
}

/// The function being translated (the handler or a nested closure).
#[derive(Debug, Default)]
pub(crate) struct FnCtx {
    /// `Some(js)` in an `update` closure: every exit returns this parameter.
    pub(crate) returns_param: Option<String>,
    /// What the function returns, when known (for `?`).
    pub(crate) ret: Option<Ty>,
    /// Enclosing loops and labelled blocks, innermost last.
    pub(crate) loops: Vec<LoopCtx>,
    /// An async function: `.await` is allowed in it.
    pub(crate) is_async: bool,
}

/// A loop or labelled block that `break` may leave.
#[derive(Debug)]
pub(crate) struct LoopCtx {
    /// The Rust label without its `'`.
    pub(crate) label: Option<String>,
    /// The JavaScript label on the statement, if it has one.
    pub(crate) js_label: Option<String>,
    /// The temporary receiving `break value`, in value position.
    pub(crate) result: Option<String>,
    /// The type of the values broken with, once one was.
    pub(crate) result_ty: Option<Val>,
    /// Whether unlabelled `break`/`continue` target it (loops, not blocks).
    pub(crate) is_loop: bool,
}

/// Inference of unsuffixed integer literals' types, across passes: a literal without a
/// type from its context gets a variable; later uses (`total += x_u64`) constrain it;
/// the next pass types the literal with what was found (`i32` when nothing was).
#[derive(Debug, Default)]
pub(crate) struct Infer {
    /// What the previous pass found, per variable.
    prev: Vec<Option<Ty>>,
    found: Vec<Option<Ty>>,
    parent: Vec<usize>,
}

impl Infer {
    /// A new inference that starts from `prev` (what an earlier pass found).
    pub(crate) fn new(prev: Vec<Option<Ty>>) -> Infer {
        Infer { prev, found: Vec::new(), parent: Vec::new() }
    }

    /// A new variable.
    pub(crate) fn fresh(&mut self) -> usize {
        self.found.push(None);
        self.parent.push(self.parent.len());
        self.parent.len() - 1
    }

    /// The type the previous pass found for `var`.
    pub(crate) fn previous(&self, var: usize) -> Option<Ty> {
        self.prev.get(var).cloned().flatten()
    }

    fn root(&self, mut var: usize) -> usize {
        for _ in 0..self.parent.len() {
            match self.parent.get(var) {
                Some(&up) if up != var => var = up,
                _ => break,
            }
        }
        var
    }

    /// Records that `var` is an integer of type `ty` (the first constraint wins).
    pub(crate) fn constrain(&mut self, var: usize, ty: &Ty) {
        if !ty.is_int() {
            return;
        }
        let root = self.root(var);
        if let Some(slot @ None) = self.found.get_mut(root) {
            *slot = Some(ty.clone());
        }
    }

    /// Records that `a` and `b` are the same type.
    pub(crate) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra == rb {
            return;
        }
        let found_b = self.found.get(rb).cloned().flatten();
        if let Some(slot) = self.parent.get_mut(rb) {
            *slot = ra;
        }
        if let (Some(ty), Some(slot @ None)) = (found_b, self.found.get_mut(ra)) {
            *slot = Some(ty);
        }
    }

    /// What this pass found, per variable.
    pub(crate) fn finish(&self) -> Vec<Option<Ty>> {
        (0..self.found.len()).map(|var| self.found.get(self.root(var)).cloned().flatten()).collect()
    }
}

/// One translation in progress.
pub(crate) struct Tx<'e> {
    pub(crate) env: &'e Env,
    pub(crate) diags: Vec<Diagnostic<TokenSpan>>,
    pub(crate) helpers: BTreeSet<&'static str>,
    pub(crate) captures: Vec<Capture>,
    /// The JavaScript parameter name of each capture, in `captures` order.
    pub(crate) capture_js: Vec<String>,
    scopes: Vec<Vec<(String, Binding)>>,
    names: HashMap<String, u32>,
    next_temp: u32,
    /// Statements of the current block, in order.
    pub(crate) out: Vec<String>,
    /// Functions being translated, innermost last.
    pub(crate) fns: Vec<FnCtx>,
    pub(crate) prevent_default: bool,
    pub(crate) depth: u32,
    pub(crate) infer: Infer,
    /// Set while binding a pattern whose value is a `&mut`: the bindings are aliases.
    pub(crate) aliasing: bool,
    /// The `#[server]` functions the handler awaits, in first-use order.
    pub(crate) server_fns: Vec<String>,
    /// The `.await` expressions (by address) whose value is used as a `Result`.
    pub(crate) result_awaits: std::collections::HashSet<usize>,
}

impl<'e> Tx<'e> {
    pub(crate) fn new(env: &'e Env, infer: Infer) -> Tx<'e> {
        Tx {
            env,
            diags: Vec::new(),
            helpers: BTreeSet::new(),
            captures: Vec::new(),
            capture_js: Vec::new(),
            scopes: vec![Vec::new()],
            names: HashMap::new(),
            next_temp: 0,
            out: Vec::new(),
            fns: Vec::new(),
            prevent_default: false,
            depth: 0,
            infer,
            aliasing: false,
            server_fns: Vec::new(),
            result_awaits: std::collections::HashSet::new(),
        }
    }

    /// Reports `diagnostic`; returns `None` so callers can `return self.fail(…)`.
    pub(crate) fn fail<T>(&mut self, diagnostic: Diagnostic<TokenSpan>) -> Option<T> {
        self.diags.push(diagnostic);
        None
    }

    /// Marks the helper `name` (and what it uses) as used; returns the name.
    pub(crate) fn helper(&mut self, name: &'static str) -> &'static str {
        add_with_deps(name, &mut self.helpers);
        name
    }

    /// Marks the integer helper `base` for `int` as used: its 64-bit twin (`$add64`)
    /// for 64-bit types; returns the name.
    pub(crate) fn int_helper(&mut self, base: &'static str, int: super::ty::Int) -> &'static str {
        let name = if int.is_wide() { super::helpers::wide(base) } else { base };
        self.helper(name)
    }

    /// A fresh temporary name: `$0`, `$1`, …
    pub(crate) fn temp(&mut self) -> String {
        self.next_temp += 1;
        format!("${}", self.next_temp - 1)
    }

    /// A JavaScript name for the Rust name `rust`, unique within the translation.
    pub(crate) fn js_name(&mut self, rust: &str) -> String {
        let base = rust.strip_prefix("r#").unwrap_or(rust);
        let count = self.names.entry(base.to_owned()).or_insert(0);
        *count += 1;
        match (*count, is_reserved(base)) {
            (1, false) => base.to_owned(),
            (1, true) => format!("{base}$"),
            (n, _) => format!("{base}${}", n - 1),
        }
    }

    pub(crate) fn push_scope(&mut self) {
        self.scopes.push(Vec::new());
    }

    pub(crate) fn pop_scope(&mut self) {
        if self.scopes.len() > 1 {
            self.scopes.pop();
        }
    }

    /// Binds the Rust name `rust` in the innermost scope; returns its JavaScript name.
    pub(crate) fn bind(
        &mut self,
        rust: &str,
        ty: Ty,
        kind: Kind,
        mutable: bool,
        var: Option<usize>,
    ) -> String {
        let js = self.js_name(rust);
        let alias = self.aliasing;
        let binding = Binding { js: js.clone(), ty, kind, mutable, var, mut_ref: alias, alias };
        if let Some(scope) = self.scopes.last_mut() {
            scope.push((rust.to_owned(), binding));
        }
        js
    }

    /// Binds a capture in the outermost scope, so later uses anywhere find it.
    pub(crate) fn bind_capture(&mut self, rust: &str, ty: Ty) -> Binding {
        let js = self.js_name(rust);
        let binding = Binding {
            js: js.clone(),
            ty: ty.clone(),
            kind: Kind::Capture,
            mutable: true,
            var: None,
            mut_ref: false,
            alias: false,
        };
        if let Some(scope) = self.scopes.first_mut() {
            scope.push((rust.to_owned(), binding.clone()));
        }
        self.captures.push(Capture { name: rust.to_owned(), ty });
        self.capture_js.push(js);
        binding
    }

    /// Marks the innermost binding of `rust` as a `&mut` (the `update` parameter).
    pub(crate) fn mark_mut_ref(&mut self, rust: &str) {
        let found = self
            .scopes
            .iter_mut()
            .rev()
            .flat_map(|scope| scope.iter_mut().rev())
            .find(|(name, _)| name == rust);
        if let Some((_, binding)) = found {
            binding.mut_ref = true;
        }
    }

    /// The innermost binding of `rust`.
    pub(crate) fn lookup(&self, rust: &str) -> Option<&Binding> {
        self.scopes
            .iter()
            .rev()
            .flat_map(|scope| scope.iter().rev())
            .find(|(name, _)| name == rust)
            .map(|(_, b)| b)
    }

    /// Runs `f` with an empty statement buffer and returns the statements it emitted.
    pub(crate) fn buffered<R>(&mut self, f: impl FnOnce(&mut Self) -> R) -> (Vec<String>, R) {
        let saved = std::mem::take(&mut self.out);
        let res = f(self);
        let stmts = std::mem::replace(&mut self.out, saved);
        (stmts, res)
    }

    /// Emits one statement.
    pub(crate) fn emit(&mut self, stmt: impl Into<String>) {
        self.out.push(stmt.into());
    }

    /// The current function context.
    pub(crate) fn fn_ctx(&mut self) -> Option<&mut FnCtx> {
        self.fns.last_mut()
    }

    /// `val` in a temporary (emitted now), unless it is pure already.
    pub(crate) fn spill(&mut self, val: Val) -> Val {
        if val.pure {
            return val;
        }
        let temp = self.temp();
        self.emit(format!("const {temp} = {};", val.js));
        Val { js: temp, atomic: true, pure: true, place: false, ..val }
    }

    /// Runs `first` then `second` (which sees the first value), keeping Rust's order when
    /// `second` emits statements: an impure first value is spilled before them.
    pub(crate) fn pair(
        &mut self,
        first: impl FnOnce(&mut Self) -> Option<Val>,
        second: impl FnOnce(&mut Self, Option<&Val>) -> Option<Val>,
    ) -> Option<(Val, Val)> {
        let mut a = first(self);
        let mark = self.out.len();
        let b = second(self, a.as_ref());
        if self.out.len() > mark {
            if let Some(val) = a.as_mut().filter(|v| !v.pure) {
                let temp = self.temp();
                self.out.insert(mark, format!("const {temp} = {};", val.js));
                val.js = temp;
                val.atomic = true;
                val.pure = true;
                val.place = false;
            }
        }
        Some((a?, b?))
    }

    /// Translates the operands `exprs` in order, keeping Rust's evaluation order when a
    /// later operand emits statements: earlier impure operands are spilled first.
    pub(crate) fn seq(
        &mut self,
        exprs: &[(&syn::Expr, Option<Ty>)],
        mut each: impl FnMut(&mut Self, &syn::Expr, Option<&Ty>) -> Option<Val>,
    ) -> Option<Vec<Val>> {
        let mut vals: Vec<Option<Val>> = Vec::with_capacity(exprs.len());
        for (expr, want) in exprs {
            let mark = self.out.len();
            let val = each(self, expr, want.as_ref());
            if self.out.len() > mark {
                let mut spills = Vec::new();
                for earlier in vals.iter_mut().flatten() {
                    if !earlier.pure {
                        let temp = self.temp();
                        spills.push(format!("const {temp} = {};", earlier.js));
                        earlier.js = temp;
                        earlier.atomic = true;
                        earlier.pure = true;
                        earlier.place = false;
                    }
                }
                let tail = self.out.split_off(mark);
                self.out.extend(spills);
                self.out.extend(tail);
            }
            vals.push(val);
        }
        vals.into_iter().collect()
    }
}

/// The span of a syntax node, from its first token to its last.
pub(crate) fn span_of<T: ToTokens + ?Sized>(node: &T) -> TokenSpan {
    span_of_tokens(&node.to_token_stream())
}

/// The span of a token stream, from its first token to its last.
pub(crate) fn span_of_tokens(tokens: &TokenStream) -> TokenSpan {
    let mut iter = tokens.clone().into_iter();
    let first = iter.next().map_or_else(proc_macro2::Span::call_site, |it| it.span());
    let last = iter.last().map_or(first, |it| it.span());
    TokenSpan { start: first, end: last }
}
