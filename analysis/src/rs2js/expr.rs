//! Expressions: the dispatcher, literals, tuples and arrays, fields and indexing,
//! calls of the few functions rs2js knows (`Some`, `Ok`, `String::new`, …) and ranges.
//!
//! Every construct either translates with Rust's meaning or reports a diagnostic at
//! its span and returns `None`; the caller keeps going so that one pass reports every
//! problem.

use super::captures::path_text;
use super::cx::{span_of, Tx, MAX_DEPTH};
use super::emit::{int_js, js_string, Shape, Val};
use super::ty::{int_suffix, Ty};
use crate::diagnostics::{
    ambiguous_option, handler_too_complex, type_needed, unsafe_code, unsupported_expression,
    unsupported_type,
};
use crate::span::TokenSpan;

impl Tx<'_> {
    /// Translates `expr`; `want` is the type its context expects, when known.
    pub(crate) fn expr(&mut self, expr: &syn::Expr, want: Option<&Ty>) -> Option<Val> {
        if self.depth >= MAX_DEPTH {
            return self.fail(handler_too_complex(span_of(expr), MAX_DEPTH as usize));
        }
        self.depth += 1;
        let res = self.expr_inner(expr, want);
        self.depth -= 1;
        res
    }

    fn expr_inner(&mut self, expr: &syn::Expr, want: Option<&Ty>) -> Option<Val> {
        use syn::Expr as E;
        match expr {
            E::Lit(lit) => self.lit(&lit.lit, want, false),
            E::Paren(p) => self.expr(&p.expr, want),
            E::Group(g) => self.expr(&g.expr, want),
            E::Path(p) => self.path_expr(p, want),
            E::Binary(b) => self.binary(b, want),
            E::Unary(u) => self.unary(u, want),
            E::Cast(c) => self.cast(c),
            E::Assign(a) => self.assign(a),
            E::Tuple(t) => self.tuple(t, want),
            E::Array(a) => self.array(a.elems.iter(), want),
            E::Repeat(r) => self.repeat(&r.expr, &r.len, want),
            E::Field(f) => self.field(f),
            E::Index(i) => self.index(i),
            E::Reference(r) => self.reference(r, want),
            E::Call(c) => self.call(c, want),
            E::MethodCall(m) => self.method_call(m, want),
            E::Macro(m) => self.macro_expr(&m.mac, want),
            E::Block(b) => self.block_expr(b, want, false),
            E::If(i) => self.if_expr(i, want, false),
            E::Match(m) => self.match_expr(m, want, false),
            E::Loop(l) => self.loop_expr(l, want, false),
            E::While(w) => self.while_expr(w),
            E::ForLoop(f) => self.for_expr(f),
            E::Break(b) => self.break_expr(b),
            E::Continue(c) => self.continue_expr(c),
            E::Return(r) => self.return_expr(r),
            E::Try(t) => self.try_expr(t),
            E::Closure(c) => self.closure_value(c),
            E::Range(r) => self.range(r),
            E::Unsafe(u) => self.fail(unsafe_code(span_of(&u.unsafe_token))),
            E::Let(l) => self.fail(unsupported_expression(
                span_of(l),
                "`let` outside an `if let` or `while let` condition",
                Some("use `if let` or `match`"),
            )),
            E::Await(a) => self.await_expr(a, want),
            E::Async(_) => self.fail(unsupported_expression(
                span_of(expr),
                "an async block inside a handler",
                Some("make the handler itself async: `move |_| async move { … }`"),
            )),
            E::Struct(s) => self.struct_literal(s),
            other => {
                let what = describe(other);
                self.fail(unsupported_expression(span_of(other), &what, None))
            }
        }
    }

    /// A literal; `negative` when it is the operand of `-` (so `-128i8` fits).
    pub(crate) fn lit(&mut self, lit: &syn::Lit, want: Option<&Ty>, negative: bool) -> Option<Val> {
        let sign = if negative { "-" } else { "" };
        match lit {
            syn::Lit::Int(int) => self.int_lit(int, want, negative),
            syn::Lit::Float(float) => {
                if matches!((float.suffix(), want), ("f32", _) | ("", Some(Ty::F32))) {
                    return self.f32_lit(float, negative);
                }
                Some(Val::pure(format!("{sign}{}", float.base10_digits()), Ty::F64))
            }
            syn::Lit::Str(s) => Some(Val::pure(js_string(&s.value()), Ty::String)),
            syn::Lit::Char(c) => Some(Val::pure(js_string(&c.value().to_string()), Ty::Char)),
            syn::Lit::Bool(b) => Some(Val::pure(b.value.to_string(), Ty::Bool)),
            syn::Lit::Byte(b) => Some(Val::pure(b.value().to_string(), Ty::U8)),
            other => self.fail(unsupported_expression(
                span_of(other),
                "this literal (byte strings, C strings)",
                None,
            )),
        }
    }

    fn int_lit(&mut self, lit: &syn::LitInt, want: Option<&Ty>, negative: bool) -> Option<Val> {
        let var = self.infer.fresh();
        if !lit.suffix().is_empty() && int_suffix(lit.suffix()).is_none() {
            let why = "128-bit integers are beyond what JavaScript numbers carry exactly";
            return self.fail(unsupported_type(span_of(lit), lit.suffix(), why));
        }
        let (ty, var) = match int_suffix(lit.suffix()) {
            Some(ty) => (ty, None),
            None => match want {
                Some(want) if want.is_int() => {
                    self.infer.constrain(var, want);
                    (want.clone(), Some(var))
                }
                _ => (self.infer.previous(var).unwrap_or(Ty::I32), Some(var)),
            },
        };
        let digits = lit.base10_digits();
        let (negative, digits) = match digits.strip_prefix('-') {
            Some(rest) => (!negative, rest),
            None => (negative, digits),
        };
        let sign = if negative { "-" } else { "" };
        if ty.is_float() {
            return Some(Val::pure(format!("{sign}{digits}"), ty));
        }
        let value = digits.parse::<i128>().map_or(i128::MAX, |it| if negative { -it } else { it });
        if let Some(int) = ty.int() {
            let (lo, hi) = int.range();
            if !(lo..=hi).contains(&value) {
                let why = "the literal does not fit in the type";
                return self.fail(unsupported_type(span_of(lit), &ty.to_string(), why));
            }
            return Some(Val { var, ..Val::pure(int_js(value), ty) });
        }
        Some(Val { var, ..Val::pure(format!("{sign}{digits}"), ty) })
    }

    /// A value stored somewhere new: a copy of an object read from a place is cloned,
    /// so that the two do not change together (Rust copies `Copy` tuples).
    pub(crate) fn owned(&mut self, val: Val) -> Val {
        // A `&mut` is not a copy: what is bound from it must alias it.
        if val.place && !val.mut_ref && may_be_copy_object(&val.ty) {
            let clone = self.helper("$clone");
            return Val {
                js: format!("{clone}({})", val.js),
                atomic: true,
                pure: false,
                place: false,
                mut_ref: false,
                ..val
            };
        }
        val
    }

    /// Checks that `Some(value)` of type `ty` can be told from `None`.
    pub(crate) fn check_some(&mut self, ty: &Ty, span: TokenSpan) -> Option<()> {
        match ty {
            Ty::Option(_) | Ty::Unit => {
                let shown = Ty::Option(Box::new(ty.clone())).to_string();
                self.fail(ambiguous_option(span, &shown))
            }
            Ty::Unknown => self.fail(type_needed(span, "`Some(…)` of this value")),
            _ => Some(()),
        }
    }

    fn tuple(&mut self, tuple: &syn::ExprTuple, want: Option<&Ty>) -> Option<Val> {
        if tuple.elems.is_empty() {
            return Some(Val::unit());
        }
        let wants: Vec<Option<Ty>> = match want {
            Some(Ty::Tuple(items)) => items.iter().cloned().map(Some).collect(),
            _ => Vec::new(),
        };
        let exprs: Vec<_> = tuple
            .elems
            .iter()
            .enumerate()
            .map(|(idx, e)| (e, wants.get(idx).cloned().flatten()))
            .collect();
        let vals = self.seq(&exprs, |tx, e, want| tx.expr(e, want))?;
        let vals: Vec<Val> = vals.into_iter().map(|v| self.owned(v)).collect();
        let js: Vec<&str> = vals.iter().map(|v| v.js.as_str()).collect();
        let ty = Ty::Tuple(vals.iter().map(|v| v.ty.clone()).collect());
        Some(Val::atom(format!("[{}]", js.join(", ")), ty))
    }

    /// `[a, b]` and `vec![a, b]`.
    pub(crate) fn array<'a>(
        &mut self,
        elems: impl Iterator<Item = &'a syn::Expr>,
        want: Option<&Ty>,
    ) -> Option<Val> {
        let want_elem = match want {
            Some(Ty::Vec(elem)) if **elem != Ty::Unknown => Some((**elem).clone()),
            _ => None,
        };
        let exprs: Vec<_> = elems.map(|e| (e, want_elem.clone())).collect();
        let mut elem_ty = want_elem.clone();
        let vals = self.seq(&exprs, |tx, e, want| {
            let want = want.cloned().or_else(|| elem_ty.clone());
            let val = tx.expr(e, want.as_ref())?;
            if elem_ty.is_none() && val.ty != Ty::Unknown {
                elem_ty = Some(val.ty.clone());
            }
            Some(val)
        })?;
        let vals: Vec<Val> = vals.into_iter().map(|v| self.owned(v)).collect();
        for pair in vals.windows(2) {
            if let [a, b] = pair {
                self.unify(a, b);
            }
        }
        let js: Vec<&str> = vals.iter().map(|v| v.js.as_str()).collect();
        let elem = elem_ty.or_else(|| vals.first().map(|v| v.ty.clone())).unwrap_or(Ty::Unknown);
        Some(Val {
            var: vals.first().and_then(|v| v.var),
            ..Val::atom(format!("[{}]", js.join(", ")), Ty::Vec(Box::new(elem)))
        })
    }

    /// `[x; n]` and `vec![x; n]`.
    pub(crate) fn repeat(
        &mut self,
        elem: &syn::Expr,
        len: &syn::Expr,
        want: Option<&Ty>,
    ) -> Option<Val> {
        let want_elem = want.map(Ty::inner).filter(|it| *it != Ty::Unknown);
        let vals =
            self.seq(&[(elem, want_elem), (len, Some(Ty::Usize))], |tx, e, want| tx.expr(e, want))?;
        let [x, n] = <[Val; 2]>::try_from(vals).ok()?;
        self.expect_ty(&n, &Ty::Usize);
        let rep = self.helper("$vecrep");
        Some(Val::atom(format!("{rep}({}, {})", x.js, n.js), Ty::Vec(Box::new(x.ty))))
    }

    fn field(&mut self, field: &syn::ExprField) -> Option<Val> {
        let base = self.expr(&field.base, None)?;
        let span = span_of(field);
        match (&field.member, &base.ty) {
            (syn::Member::Unnamed(idx), Ty::Tuple(items)) => {
                let ty = items.get(idx.index as usize).cloned().unwrap_or(Ty::Unknown);
                Some(Val {
                    place: base.place,
                    pure: base.pure,
                    ..Val::atom(format!("{}[{}]", base.operand(), idx.index), ty)
                })
            }
            (syn::Member::Unnamed(_), Ty::Unknown) => {
                self.fail(type_needed(span, "this tuple field"))
            }
            (syn::Member::Named(name), Ty::Event) => {
                self.event_field(&base, &name.to_string(), span)
            }
            (syn::Member::Named(name), Ty::Struct(struct_name, fields)) => {
                let (struct_name, fields) = (struct_name.clone(), fields.clone());
                let name = name.to_string();
                let name = name.strip_prefix("r#").unwrap_or(&name).to_owned();
                self.struct_field(base, &name, &fields, span, &struct_name)
            }
            (syn::Member::Named(_), Ty::Unknown) => self.fail(unsupported_expression(
                span,
                "a field of a value of unknown type",
                Some("annotate its type; a struct must be defined in the component's file (named fields, no generics, no #[serde] attributes); or use `js!{}`"),
            )),
            _ => self.fail(unsupported_expression(span, "a struct field", None)),
        }
    }

    fn index(&mut self, index: &syn::ExprIndex) -> Option<Val> {
        let span = span_of(index);
        if let syn::Expr::Range(range) = &*index.index {
            return self.range_index(&index.expr, range);
        }
        let vals = self
            .seq(&[(&index.expr, None), (&index.index, Some(Ty::Usize))], |tx, e, want| {
                tx.expr(e, want)
            })?;
        let [base, idx] = <[Val; 2]>::try_from(vals).ok()?;
        self.expect_ty(&idx, &Ty::Usize);
        match &base.ty {
            Ty::Vec(elem) => {
                let elem = (**elem).clone();
                let base = self.spill(base);
                let check = self.helper("$idx");
                Some(Val {
                    place: true,
                    ..Val::atom(
                        format!("{}[{check}({}, {})]", base.operand(), base.js, idx.js),
                        elem,
                    )
                })
            }
            Ty::String => {
                self.fail(unsupported_expression(span, "indexing a string", Some("use `chars()`")))
            }
            _ => self.fail(type_needed(span, "indexing")),
        }
    }

    fn reference(&mut self, reference: &syn::ExprReference, want: Option<&Ty>) -> Option<Val> {
        let val = self.expr(&reference.expr, want)?;
        let shared = reference.mutability.is_none() || matches!(val.ty, Ty::Vec(_));
        if shared || !val.place {
            return Some(val);
        }
        self.fail(unsupported_expression(
            span_of(reference),
            &format!("`&mut` to a `{}`", val.ty),
            Some("assign to the variable directly"),
        ))
    }

    fn range(&mut self, range: &syn::ExprRange) -> Option<Val> {
        let span = span_of(range);
        let (Some(start), Some(end)) = (&range.start, &range.end) else {
            return self.fail(unsupported_expression(
                span,
                "an open range",
                Some("give both ends: `a..b`"),
            ));
        };
        let vals = self.seq(&[(start, None), (end, None)], |tx, e, want| tx.expr(e, want))?;
        let [a, b] = <[Val; 2]>::try_from(vals).ok()?;
        let ty = self.unify(&a, &b);
        if !ty.is_int() {
            return self.fail(type_needed(span, "this range"));
        }
        let a = self.spill(a);
        let b = self.spill(b);
        let inclusive = matches!(range.limits, syn::RangeLimits::Closed(_));
        let var = a.var.or(b.var);
        Some(Val { var, ..Val::pure(format!("{}..{}", a.js, b.js), ty) }.shaped(Shape::Range {
            start: a.js,
            end: b.js,
            inclusive,
        }))
    }

    /// The common type of two values that must have one (operands, branches), unifying
    /// the integer literal variables they come from.
    pub(crate) fn unify(&mut self, a: &Val, b: &Val) -> Ty {
        match (a.var, b.var) {
            (Some(x), Some(y)) => self.infer.union(x, y),
            (Some(x), None) if b.ty.is_int() => {
                self.infer.constrain(x, &b.ty);
                return b.ty.clone();
            }
            (None, Some(y)) if a.ty.is_int() => {
                self.infer.constrain(y, &a.ty);
                return a.ty.clone();
            }
            _ => {}
        }
        match (&a.ty, &b.ty) {
            (Ty::Unknown, other) if b.var.is_none() => other.clone(),
            (Ty::Unknown, _) => Ty::Unknown,
            // An integer literal beside an unknown type: its width is unknown too.
            (_, Ty::Unknown) if a.var.is_some() => Ty::Unknown,
            // `None` beside `Some(3)`: the more specific type.
            (ty, other) if ty.has_unknown() && !other.has_unknown() => other.clone(),
            (ty, _) => ty.clone(),
        }
    }

    /// Records that `val` flows where a `ty` is expected (constrains its literal).
    pub(crate) fn expect_ty(&mut self, val: &Val, ty: &Ty) {
        let leaf = match ty {
            Ty::Vec(it) | Ty::Option(it) => (**it).clone(),
            other => other.clone(),
        };
        if let Some(var) = val.var {
            self.infer.constrain(var, if val.ty.is_int() { ty } else { &leaf });
        }
    }
}

