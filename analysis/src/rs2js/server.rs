//! `NAME(args…).await` in an async handler: a call of a `#[server]` function through the
//! browser runtime.
//!
//! The awaited value is a `Result` when the handler uses it as one; then the call is
//! `(await __resuma.result("NAME", [args…]))`, which resolves serde's `{Ok: v}` /
//! `{Err: e}`. Otherwise it is `(await __resuma.action("NAME", [args…]))`, which resolves
//! the value and rejects on a returned `Err` (shown in the page by the runtime).
//!
//! "Used as a `Result`" is decided on the syntax of the handler before translation
//! ([`result_awaits`]): the `.await` is the scrutinee of a `match` with an `Ok`/`Err` arm
//! pattern, of an `if let`/`while let`/`let … else` with such a pattern, or the receiver
//! of a `Result` method (`is_ok`, `unwrap_or`, …); or it initialises `let NAME = …` and
//! `NAME` is used so anywhere in the handler. A `Result` type annotation also selects it.

use std::collections::HashSet;

use syn::visit::Visit;

use super::cx::{span_of, Tx};
use super::emit::{js_string, Val};
use super::expr::join;
use super::ty::Ty;
use crate::diagnostics::unsupported_expression;

/// The methods that make an awaited value a `Result`.
const RESULT_METHODS: &[&str] = &[
    "is_ok",
    "is_err",
    "is_ok_and",
    "is_err_and",
    "ok",
    "err",
    "unwrap",
    "expect",
    "unwrap_err",
    "expect_err",
    "unwrap_or",
    "unwrap_or_else",
    "unwrap_or_default",
    "map",
    "map_err",
    "map_or",
    "map_or_else",
    "and_then",
    "or_else",
    "inspect",
    "inspect_err",
];

/// The names rs2js translates itself, never awaited as server functions.
const KNOWN: &[&str] = &["Some", "Ok", "Err", "drop"];

/// The addresses of the `.await` expressions in `body` whose value is used as a `Result`.
pub(crate) fn result_awaits(body: &syn::Expr) -> HashSet<usize> {
    let mut uses = Uses::default();
    uses.visit_expr(body);
    let mut found = uses.direct;
    for (name, addr) in uses.lets {
        if uses.result_names.contains(&name) {
            found.insert(addr);
        }
    }
    found
}

#[derive(Default)]
struct Uses {
    /// `.await`s used as a `Result` in place.
    direct: HashSet<usize>,
    /// Names used as a `Result`.
    result_names: HashSet<String>,
    /// `let NAME = ….await`: the name and the `.await`'s address.
    lets: Vec<(String, usize)>,
}

impl Uses {
    /// Records that `expr` is used as a `Result`.
    fn used_as_result(&mut self, expr: &syn::Expr) {
        match expr {
            syn::Expr::Paren(p) => self.used_as_result(&p.expr),
            syn::Expr::Group(g) => self.used_as_result(&g.expr),
            syn::Expr::Reference(r) => self.used_as_result(&r.expr),
            syn::Expr::Await(a) => {
                self.direct.insert(a as *const syn::ExprAwait as usize);
            }
            syn::Expr::Path(p) => {
                if let Some(ident) = p.path.get_ident() {
                    self.result_names.insert(ident.to_string());
                }
            }
            _ => {}
        }
    }
}

/// Whether `pat` is an `Ok(…)` / `Err(…)` pattern (or an alternative of one).
fn is_result_pat(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::TupleStruct(t) => {
            t.path.segments.last().is_some_and(|s| s.ident == "Ok" || s.ident == "Err")
        }
        syn::Pat::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "Err"),
        syn::Pat::Or(o) => o.cases.iter().any(is_result_pat),
        syn::Pat::Paren(p) => is_result_pat(&p.pat),
        syn::Pat::Reference(r) => is_result_pat(&r.pat),
        syn::Pat::Type(t) => is_result_pat(&t.pat),
        _ => false,
    }
}

