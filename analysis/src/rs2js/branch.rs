//! Branching: `if` (also `if let`, and as an expression), and `match` with literals,
//! ranges, `Some`/`None`, `Ok`/`Err`, tuples, bindings, `|` and guards.
//!
//! A `match` becomes an `if` chain on a pure subject, or a labelled block left with
//! `break` when an arm has a guard (a failed guard falls through to the next arm). In
//! value position the result goes to a temporary, or becomes `c ? a : b` when both
//! branches are plain expressions.

use super::cx::{span_of, Tx};
use super::emit::{block, Val};
use super::stmt::stmt_of;
use super::ty::Ty;
use crate::diagnostics::type_needed;

/// One translated arm of a `match`.
struct Arm {
    test: String,
    body: Vec<String>,
    guard: Option<(Vec<String>, String)>,
    val: Val,
}

impl Tx<'_> {
    pub(crate) fn if_expr(
        &mut self,
        expr: &syn::ExprIf,
        want: Option<&Ty>,
        discard: bool,
    ) -> Option<Val> {
        let (test, binds) = match &*expr.cond {
            syn::Expr::Let(l) => {
                let subject = self.expr(&l.expr, None)?;
                let subject = self.spill(subject);
                self.pat_test(&l.pat, &subject)?
            }
            cond => (self.expr(cond, Some(&Ty::Bool))?.js, Vec::new()),
        };
        let test = if test.is_empty() { "true".to_owned() } else { test };
        self.push_scope();
        let (then_stmts, then_val) = self.buffered(|tx| {
            tx.emit_binds(binds);
            tx.branch(&expr.then_branch, want, discard)
        });
        self.pop_scope();
        let then_val = then_val?;
        let want_else = want
            .cloned()
            .or_else(|| Some(then_val.ty.clone()).filter(|t| *t != Ty::Unknown && !then_val.never));
        let else_part = match &expr.else_branch {
            None => None,
            Some((_, other)) => {
                let (stmts, val) = self.buffered(|tx| match &**other {
                    syn::Expr::If(nested) => tx.if_expr(nested, want_else.as_ref(), discard),
                    syn::Expr::Block(b) if b.label.is_none() => {
                        tx.branch(&b.block, want_else.as_ref(), discard)
                    }
                    other => tx.expr(other, want_else.as_ref()),
                });
                Some((stmts, val?))
            }
        };
        let never = then_val.never && else_part.as_ref().is_some_and(|(_, v)| v.never);
        if let (false, Some((else_stmts, else_val))) = (discard, &else_part) {
            let ty =
                if then_val.never { else_val.ty.clone() } else { self.unify(&then_val, else_val) };
            let ty = if ty == Ty::Unknown && !then_val.never { then_val.ty.clone() } else { ty };
            if ty != Ty::Unit && !never {
                let var = then_val.var.or(else_val.var);
                if then_stmts.is_empty()
                    && else_stmts.is_empty()
                    && !then_val.never
                    && !else_val.never
                {
                    let js = format!(
                        "{} ? {} : {}",
                        paren_cond(&test),
                        then_val.operand(),
                        else_val.operand()
                    );
                    return Some(Val { var, ..Val::new(js, ty) });
                }
                let temp = self.temp();
                self.emit(format!("let {temp};"));
                let then_block = assign_block(then_stmts, &then_val, &temp);
                let else_block = assign_block(else_stmts.clone(), else_val, &temp);
                self.emit(format!("if ({test}) {then_block} else {else_block}"));
                return Some(Val { var, ..Val::atom(temp, ty) });
            }
        }
        let then_block = effect_block(then_stmts, &then_val);
        let stmt = match else_part {
            None => format!("if ({test}) {then_block}"),
            Some((else_stmts, else_val)) => match else_stmts.as_slice() {
                [single] if single.starts_with("if (") && (else_val.pure || else_val.never) => {
                    format!("if ({test}) {then_block} else {single}")
                }
                _ => {
                    format!("if ({test}) {then_block} else {}", effect_block(else_stmts, &else_val))
                }
            },
        };
        self.emit(stmt);
        Some(if never { Val::never() } else { Val::unit() })
    }

    /// A branch block: its value, or for `discard`, its effects.
    fn branch(&mut self, body: &syn::Block, want: Option<&Ty>, discard: bool) -> Option<Val> {
        if discard {
            return self
                .block_discard(body)
                .map(|never| if never { Val::never() } else { Val::unit() });
        }
        self.block_body(body, want)
    }

    pub(crate) fn match_expr(
        &mut self,
        expr: &syn::ExprMatch,
        want: Option<&Ty>,
        discard: bool,
    ) -> Option<Val> {
        let subject = self.expr(&expr.expr, None)?;
        let subject = self.spill(subject);
        if subject.ty == Ty::Unknown
            && expr
                .arms
                .iter()
                .any(|arm| !matches!(arm.pat, syn::Pat::Wild(_) | syn::Pat::Ident(_)))
        {
            return self.fail(type_needed(span_of(&expr.expr), "this `match`"));
        }
        let mut arms = Vec::new();
        let mut ok = true;
        let mut want = want.cloned();
        for arm in &expr.arms {
            self.push_scope();
            let res = self.arm(arm, &subject, want.as_ref(), discard);
            self.pop_scope();
            match res {
                Some(arm) => {
                    if want.is_none() && !arm.val.never && arm.val.ty != Ty::Unknown {
                        want = Some(arm.val.ty.clone());
                    }
                    let always = arm.test.is_empty() && arm.guard.is_none();
                    arms.push(arm);
                    if always {
                        break;
                    }
                }
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        let vals: Vec<Val> = arms.iter().map(|a| a.val.clone()).filter(|v| !v.never).collect();
        let mut ty = vals.first().map_or(Ty::Unit, |v| v.ty.clone());
        for pair in vals.windows(2) {
            if let [a, b] = pair {
                let unified = self.unify(a, b);
                if ty == Ty::Unknown {
                    ty = unified;
                }
            }
        }
        let never = vals.is_empty();
        let result = (!discard && ty != Ty::Unit && !never).then(|| self.temp());
        if let Some(temp) = &result {
            self.emit(format!("let {temp};"));
        }
        let guarded = arms.iter().any(|a| a.guard.is_some());
        let label = guarded.then(|| self.temp());
        let n_arms = arms.len();
        let mut chain = String::new();
        let mut stmts = Vec::new();
        for (idx, arm) in arms.into_iter().enumerate() {
            let last = idx + 1 == n_arms;
            let mut body = arm.body;
            match &result {
                Some(temp) if !arm.val.never => body.push(format!("{temp} = {};", arm.val.js)),
                _ if !arm.val.pure && !arm.val.never => body.push(stmt_of(&arm.val.js)),
                _ => {}
            }
            if let Some(label) = &label {
                if !arm.val.never && !last {
                    body.push(format!("break {label};"));
                }
                if let Some((guard_stmts, guard)) = arm.guard {
                    let inner = format!("if ({guard}) {}", block(&body));
                    body = guard_stmts;
                    body.push(inner);
                }
                stmts.push(if arm.test.is_empty() {
                    block(&body)
                } else {
                    format!("if ({}) {}", arm.test, block(&body))
                });
                continue;
            }
            chain = match (chain.is_empty(), arm.test.is_empty() || last) {
                (true, true) if idx == 0 => {
                    stmts.extend(body);
                    break;
                }
                (true, _) => format!("if ({}) {}", arm.test, block(&body)),
                (false, true) => {
                    chain.push_str(&format!(" else {}", block(&body)));
                    break;
                }
                (false, false) => {
                    chain.push_str(&format!(" else if ({}) {}", arm.test, block(&body)));
                    chain
                }
            };
        }
        if !chain.is_empty() {
            stmts.push(chain);
        }
        match label {
            Some(label) => self.emit(format!("{label}: {}", block(&stmts))),
            None => self.out.extend(stmts),
        }
        Some(match result {
            Some(temp) => Val::atom(temp, ty),
            None if never => Val::never(),
            None => Val::unit(),
        })
    }

    fn arm(
        &mut self,
        arm: &syn::Arm,
        subject: &Val,
        want: Option<&Ty>,
        discard: bool,
    ) -> Option<Arm> {
        let (test, binds) = self.pat_test(&arm.pat, subject)?;
        let (mut body, guard) = self.buffered(|tx| {
            tx.emit_binds(binds);
            match &arm.guard {
                Some((_, guard)) => {
                    let (stmts, val) = tx.buffered(|tx| tx.expr(guard, Some(&Ty::Bool)));
                    Some(Some((stmts, val?.js)))
                }
                None => Some(None),
            }
        });
        let guard = guard?;
        let (stmts, val) = self.buffered(|tx| match &*arm.body {
            syn::Expr::Block(b) if discard && b.label.is_none() => tx.branch(&b.block, want, true),
            body if discard => {
                tx.discard(body).map(|never| if never { Val::never() } else { Val::unit() })
            }
            body => tx.expr(body, want),
        });
        let val = val?;
        match guard {
            Some((guard_stmts, guard_js)) => {
                let binds = std::mem::take(&mut body);
                let mut all = binds;
                all.extend(guard_stmts);
                Some(Arm { test, body: stmts, guard: Some((all, guard_js)), val })
            }
            None => {
                body.extend(stmts);
                Some(Arm { test, body, guard: None, val })
            }
        }
    }
}

fn assign_block(mut stmts: Vec<String>, val: &Val, temp: &str) -> String {
    if !val.never {
        stmts.push(format!("{temp} = {};", val.js));
    }
    block(&stmts)
}

fn effect_block(mut stmts: Vec<String>, val: &Val) -> String {
    if !val.pure && !val.never {
        stmts.push(stmt_of(&val.js));
    }
    block(&stmts)
}

fn paren_cond(test: &str) -> String {
    if test.contains(' ') {
        format!("({test})")
    } else {
        test.to_owned()
    }
}
