//! Statements and control flow: blocks, `let` (with `else`), loops, `break`,
//! `continue`, `return` and `?`.
//!
//! Rust blocks are expressions; JavaScript's are not. A block's statements are emitted
//! in place (every binding has a unique JavaScript name, so scopes cannot clash) and
//! its tail becomes the value. A loop that yields a value writes it to a temporary.

use super::cx::{span_of, Kind, LoopCtx, Tx};
use super::emit::{block, negate, Shape, Val};
use super::ty::Ty;
use crate::diagnostics::{ambiguous_option, type_needed, unsupported_expression, unsupported_try};

/// A statement evaluating `js` for its effect (an object literal is parenthesised).
pub(crate) fn stmt_of(js: &str) -> String {
    if js.starts_with('{') || js.starts_with("function") {
        format!("({js});")
    } else {
        format!("{js};")
    }
}

impl Tx<'_> {
    /// The statements of `block` in the current buffer, in a new scope; the tail value.
    pub(crate) fn block_body(&mut self, body: &syn::Block, want: Option<&Ty>) -> Option<Val> {
        self.push_scope();
        let res = self.stmts(&body.stmts, want);
        self.pop_scope();
        res
    }

    /// Like [`Tx::block_body`], for a block whose value is dropped; whether it diverges.
    pub(crate) fn block_discard(&mut self, body: &syn::Block) -> Option<bool> {
        let val = self.block_body(body, None)?;
        if !val.pure && !val.never {
            self.emit(stmt_of(&val.js));
        }
        Some(val.never)
    }

    fn stmts(&mut self, stmts: &[syn::Stmt], want: Option<&Ty>) -> Option<Val> {
        let mut ok = true;
        let mut tail = Val::unit();
        let mut never = false;
        for (idx, stmt) in stmts.iter().enumerate() {
            let last = idx + 1 == stmts.len();
            match stmt {
                syn::Stmt::Local(local) => ok &= self.local(local).is_some(),
                syn::Stmt::Item(item) => {
                    ok = false;
                    self.diags.push(unsupported_expression(
                        span_of(item),
                        "an item (fn, struct, const, use) inside a handler",
                        Some("define it outside the closure; or use `js!{}` or a `#[server]` fn"),
                    ));
                }
                syn::Stmt::Expr(expr, None) if last => match self.expr(expr, want) {
                    Some(val) => tail = val,
                    None => ok = false,
                },
                syn::Stmt::Macro(mac) if last && mac.semi_token.is_none() => {
                    match self.macro_expr(&mac.mac, want) {
                        Some(val) => tail = val,
                        None => ok = false,
                    }
                }
                syn::Stmt::Expr(expr, _) => match self.discard(expr) {
                    Some(diverges) => never |= diverges,
                    None => ok = false,
                },
                syn::Stmt::Macro(mac) => match self.macro_expr(&mac.mac, None) {
                    Some(val) => {
                        never |= val.never;
                        if !val.pure && !val.never {
                            self.emit(stmt_of(&val.js));
                        }
                    }
                    None => ok = false,
                },
            }
        }
        if !ok {
            return None;
        }
        if never && tail.ty == Ty::Unit {
            tail.never = true;
        }
        Some(tail)
    }

    /// Translates `expr` for its effects only; whether it diverges.
    pub(crate) fn discard(&mut self, expr: &syn::Expr) -> Option<bool> {
        let val = match expr {
            syn::Expr::If(it) => self.if_expr(it, None, true)?,
            syn::Expr::Match(it) => self.match_expr(it, None, true)?,
            syn::Expr::Loop(it) => self.loop_expr(it, None, true)?,
            syn::Expr::Block(it) => self.block_expr(it, None, true)?,
            other => self.expr(other, None)?,
        };
        if !val.pure && !val.never {
            self.emit(stmt_of(&val.js));
        }
        Some(val.never)
    }

    fn local(&mut self, local: &syn::Local) -> Option<()> {
        let (pat, annotation) = match &local.pat {
            syn::Pat::Type(typed) => (&*typed.pat, Some(self.env.ty(&typed.ty))),
            pat => (pat, None),
        };
        if let Some(bad) = annotation.as_ref().and_then(Ty::ambiguous_option) {
            return self.fail(ambiguous_option(span_of(&local.pat), &bad.to_string()));
        }
        let Some(init) = &local.init else {
            let syn::Pat::Ident(ident) = pat else {
                return self.fail(unsupported_expression(
                    span_of(local),
                    "`let` of a pattern without a value",
                    None,
                ));
            };
            let js = self.bind(
                &ident.ident.to_string(),
                annotation.unwrap_or(Ty::Unknown),
                Kind::Local,
                true,
                None,
            );
            self.emit(format!("let {js};"));
            return Some(());
        };
        let want = annotation.as_ref().filter(|t| **t != Ty::Unknown);
        let val = self.expr(&init.expr, want)?;
        if let Some(want) = want {
            self.expect_ty(&val, want);
        }
        let val = self.owned(val);
        if let (Shape::Closure, syn::Pat::Ident(ident)) = (&val.shape, pat) {
            let js =
                self.bind(&ident.ident.to_string(), val.ty.clone(), Kind::Closure, false, None);
            self.emit(format!("const {js} = {};", val.js));
            return Some(());
        }
        let val = match (want, val.shape.clone()) {
            (Some(want), _) => {
                Val { ty: want.clone(), var: if want.is_int() { None } else { val.var }, ..val }
            }
            (None, Shape::Value) => val,
            (None, _) => {
                return self.fail(unsupported_expression(
                    span_of(&init.expr),
                    "an iterator or range kept in a variable",
                    Some("collect it first (`.collect::<Vec<_>>()`), or chain the calls"),
                ))
            }
        };
        match &init.diverge {
            Some((_, otherwise)) => self.let_else(pat, val, otherwise),
            None => self.bind_irrefutable(pat, val, "let"),
        }
    }

    /// Binds an irrefutable pattern to `val`: `let x = …;`, `let [a, b] = …;`.
    pub(crate) fn bind_irrefutable(
        &mut self,
        pat: &syn::Pat,
        val: Val,
        keyword: &str,
    ) -> Option<()> {
        if let syn::Pat::Wild(_) = pat {
            if !val.pure {
                self.emit(stmt_of(&val.js));
            }
            return Some(());
        }
        self.aliasing = val.mut_ref;
        let decl = self.pat_decl(pat, &val.ty, val.var);
        self.aliasing = false;
        let decl = decl?;
        self.emit(format!("{keyword} {decl} = {};", val.js));
        Some(())
    }

    pub(crate) fn block_expr(
        &mut self,
        expr: &syn::ExprBlock,
        want: Option<&Ty>,
        discard: bool,
    ) -> Option<Val> {
        let Some(label) = &expr.label else {
            if discard {
                return self.block_discard(&expr.block).map(|never| {
                    if never {
                        Val::never()
                    } else {
                        Val::unit()
                    }
                });
            }
            return self.block_body(&expr.block, want);
        };
        let js_label = self.temp();
        let result = if discard { None } else { Some(self.temp()) };
        let decl_at = self.out.len();
        self.push_loop(
            Some(label.name.ident.to_string()),
            Some(js_label.clone()),
            result.clone(),
            false,
        );
        let (stmts, tail) = self.buffered(|tx| tx.block_body(&expr.block, want));
        let ctx = self.pop_loop();
        let tail = tail?;
        let mut stmts = stmts;
        let result_ty = match (&result, tail.never) {
            (Some(temp), false) if tail.ty != Ty::Unit => {
                stmts.push(format!("{temp} = {};", tail.js));
                Some(tail.ty.clone())
            }
            _ => {
                if !tail.pure && !tail.never {
                    stmts.push(stmt_of(&tail.js));
                }
                ctx.as_ref().and_then(|c| c.result_ty.as_ref().map(|v| v.ty.clone()))
            }
        };
        self.emit(format!("{js_label}: {}", block(&stmts)));
        match (result, result_ty) {
            (Some(temp), Some(ty)) => {
                self.out.insert(decl_at, format!("let {temp};"));
                Some(Val::atom(temp, ty))
            }
            _ => Some(Val::unit()),
        }
    }

    fn push_loop(
        &mut self,
        label: Option<String>,
        js_label: Option<String>,
        result: Option<String>,
        is_loop: bool,
    ) {
        if let Some(ctx) = self.fn_ctx() {
            ctx.loops.push(LoopCtx { label, js_label, result, result_ty: None, is_loop });
        }
    }

    fn pop_loop(&mut self) -> Option<LoopCtx> {
        self.fn_ctx().and_then(|ctx| ctx.loops.pop())
    }

    /// The JavaScript label for a loop: a temporary when the Rust loop has a label.
    fn loop_label(
        &mut self,
        label: &Option<syn::Label>,
    ) -> (Option<String>, Option<String>, String) {
        let rust = label.as_ref().map(|it| it.name.ident.to_string());
        let js = rust.as_ref().map(|_| self.temp());
        let prefix = js.as_ref().map_or(String::new(), |it| format!("{it}: "));
        (rust, js, prefix)
    }

    pub(crate) fn loop_expr(
        &mut self,
        expr: &syn::ExprLoop,
        _want: Option<&Ty>,
        discard: bool,
    ) -> Option<Val> {
        let (rust, js, prefix) = self.loop_label(&expr.label);
        let result = if discard { None } else { Some(self.temp()) };
        let decl_at = self.out.len();
        self.push_loop(rust, js, result.clone(), true);
        let (body, ok) = self.buffered(|tx| tx.block_discard(&expr.body));
        let ctx = self.pop_loop();
        ok?;
        self.emit(format!("{prefix}for (;;) {}", block(&body)));
        match (result, ctx.and_then(|c| c.result_ty)) {
            (Some(temp), Some(val)) => {
                self.out.insert(decl_at, format!("let {temp};"));
                Some(Val { var: val.var, ..Val::atom(temp, val.ty) })
            }
            _ => Some(Val::unit()),
        }
    }

    pub(crate) fn while_expr(&mut self, expr: &syn::ExprWhile) -> Option<Val> {
        let (rust, js, prefix) = self.loop_label(&expr.label);
        if let syn::Expr::Let(cond) = &*expr.cond {
            return self.while_let(cond, &expr.body, rust, js, &prefix);
        }
        let (cond_stmts, cond) = self.buffered(|tx| tx.expr(&expr.cond, Some(&Ty::Bool)));
        self.push_loop(rust, js, None, true);
        let (body, ok) = self.buffered(|tx| tx.block_discard(&expr.body));
        self.pop_loop();
        let (cond, _) = (cond?, ok?);
        if cond_stmts.is_empty() {
            self.emit(format!("{prefix}while ({}) {}", cond.js, block(&body)));
        } else {
            let mut stmts = cond_stmts;
            stmts.push(format!("if (!{}) break;", cond.operand()));
            stmts.extend(body);
            self.emit(format!("{prefix}for (;;) {}", block(&stmts)));
        }
        Some(Val::unit())
    }

    fn while_let(
        &mut self,
        cond: &syn::ExprLet,
        body: &syn::Block,
        rust: Option<String>,
        js: Option<String>,
        prefix: &str,
    ) -> Option<Val> {
        self.push_loop(rust, js, None, true);
        self.push_scope();
        let (stmts, ok) = self.buffered(|tx| {
            let subject = tx.expr(&cond.expr, None)?;
            let subject = tx.spill(subject);
            let (test, binds) = tx.pat_test(&cond.pat, &subject)?;
            tx.emit(format!("if ({}) break;", negate(&test)));
            tx.emit_binds(binds);
            tx.block_discard(body)
        });
        self.pop_scope();
        self.pop_loop();
        ok?;
        self.emit(format!("{prefix}for (;;) {}", block(&stmts)));
        Some(Val::unit())
    }

    pub(crate) fn for_expr(&mut self, expr: &syn::ExprForLoop) -> Option<Val> {
        let (rust, js, prefix) = self.loop_label(&expr.label);
        let iter = match &*expr.expr {
            syn::Expr::Reference(r) if r.mutability.is_some() => self.for_mut(r)?,
            other => self.expr(other, None)?,
        };
        let span = span_of(&expr.expr);
        let item = match (&iter.shape, &iter.ty) {
            (Shape::Iter(_) | Shape::Range { .. }, item) => item.clone(),
            (Shape::Value, Ty::Vec(item)) => (**item).clone(),
            _ => return self.fail(type_needed(span, "iterating over this value")),
        };
        let simple = match &*expr.pat {
            syn::Pat::Ident(ident) if ident.subpat.is_none() && ident.by_ref.is_none() => {
                Some(ident)
            }
            _ => None,
        };
        self.push_loop(rust, js, None, true);
        self.push_scope();
        let (mut stmts, head) = self.buffered(|tx| -> Option<String> {
            // Items by `&mut` are aliased, not copied (see `iter_mut.rs`).
            tx.aliasing = iter.mut_ref && iter.shape == Shape::Iter(super::emit::Src::Mut);
            let var = simple.map(|ident| {
                let mutable = ident.mutability.is_some();
                tx.bind(&ident.ident.to_string(), item.clone(), Kind::Local, mutable, iter.var)
            });
            tx.aliasing = false;
            match (&iter.shape, var) {
                (Shape::Range { start, end, inclusive }, var) => {
                    let cmp = if *inclusive { "<=" } else { "<" };
                    let counter = match (&var, simple.is_some_and(|it| it.mutability.is_some())) {
                        (Some(var), false) => var.clone(),
                        _ => tx.temp(),
                    };
                    match var {
                        Some(var) if var != counter => tx.emit(format!("let {var} = {counter};")),
                        Some(_) => {}
                        None => {
                            let val =
                                Val { var: iter.var, ..Val::pure(counter.clone(), item.clone()) };
                            tx.bind_irrefutable(&expr.pat, val, "let")?;
                        }
                    }
                    // A 64-bit counter steps from a number to a BigInt past 2^53 - 1.
                    let step = if item.int().is_some_and(|it| it.is_wide()) {
                        format!("{counter} = {}({counter})", tx.helper("$inc"))
                    } else {
                        format!("{counter}++")
                    };
                    Some(format!("for (let {counter} = {start}; {counter} {cmp} {end}; {step})"))
                }
                (_, Some(var)) => Some(format!("for (let {var} of {})", iter.js)),
                (_, None) => {
                    let temp = tx.temp();
                    let mut_ref = iter.shape == Shape::Iter(super::emit::Src::Mut);
                    let val = Val { mut_ref, ..Val::pure(temp.clone(), item.clone()) };
                    tx.bind_irrefutable(&expr.pat, val, "let")?;
                    Some(format!("for (const {temp} of {})", iter.js))
                }
            }
        });
        let (body, ok) = self.buffered(|tx| tx.block_discard(&expr.body));
        self.pop_scope();
        self.pop_loop();
        let (head, _) = (head?, ok?);
        stmts.extend(body);
        self.emit(format!("{prefix}{head} {}", block(&stmts)));
        Some(Val::unit())
    }

    /// The loop `label` (or the innermost loop) that `break`/`continue` leave.
    fn target(&mut self, label: &Option<syn::Lifetime>) -> Option<usize> {
        let ctx = self.fns.last()?;
        let found = match label {
            Some(l) => {
                ctx.loops.iter().rposition(|it| it.label.as_deref() == Some(&l.ident.to_string()))
            }
            None => ctx.loops.iter().rposition(|it| it.is_loop),
        };
        if found.is_none() {
            self.diags.push(unsupported_expression(
                span_of(label),
                "`break` or `continue` outside a loop",
                None,
            ));
        }
        found
    }

    pub(crate) fn break_expr(&mut self, expr: &syn::ExprBreak) -> Option<Val> {
        let idx = self.target(&expr.label)?;
        let (result, result_ty, js_label) = {
            let loop_ctx = self.fns.last().and_then(|f| f.loops.get(idx))?;
            (
                loop_ctx.result.clone(),
                loop_ctx.result_ty.as_ref().map(|v| v.ty.clone()),
                loop_ctx.js_label.clone(),
            )
        };
        if let Some(value) = &expr.expr {
            let val = self.expr(value, result_ty.as_ref())?;
            let val = self.owned(val);
            match &result {
                Some(temp) => self.emit(format!("{temp} = {};", val.js)),
                None if !val.pure => self.emit(stmt_of(&val.js)),
                None => {}
            }
            if let Some(ctx) = self.fns.last_mut().and_then(|f| f.loops.get_mut(idx)) {
                let better = ctx
                    .result_ty
                    .as_ref()
                    .is_none_or(|it| it.ty.has_unknown() && !val.ty.has_unknown());
                if better && !val.never {
                    ctx.result_ty = Some(val);
                }
            }
        }
        let label =
            js_label.filter(|_| expr.label.is_some()).map_or(String::new(), |it| format!(" {it}"));
        self.emit(format!("break{label};"));
        Some(Val::never())
    }

    pub(crate) fn continue_expr(&mut self, expr: &syn::ExprContinue) -> Option<Val> {
        let idx = self.target(&expr.label)?;
        let js_label =
            self.fns.last().and_then(|f| f.loops.get(idx)).and_then(|l| l.js_label.clone());
        let label =
            js_label.filter(|_| expr.label.is_some()).map_or(String::new(), |it| format!(" {it}"));
        self.emit(format!("continue{label};"));
        Some(Val::never())
    }

    pub(crate) fn return_expr(&mut self, expr: &syn::ExprReturn) -> Option<Val> {
        let (param, ret) = match self.fns.last() {
            Some(ctx) => (ctx.returns_param.clone(), ctx.ret.clone()),
            None => (None, None),
        };
        let val = match &expr.expr {
            Some(value) => Some(self.expr(value, ret.as_ref())?),
            None => None,
        };
        match (param, val) {
            (Some(param), val) => {
                if let Some(val) = val.filter(|v| !v.pure) {
                    self.emit(stmt_of(&val.js));
                }
                self.emit(format!("return {param};"));
            }
            (None, Some(val)) => {
                let val = self.owned(val);
                self.emit(format!("return {};", val.js));
            }
            (None, None) => self.emit("return;"),
        }
        Some(Val::never())
    }

    pub(crate) fn try_expr(&mut self, expr: &syn::ExprTry) -> Option<Val> {
        let span = span_of(expr);
        let val = self.expr(&expr.expr, None)?;
        let (returns_param, ret) = match self.fns.last() {
            Some(ctx) => (ctx.returns_param.is_some(), ctx.ret.clone()),
            None => (true, None),
        };
        let nested = self.fns.len() > 1;
        let ret_is_result = matches!(ret, Some(Ty::Result(..)));
        let not_option_or_result =
            "the enclosing closure does not return an `Option` or a `Result`";
        match (val.ty.clone(), ret) {
            _ if returns_param => self.fail(unsupported_try(span, not_option_or_result)),
            (Ty::Option(inner), Some(Ty::Option(_))) => self.try_option(val, *inner),
            (Ty::Option(inner), None) if nested => self.try_option(val, *inner),
            (Ty::Result(ok, err), Some(Ty::Result(_, ret_err))) if *ret_err == *err && !err.has_unknown() => {
                let val = self.spill(val);
                self.emit(format!("if (\"Err\" in {0}) return {0};", val.js));
                Some(Val::atom(format!("{}.Ok", val.js), *ok))
            }
            (Ty::Result(..), Some(Ty::Result(..))) | (Ty::Result(..), None) if nested || ret_is_result => {
                self.fail(unsupported_try(
                    span,
                    "Rust would convert the error with `From`; annotate the closure's return type with the same error type",
                ))
            }
            (Ty::Option(_) | Ty::Result(..), _) => self.fail(unsupported_try(span, not_option_or_result)),
            _ => self.fail(type_needed(span, "`?`")),
        }
    }

    fn try_option(&mut self, val: Val, inner: Ty) -> Option<Val> {
        let val = self.spill(val);
        self.emit(format!("if ({} === null) return null;", val.js));
        Some(Val { ty: inner, place: false, ..val })
    }
}