/// `expr` without parentheses and groups.
fn strip(expr: &syn::Expr) -> &syn::Expr {
    match expr {
        syn::Expr::Paren(p) => strip(&p.expr),
        syn::Expr::Group(g) => strip(&g.expr),
        other => other,
    }
}

impl<'a> Visit<'a> for Uses {
    fn visit_expr_match(&mut self, m: &'a syn::ExprMatch) {
        if m.arms.iter().any(|arm| is_result_pat(&arm.pat)) {
            self.used_as_result(&m.expr);
        }
        syn::visit::visit_expr_match(self, m);
    }

    fn visit_expr_let(&mut self, l: &'a syn::ExprLet) {
        if is_result_pat(&l.pat) {
            self.used_as_result(&l.expr);
        }
        syn::visit::visit_expr_let(self, l);
    }

    fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
        if RESULT_METHODS.contains(&m.method.to_string().as_str()) {
            self.used_as_result(&m.receiver);
        }
        syn::visit::visit_expr_method_call(self, m);
    }

    fn visit_local(&mut self, local: &'a syn::Local) {
        if let Some(init) = &local.init {
            if is_result_pat(&local.pat) {
                self.used_as_result(&init.expr);
            }
            let mut pat = &local.pat;
            if let syn::Pat::Type(t) = pat {
                pat = &t.pat;
            }
            if let (syn::Pat::Ident(ident), syn::Expr::Await(a)) = (pat, strip(&init.expr)) {
                self.lets.push((ident.ident.to_string(), a as *const syn::ExprAwait as usize));
            }
        }
        syn::visit::visit_local(self, local);
    }
}

impl Tx<'_> {
    /// `NAME(args…).await` in an async handler.
    pub(crate) fn await_expr(&mut self, expr: &syn::ExprAwait, want: Option<&Ty>) -> Option<Val> {
        if !self.fns.last().is_some_and(|ctx| ctx.is_async) {
            return self.fail(unsupported_expression(
                span_of(expr),
                "`.await` outside an async handler",
                Some("make the handler async: `move |_| async move { … }`"),
            ));
        }
        let not_a_server_call = |what: &str| {
            unsupported_expression(
                span_of(expr),
                what,
                Some("await a `#[server]` function called by its name: `NAME(args…).await`"),
            )
        };
        let syn::Expr::Call(call) = strip(&expr.base) else {
            let what = match strip(&expr.base) {
                syn::Expr::MethodCall(_) => "`.await` on a method call",
                _ => "`.await` on something other than a call",
            };
            return self.fail(not_a_server_call(what));
        };
        let name = match strip(&call.func) {
            syn::Expr::Path(p) if p.qself.is_none() => p.path.get_ident().map(|it| it.to_string()),
            _ => None,
        };
        let Some(name) = name else {
            return self.fail(not_a_server_call(
                "`.await` on a call of something other than a function's name (import a \
                 `#[server]` function with `use` and call it by name)",
            ));
        };
        if KNOWN.contains(&name.as_str()) || self.lookup(&name).is_some() {
            return self.fail(not_a_server_call(&format!(
                "`.await` on `{name}(…)`, not a server function"
            )));
        }
        let exprs: Vec<_> = call.args.iter().map(|a| (a, None)).collect();
        let vals = self.seq(&exprs, |tx, e, want| tx.expr(e, want))?;
        let vals: Vec<Val> = vals.into_iter().map(|v| self.owned(v)).collect();
        if !self.server_fns.contains(&name) {
            self.server_fns.push(name.clone());
        }
        let address = expr as *const syn::ExprAwait as usize;
        let as_result =
            matches!(want, Some(Ty::Result(..))) || self.result_awaits.contains(&address);
        let (method, ty) = if as_result {
            let ty = match want {
                Some(ty @ Ty::Result(..)) => ty.clone(),
                _ => Ty::Result(Box::new(Ty::Unknown), Box::new(Ty::Unknown)),
            };
            ("result", ty)
        } else {
            ("action", want.cloned().unwrap_or(Ty::Unknown))
        };
        let js = format!("(await __resuma.{method}({}, [{}]))", js_string(&name), join(&vals));
        Some(Val::atom(js, ty))
    }
}
