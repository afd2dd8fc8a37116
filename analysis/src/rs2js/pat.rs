//! Patterns: literals, ranges, `_`, bindings (`x`, `x @ p`), tuples, `Some`/`None`,
//! `Ok`/`Err`, `|` alternatives; and what uses them outside `match`: `let` destructuring,
//! `let … else` and `matches!`.
//!
//! A pattern becomes a JavaScript test on a pure subject (`$0`, `$0[1]`, `$0.Ok`) plus
//! the bindings to make once it matched.

use super::cx::{span_of, Kind, Tx};
use super::emit::{block, negate, Val};
use super::ty::Ty;
use crate::diagnostics::{unknown_path, unsupported_pattern};

/// A binding a pattern makes: the Rust name, the JavaScript reading its value.
pub(crate) struct Bind {
    rust: String,
    value: String,
    ty: Ty,
    mutable: bool,
    /// Bound from a `&mut` by Rust's default binding modes (see `Binding::alias`).
    alias: bool,
}

impl Tx<'_> {
    /// The test that the pure JavaScript `subject` of type `ty` matches `pat` (`""` when
    /// it always does) and the bindings it makes.
    pub(crate) fn pat_test(
        &mut self,
        pat: &syn::Pat,
        subject: &Val,
    ) -> Option<(String, Vec<Bind>)> {
        let (test, mut binds) = self.pat_test_js(pat, &subject.js, &subject.ty)?;
        for bind in &mut binds {
            bind.alias = subject.mut_ref;
        }
        Some((test, binds))
    }

    fn pat_test_js(
        &mut self,
        pat: &syn::Pat,
        subject: &str,
        ty: &Ty,
    ) -> Option<(String, Vec<Bind>)> {
        let mut tests = Vec::new();
        let mut binds = Vec::new();
        self.test(pat, subject, ty, &mut tests, &mut binds, 0)?;
        Some((tests.join(" && "), binds))
    }

    fn test(
        &mut self,
        pat: &syn::Pat,
        subject: &str,
        ty: &Ty,
        tests: &mut Vec<String>,
        binds: &mut Vec<Bind>,
        depth: u32,
    ) -> Option<()> {
        if depth > 32 {
            return self.fail(unsupported_pattern(span_of(pat), "a pattern this deep"));
        }
        let inner = |ty: &Ty| ty.inner();
        match pat {
            syn::Pat::Wild(_) | syn::Pat::Rest(_) => Some(()),
            syn::Pat::Paren(p) => self.test(&p.pat, subject, ty, tests, binds, depth + 1),
            syn::Pat::Reference(r) => self.test(&r.pat, subject, ty, tests, binds, depth + 1),
            syn::Pat::Type(t) => {
                self.test(&t.pat, subject, &self.env.ty(&t.ty), tests, binds, depth + 1)
            }
            syn::Pat::Ident(ident) if ident.ident == "None" && ident.subpat.is_none() => {
                tests.push(format!("{subject} === null"));
                Some(())
            }
            syn::Pat::Ident(ident)
                if ident.ident.to_string().starts_with(|c: char| c.is_uppercase()) =>
            {
                self.fail(unknown_path(span_of(ident), &ident.ident.to_string()))
            }
            syn::Pat::Ident(ident) if ident.by_ref.is_some() && ident.mutability.is_some() => {
                // The binding would be a copy: writes through it must reach the value.
                self.fail(unsupported_pattern(span_of(ident), "a `ref mut` binding"))
            }
            syn::Pat::Ident(ident) => {
                if let Some((_, sub)) = &ident.subpat {
                    self.test(sub, subject, ty, tests, binds, depth + 1)?;
                }
                binds.push(Bind {
                    rust: ident.ident.to_string(),
                    value: subject.to_owned(),
                    ty: ty.clone(),
                    mutable: ident.mutability.is_some(),
                    alias: false,
                });
                Some(())
            }
            syn::Pat::Lit(lit) => {
                let val = self.lit(&lit.lit, Some(ty), false)?;
                tests.push(format!("{subject} === {}", val.js));
                Some(())
            }
            syn::Pat::Range(range) => self.range_test(range, subject, ty, tests),
            syn::Pat::Tuple(tuple) => {
                let items = match ty {
                    Ty::Tuple(items) => items.clone(),
                    _ => Vec::new(),
                };
                for (idx, elem) in tuple.elems.iter().enumerate() {
                    if matches!(elem, syn::Pat::Rest(_)) && idx + 1 != tuple.elems.len() {
                        return self.fail(unsupported_pattern(
                            span_of(elem),
                            "`..` before the end of a tuple pattern",
                        ));
                    }
                    let item = items.get(idx).cloned().unwrap_or(Ty::Unknown);
                    self.test(elem, &format!("{subject}[{idx}]"), &item, tests, binds, depth + 1)?;
                }
                Some(())
            }
            syn::Pat::Path(path) if path.path.is_ident("None") => {
                tests.push(format!("{subject} === null"));
                Some(())
            }
            syn::Pat::Path(path) if *ty == Ty::Ordering || ty.has_unknown() => {
                let names: Vec<String> =
                    path.path.segments.iter().map(|it| it.ident.to_string()).collect();
                let names: Vec<&str> = names
                    .iter()
                    .map(String::as_str)
                    .skip_while(|it| matches!(*it, "std" | "core"))
                    .collect();
                match Self::ordering_const(&names) {
                    Some(val) => {
                        tests.push(format!("{subject} === {}", val.js));
                        Some(())
                    }
                    None => self.fail(unknown_path(span_of(path), &names.join("::"))),
                }
            }
            syn::Pat::TupleStruct(ts) => {
                let name =
                    ts.path.segments.last().map(|it| it.ident.to_string()).unwrap_or_default();
                let [elem] = ts.elems.iter().collect::<Vec<_>>()[..] else {
                    return self.fail(unsupported_pattern(
                        span_of(ts),
                        &format!("the pattern `{name}(…)`"),
                    ));
                };
                match (name.as_str(), ty) {
                    ("Some", _) => {
                        tests.push(format!("{subject} !== null"));
                        self.test(elem, subject, &inner(ty), tests, binds, depth + 1)
                    }
                    ("Ok" | "Err", _) => {
                        let (ok, err) = match ty {
                            Ty::Result(ok, err) => ((**ok).clone(), (**err).clone()),
                            _ => (Ty::Unknown, Ty::Unknown),
                        };
                        tests.push(format!("\"{name}\" in {subject}"));
                        let item = if name == "Ok" { ok } else { err };
                        self.test(
                            elem,
                            &format!("{subject}.{name}"),
                            &item,
                            tests,
                            binds,
                            depth + 1,
                        )
                    }
                    _ => self.fail(unsupported_pattern(
                        span_of(ts),
                        &format!("the pattern `{name}(…)`"),
                    )),
                }
            }
            syn::Pat::Or(or) => {
                let mut alternatives = Vec::new();
                for case in &or.cases {
                    let (test, case_binds) = self.pat_test_js(case, subject, ty)?;
                    if !case_binds.is_empty() {
                        return self.fail(unsupported_pattern(
                            span_of(case),
                            "an alternative that binds a name",
                        ));
                    }
                    if test.is_empty() {
                        return Some(());
                    }
                    alternatives.push(if test.contains(" && ") {
                        format!("({test})")
                    } else {
                        test
                    });
                }
                tests.push(format!("({})", alternatives.join(" || ")));
                Some(())
            }
            other => self.fail(unsupported_pattern(span_of(other), "this pattern")),
        }
    }

    fn range_test(
        &mut self,
        range: &syn::PatRange,
        subject: &str,
        ty: &Ty,
        tests: &mut Vec<String>,
    ) -> Option<()> {
        let is_char = *ty == Ty::Char;
        let value = if is_char { format!("{subject}.codePointAt(0)") } else { subject.to_owned() };
        let closed = matches!(range.limits, syn::RangeLimits::Closed(_));
        // `i64::MIN..=-1`: every value of the type is at least its own minimum (and at
        // most its maximum), so that test is dropped rather than written.
        let lo = range.start.as_deref().filter(|e| !is_type_bound(e, "MIN"));
        let hi = range.end.as_deref().filter(|e| !(closed && is_type_bound(e, "MAX")));
        for (expr, cmp) in [(lo, ">="), (hi, if closed { "<=" } else { "<" })] {
            let Some(expr) = expr else { continue };
            let val = self.expr(expr, Some(ty))?;
            let js = if is_char {
                let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Char(c), .. }) = expr else {
                    return self.fail(unsupported_pattern(span_of(expr), "this range bound"));
                };
                (c.value() as u32).to_string()
            } else if val.pure {
                val.js
            } else {
                return self.fail(unsupported_pattern(span_of(expr), "this range bound"));
            };
            tests.push(format!("{value} {cmp} {js}"));
        }
        Some(())
    }

    /// Binds what a pattern bound, as `let` statements.
    pub(crate) fn emit_binds(&mut self, binds: Vec<Bind>) {
        for bind in binds {
            let value = if bind.mutable && !bind.alias && super::expr::may_be_copy_object(&bind.ty)
            {
                format!("{}({})", self.helper("$clone"), bind.value)
            } else {
                bind.value
            };
            self.aliasing = bind.alias;
            let js = self.bind(&bind.rust, bind.ty, Kind::Local, bind.mutable, None);
            self.aliasing = false;
            self.emit(format!("let {js} = {value};"));
        }
    }

    /// A JavaScript binding pattern for an irrefutable Rust pattern (`x`, `[a, b]`),
    /// binding its names; the type of the value it binds is `ty`.
    pub(crate) fn pat_decl(
        &mut self,
        pat: &syn::Pat,
        ty: &Ty,
        var: Option<usize>,
    ) -> Option<String> {
        match pat {
            syn::Pat::Ident(ident)
                if ident.subpat.is_none()
                    && !ident.ident.to_string().starts_with(|c: char| c.is_uppercase()) =>
            {
                let mutable = ident.mutability.is_some();
                Some(self.bind(&ident.ident.to_string(), ty.clone(), Kind::Local, mutable, var))
            }
            syn::Pat::Wild(_) => Some(self.temp()),
            syn::Pat::Paren(p) => self.pat_decl(&p.pat, ty, var),
            syn::Pat::Reference(r) => self.pat_decl(&r.pat, ty, var),
            syn::Pat::Type(t) => self.pat_decl(&t.pat, &self.env.ty(&t.ty), None),
            syn::Pat::Tuple(tuple) => {
                let mut parts = Vec::new();
                for (idx, elem) in tuple.elems.iter().enumerate() {
                    let item = match ty {
                        Ty::Tuple(items) => items.get(idx).cloned().unwrap_or(Ty::Unknown),
                        _ => Ty::Unknown,
                    };
                    match elem {
                        syn::Pat::Rest(_) if idx + 1 == tuple.elems.len() => {}
                        syn::Pat::Wild(_) => parts.push(String::new()),
                        elem => parts.push(self.pat_decl(elem, &item, None)?),
                    }
                }
                Some(format!("[{}]", parts.join(", ")))
            }
            other => self.fail(unsupported_pattern(span_of(other), "a refutable pattern here")),
        }
    }

    /// `let PAT = value else { … };`
    pub(crate) fn let_else(
        &mut self,
        pat: &syn::Pat,
        val: Val,
        otherwise: &syn::Expr,
    ) -> Option<()> {
        let subject = self.spill(val);
        let (test, binds) = self.pat_test(pat, &subject)?;
        let (stmts, ok) = self.buffered(|tx| tx.discard(otherwise));
        ok?;
        if !test.is_empty() {
            self.emit(format!("if ({}) {}", negate(&test), block(&stmts)));
        }
        self.emit_binds(binds);
        Some(())
    }

    /// `matches!(value, PAT)` and `matches!(value, PAT if guard)`.
    pub(crate) fn matches(
        &mut self,
        value: &syn::Expr,
        pat: &syn::Pat,
        guard: Option<&syn::Expr>,
    ) -> Option<Val> {
        let subject = self.expr(value, None)?;
        let subject = self.spill(subject);
        let (test, binds) = self.pat_test(pat, &subject)?;
        let test = if test.is_empty() { "true".to_owned() } else { test };
        let Some(guard) = guard else {
            return Some(Val::new(test, Ty::Bool));
        };
        self.push_scope();
        let (stmts, guard) = self.buffered(|tx| {
            tx.emit_binds(binds);
            tx.expr(guard, Some(&Ty::Bool))
        });
        self.pop_scope();
        let guard = guard?;
        if stmts.is_empty() {
            return Some(Val::new(format!("({test}) && {}", guard.operand()), Ty::Bool));
        }
        let temp = self.temp();
        self.emit(format!("let {temp} = {test};"));
        let mut body = stmts;
        body.push(format!("{temp} = {};", guard.js));
        self.emit(format!("if ({temp}) {}", block(&body)));
        Some(Val::atom(temp, Ty::Bool))
    }
}

/// Whether a range bound is the type's own `MIN` or `MAX` (`which`), like `i64::MIN`.
fn is_type_bound(expr: &syn::Expr, which: &str) -> bool {
    let syn::Expr::Path(path) = expr else { return false };
    let names: Vec<String> = path.path.segments.iter().map(|it| it.ident.to_string()).collect();
    matches!(names.as_slice(), [ty, bound] if super::ty::int_suffix(ty).is_some_and(|t| t.is_int()) && bound == which)
}