/// Whether a value of `ty` may be an object Rust copies implicitly (a `Copy` tuple).
pub(crate) fn may_be_copy_object(ty: &Ty) -> bool {
    match ty {
        Ty::Tuple(_) | Ty::Result(..) | Ty::Struct(..) | Ty::Unknown => true,
        Ty::Option(inner) => may_be_copy_object(inner),
        _ => false,
    }
}

/// The JavaScript of `vals`, comma-separated.
pub(crate) fn join(vals: &[Val]) -> String {
    vals.iter().map(|v| v.js.as_str()).collect::<Vec<_>>().join(", ")
}

/// A few words naming an expression's kind, for messages.
pub(crate) fn describe(expr: &syn::Expr) -> String {
    use syn::Expr as E;
    match expr {
        E::Path(p) => format!("the path `{}`", path_text(&p.path)),
        E::Call(_) => "a function call".to_owned(),
        E::MethodCall(_) => "a method call".to_owned(),
        E::Macro(m) => format!("the macro `{}!`", path_text(&m.mac.path)),
        E::Block(_) => "a block".to_owned(),
        E::Lit(_) => "a literal".to_owned(),
        E::Async(_) => "an async block".to_owned(),
        E::Struct(_) => "a struct literal".to_owned(),
        E::Yield(_) => "`yield`".to_owned(),
        E::TryBlock(_) => "a `try` block".to_owned(),
        E::Const(_) => "a `const` block".to_owned(),
        E::RawAddr(_) => "a raw pointer".to_owned(),
        E::Infer(_) => "`_`".to_owned(),
        _ => "this expression".to_owned(),
    }
}
