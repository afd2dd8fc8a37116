//! Operators, casts and assignment, with Rust's integer semantics: `+ - *` throw on
//! overflow (debug-build panics), `/` and `%` truncate toward zero and throw on zero,
//! `as` truncates and wraps; 64-bit integers are exact on their whole range (numbers
//! while safe, BigInts beyond: see `helpers.rs`).
//!
//! Places (what `=` and `+=` write) are locals, captured cells, tuple fields and vector
//! elements.

use syn::BinOp;

use super::cx::{span_of, Kind, Tx};
use super::emit::{is_identifier, Val};
use super::ty::Ty;
use crate::diagnostics::{type_needed, unknown_path, unsupported_assignment};
use crate::span::TokenSpan;

/// Where an assignment writes.
pub(crate) enum Place {
    /// A JavaScript variable.
    Var(String),
    /// A captured cell: read `get()`, write `set(v)`.
    Cell(String),
    /// An element of an object: `base[key]` (both pure).
    Elem(String, String),
}

impl Place {
    /// JavaScript reading the place.
    pub(crate) fn read(&self) -> String {
        match self {
            Place::Var(js) => js.clone(),
            Place::Cell(js) => format!("{js}.get()"),
            Place::Elem(base, key) => format!("{base}[{key}]"),
        }
    }

    /// A JavaScript statement writing `value` to the place.
    pub(crate) fn write(&self, value: &str) -> String {
        match self {
            Place::Var(js) => format!("{js} = {value};"),
            Place::Cell(js) => format!("{js}.set({value});"),
            Place::Elem(base, key) => format!("{base}[{key}] = {value};"),
        }
    }
}

impl Tx<'_> {
    pub(crate) fn binary(&mut self, bin: &syn::ExprBinary, want: Option<&Ty>) -> Option<Val> {
        let span = span_of(bin);
        if let Some(op) = compound_op(&bin.op) {
            return self.compound_assign(&bin.left, op, &bin.right, span);
        }
        if matches!(bin.op, BinOp::And(_) | BinOp::Or(_)) {
            return self.logic(bin);
        }
        let arith = !is_comparison(&bin.op);
        let shift = matches!(bin.op, BinOp::Shl(_) | BinOp::Shr(_));
        // A shift has its left operand's type (`let x: u32 = 1 << s;` makes `1` a `u32`).
        let want =
            if arith { want.filter(|it| it.is_int() || it.is_float()).cloned() } else { None };
        // An unsuffixed literal on the left takes its type from the right.
        let (a, b) = if (is_int_literal(&bin.left) || is_float_literal(&bin.left)) && !shift {
            let b = self.expr(&bin.right, want.as_ref())?;
            let want_a =
                if b.ty.is_int() || b.ty.is_float() { Some(b.ty.clone()) } else { want.clone() };
            (self.expr(&bin.left, want_a.as_ref())?, b)
        } else {
            self.pair(
                |tx| tx.expr(&bin.left, want.as_ref()),
                |tx, a| {
                    let want_b = match a {
                        Some(a) if !shift && a.ty != Ty::Unknown => Some(a.ty.clone()),
                        _ => None,
                    };
                    tx.expr(&bin.right, want_b.as_ref())
                },
            )?
        };
        if a.ty.is_float() && b.ty.is_float() && a.ty != b.ty {
            // Only an unsuffixed literal can meet an `f32` as an `f64` here.
            return self.fail(type_needed(span, "an `f32` beside a float literal"));
        }
        if is_comparison(&bin.op) {
            return self.compare(&bin.op, a, b, span);
        }
        if shift {
            return self.shift(&bin.op, a, b, span);
        }
        let ty = self.unify(&a, &b);
        let res = self.arith(&bin.op, &a, &b, &ty, span)?;
        Some(Val { var: a.var.or(b.var), ..res })
    }

    /// `a op b` for operands of type `ty`.
    pub(crate) fn arith(
        &mut self,
        op: &BinOp,
        a: &Val,
        b: &Val,
        ty: &Ty,
        span: TokenSpan,
    ) -> Option<Val> {
        let (x, y) = (a.operand(), b.operand());
        if let Some(int) = ty.int() {
            let bounds = self.helper(int.bounds_helper());
            let helper: &'static str = match op {
                BinOp::Add(_) => "$add",
                BinOp::Sub(_) => "$sub",
                BinOp::Mul(_) => "$mul",
                BinOp::Div(_) => "$div",
                BinOp::Rem(_) => "$rem",
                BinOp::BitAnd(_) | BinOp::BitOr(_) | BinOp::BitXor(_) => {
                    let sym = op_symbol(op);
                    if int.is_wide() {
                        let bits = self.helper("$bits64");
                        let f = format!("(p, q) => p {sym} q");
                        return Some(Val::atom(
                            format!("{bits}({}, {}, {f})", a.js, b.js),
                            ty.clone(),
                        ));
                    }
                    let js = format!("{x} {sym} {y}");
                    return Some(Val::new(
                        if int.bits == 32 && !int.signed { format!("({js}) >>> 0") } else { js },
                        ty.clone(),
                    ));
                }
                _ => return self.fail(type_needed(span, "this operator")),
            };
            let helper = self.int_helper(helper, int);
            return Some(Val::atom(format!("{helper}({}, {}, {bounds})", a.js, b.js), ty.clone()));
        }
        match (ty, op) {
            (
                Ty::F32,
                BinOp::Add(_) | BinOp::Sub(_) | BinOp::Mul(_) | BinOp::Div(_) | BinOp::Rem(_),
            ) => Some(self.f32_arith(&x, op_symbol(op), &y)),
            (
                Ty::F64,
                BinOp::Add(_) | BinOp::Sub(_) | BinOp::Mul(_) | BinOp::Div(_) | BinOp::Rem(_),
            ) => Some(Val::new(format!("{x} {} {y}", op_symbol(op)), Ty::F64)),
            (Ty::String, BinOp::Add(_)) => Some(Val::new(format!("{x} + {y}"), Ty::String)),
            (Ty::Bool, BinOp::BitAnd(_) | BinOp::BitOr(_)) => {
                Some(Val::new(format!("!!({x} {} {y})", op_symbol(op)), Ty::Bool))
            }
            (Ty::Bool, BinOp::BitXor(_)) => Some(Val::new(format!("{x} !== {y}"), Ty::Bool)),
            _ => self.fail(type_needed(span, &format!("the operator `{}`", op_symbol(op)))),
        }
    }

    fn shift(&mut self, op: &BinOp, a: Val, b: Val, span: TokenSpan) -> Option<Val> {
        let Some(int) = a.ty.int() else {
            return self.fail(type_needed(span, "this shift"));
        };
        // The amount is read twice: keep Rust's order and evaluate each operand once.
        let (a, b) = if b.pure { (a, b) } else { (self.spill(a), self.spill(b)) };
        let (x, s) = (a.operand(), b.operand());
        let check = format!(
            "({s} >= 0 && {s} < {bits} ? {s} : $panic(\"attempt to shift {dir} with overflow\"))",
            bits = int.bits,
            dir = if matches!(op, BinOp::Shl(_)) { "left" } else { "right" }
        );
        self.helper("$panic");
        let js = match (op, int.bits, int.signed) {
            (BinOp::Shl(_), 64, _) => {
                let (shl, bounds) = (self.helper("$shl64"), self.helper(int.bounds_helper()));
                format!("{shl}({}, {check}, {bounds})", a.js)
            }
            (_, 64, _) => format!("{}({}, {check})", self.helper("$shr64"), a.js),
            (BinOp::Shl(_), 32, true) => format!("{x} << {check}"),
            (BinOp::Shl(_), 32, false) => format!("({x} << {check}) >>> 0"),
            (BinOp::Shl(_), bits, true) => format!("({x} << {check}) << {k} >> {k}", k = 32 - bits),
            (BinOp::Shl(_), bits, false) => format!("({x} << {check}) & {}", (1u32 << bits) - 1),
            (_, _, true) => format!("{x} >> {check}"),
            (_, _, false) => format!("{x} >>> {check}"),
        };
        Some(Val::new(js, a.ty))
    }

    fn compare(&mut self, op: &BinOp, a: Val, b: Val, span: TokenSpan) -> Option<Val> {
        let ty = self.unify(&a, &b);
        let (x, y) = (a.operand(), b.operand());
        let sym = op_symbol(op);
        if matches!(op, BinOp::Eq(_) | BinOp::Ne(_)) {
            if ty.has_strict_eq() {
                return Some(Val::new(format!("{x} {sym}= {y}"), Ty::Bool));
            }
            let eq = self.helper("$eq");
            let not = if matches!(op, BinOp::Ne(_)) { "!" } else { "" };
            return Some(Val::new(format!("{not}{eq}({}, {})", a.js, b.js), Ty::Bool));
        }
        match ty {
            it if it.is_int() || it.is_float() || it == Ty::Bool => {
                Some(Val::new(format!("{x} {sym} {y}"), Ty::Bool))
            }
            Ty::String | Ty::Char | Ty::Vec(_) | Ty::Tuple(_) | Ty::Option(_) => {
                let cmp = self.helper("$cmp");
                Some(Val::new(format!("{cmp}({}, {}) {sym} 0", a.js, b.js), Ty::Bool))
            }
            _ => self.fail(type_needed(span, &format!("the comparison `{sym}`"))),
        }
    }

    fn logic(&mut self, bin: &syn::ExprBinary) -> Option<Val> {
        let a = self.expr(&bin.left, Some(&Ty::Bool));
        let (stmts, b) = self.buffered(|tx| tx.expr(&bin.right, Some(&Ty::Bool)));
        let (a, b) = (a?, b?);
        let is_and = matches!(bin.op, BinOp::And(_));
        if stmts.is_empty() {
            let sym = if is_and { "&&" } else { "||" };
            return Some(Val::new(format!("{} {sym} {}", a.operand(), b.operand()), Ty::Bool));
        }
        let temp = self.temp();
        self.emit(format!("let {temp} = {};", a.js));
        let mut body = stmts;
        body.push(format!("{temp} = {};", b.js));
        let test = if is_and { temp.clone() } else { format!("!{temp}") };
        self.emit(format!("if ({test}) {}", super::emit::block(&body)));
        Some(Val::atom(temp, Ty::Bool))
    }

    pub(crate) fn unary(&mut self, unary: &syn::ExprUnary, want: Option<&Ty>) -> Option<Val> {
        let span = span_of(unary);
        match unary.op {
            // `*p` reads the value (a copy for numbers and strings), not the reference.
            syn::UnOp::Deref(_) => {
                self.expr(&unary.expr, want).map(|v| Val { mut_ref: false, ..v })
            }
            syn::UnOp::Neg(_) => {
                if let syn::Expr::Lit(lit) = &*unary.expr {
                    return self.lit(&lit.lit, want, true);
                }
                let val = self.expr(&unary.expr, want)?;
                match val.ty.int() {
                    Some(int) => {
                        let bounds = self.helper(int.bounds_helper());
                        let neg = self.int_helper("$neg", int);
                        Some(Val::atom(format!("{neg}({}, {bounds})", val.js), val.ty))
                    }
                    None if val.ty == Ty::F64 => {
                        Some(Val::new(format!("-{}", val.operand()), Ty::F64))
                    }
                    None if val.ty == Ty::F32 => {
                        Some(Val::new(format!("-{}", val.operand()), Ty::F32))
                    }
                    None => self.fail(type_needed(span, "negation")),
                }
            }
            syn::UnOp::Not(_) => {
                let val = self.expr(&unary.expr, want)?;
                let x = val.operand();
                let js = match (&val.ty, val.ty.int()) {
                    (Ty::Bool, _) => format!("!{x}"),
                    (_, Some(int)) if int.is_wide() => {
                        let not = self.helper("$not64");
                        let bounds = self.helper(int.bounds_helper());
                        return Some(Val::atom(format!("{not}({}, {bounds})", val.js), val.ty));
                    }
                    (_, Some(int)) if int.signed => format!("~{x}"),
                    (_, Some(int)) if int.bits == 32 => format!("~{x} >>> 0"),
                    (_, Some(int)) => format!("~{x} & {}", (1u32 << int.bits) - 1),
                    _ => return self.fail(type_needed(span, "`!`")),
                };
                Some(Val::new(js, val.ty))
            }
            _ => self.fail(type_needed(span, "this operator")),
        }
    }

    pub(crate) fn cast(&mut self, cast: &syn::ExprCast) -> Option<Val> {
        let span = span_of(cast);
        let to = self.env.ty(&cast.ty);
        let val = self.expr(&cast.expr, None)?;
        let from = val.ty.clone();
        let x = val.operand();
        if to == Ty::F32 || (from == Ty::F32 && !to.is_int()) {
            return self.cast_f32(val, &to, span);
        }
        // From `f32` to an integer: the `f32` is an exact `f64`, and casts as it does.
        let (from, val) =
            if from == Ty::F32 { (Ty::F64, Val { ty: Ty::F64, ..val }) } else { (from, val) };
        if from == to {
            return Some(Val { var: None, ..val });
        }
        let js = match (&from, from.int(), &to, to.int()) {
            // A 64-bit value may be a BigInt: `Number` rounds it to the nearest `f64`,
            // ties to even, as `as f64` does.
            (_, Some(src), Ty::F64, _) if src.is_wide() => format!("Number({})", val.js),
            (_, Some(_), Ty::F64, _) => return Some(Val { ty: Ty::F64, var: None, ..val }),
            (_, Some(src), _, Some(dst)) if src.fits_in(dst) => {
                return Some(Val { ty: to, var: None, ..val })
            }
            (_, Some(src), _, Some(dst)) if src.is_wide() || dst.is_wide() => {
                let wrap = self.helper("$as64");
                format!("{wrap}({}, {}, {})", val.js, dst.bits, dst.signed)
            }
            (_, Some(_), _, Some(dst)) => int_wrap(self, &x, dst),
            (Ty::F64, _, _, Some(dst)) => {
                let fti = self.int_helper("$fti", dst);
                let bounds = self.helper(dst.bounds_helper());
                format!("{fti}({}, {bounds})", val.js)
            }
            (Ty::Bool, _, _, Some(_)) => format!("+{x}"),
            (Ty::Char, _, _, Some(dst)) => int_wrap(self, &format!("{x}.codePointAt(0)"), dst),
            (_, Some(src), Ty::Char, _) if src.bits == 8 && !src.signed => {
                format!("String.fromCodePoint({})", val.js)
            }
            _ => return self.fail(type_needed(span, &format!("the cast from `{from}` to `{to}`"))),
        };
        Some(Val::new(js, to))
    }

    pub(crate) fn assign(&mut self, assign: &syn::ExprAssign) -> Option<Val> {
        if let syn::Expr::Infer(_) = &*assign.left {
            let val = self.expr(&assign.right, None)?;
            if !val.pure {
                self.emit(format!("{};", val.js));
            }
            return Some(Val::unit());
        }
        let want = self.place_type(&assign.left);
        let val = self.expr(&assign.right, want.as_ref())?;
        let val = self.owned(val);
        let (place, ty, var) = self.place(&assign.left)?;
        if let Some(var) = var {
            if val.ty.is_int() && val.var.is_none() {
                self.infer.constrain(var, &val.ty);
            } else if let Some(other) = val.var {
                self.infer.union(var, other);
            }
        } else if ty.is_int() {
            self.expect_ty(&val, &ty);
        }
        self.emit(place.write(&val.js));
        Some(Val::unit())
    }

    fn compound_assign(
        &mut self,
        left: &syn::Expr,
        op: BinOp,
        right: &syn::Expr,
        span: TokenSpan,
    ) -> Option<Val> {
        let want = self.place_type(left);
        let shift = matches!(op, BinOp::Shl(_) | BinOp::Shr(_));
        let rhs = self.expr(right, want.as_ref().filter(|_| !shift))?;
        let rhs = self.spill_if_needed(rhs);
        let (place, ty, var) = self.place(left)?;
        let current = Val { var, ..Val::atom(place.read(), ty) };
        let res = if matches!(op, BinOp::Shl(_) | BinOp::Shr(_)) {
            self.shift(&op, current, rhs, span)?
        } else {
            let ty = self.unify(&current, &rhs);
            self.arith(&op, &current, &rhs, &ty, span)?
        };
        self.emit(place.write(&res.js));
        Some(Val::unit())
    }

    fn spill_if_needed(&mut self, val: Val) -> Val {
        if val.pure || val.atomic {
            val
        } else {
            self.spill(val)
        }
    }

    /// The type of a place, without translating it (so the value can be typed first).
    pub(crate) fn place_type(&self, expr: &syn::Expr) -> Option<Ty> {
        match expr {
            syn::Expr::Path(p) => {
                let name = p.path.get_ident()?.to_string();
                self.lookup(&name).map(|b| b.ty.clone()).or_else(|| self.env.get(&name).cloned())
            }
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => self.place_type(&u.expr),
            syn::Expr::Paren(p) => self.place_type(&p.expr),
            syn::Expr::Field(f) => match (self.place_type(&f.base)?, &f.member) {
                (Ty::Tuple(items), syn::Member::Unnamed(idx)) => {
                    items.get(idx.index as usize).cloned()
                }
                (Ty::Struct(_, fields), syn::Member::Named(name)) => {
                    let name = name.to_string();
                    fields.into_iter().find(|(field, _)| *field == name).map(|(_, ty)| ty)
                }
                _ => None,
            },
            syn::Expr::Index(i) => match self.place_type(&i.expr)? {
                Ty::Vec(elem) => Some(*elem),
                _ => None,
            },
            _ => None,
        }
    }

    /// The place `expr` denotes, its type and its literal variable.
    pub(crate) fn place(&mut self, expr: &syn::Expr) -> Option<(Place, Ty, Option<usize>)> {
        match expr {
            syn::Expr::Path(p) if p.path.get_ident().is_some() => {
                let name = p.path.get_ident().map(ToString::to_string).unwrap_or_default();
                if self.lookup(&name).is_none() {
                    self.ident(&name, span_of(p), None)?;
                }
                let binding = self.lookup(&name)?.clone();
                match (binding.kind, &binding.ty) {
                    (Kind::Local, _) if binding.alias => self.fail(unsupported_assignment(
                        span_of(p),
                        &format!(
                            "`{name}`, a reference into the `update` value or an `iter_mut` item,"
                        ),
                    )),
                    (Kind::Local, _) => Some((Place::Var(binding.js), binding.ty, binding.var)),
                    (Kind::Capture, Ty::Signal(_)) => {
                        self.fail(unsupported_assignment(span_of(p), "a signal handle"))
                    }
                    (Kind::Capture, _) => Some((Place::Cell(binding.js), binding.ty, None)),
                    _ => self.fail(unsupported_assignment(span_of(p), &format!("`{name}`"))),
                }
            }
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => self.place(&u.expr),
            syn::Expr::Paren(p) => self.place(&p.expr),
            syn::Expr::Field(f) => {
                let base = self.expr(&f.base, None)?;
                match (&f.member, &base.ty) {
                    (syn::Member::Unnamed(idx), Ty::Tuple(items)) => {
                        let ty = items.get(idx.index as usize).cloned().unwrap_or(Ty::Unknown);
                        let base = if is_identifier(&base.js) { base } else { self.spill(base) };
                        Some((Place::Elem(base.operand(), idx.index.to_string()), ty, None))
                    }
                    (syn::Member::Named(name), Ty::Struct(struct_name, fields)) => {
                        let name = name.to_string();
                        let Some((_, ty)) = fields.iter().find(|(field, _)| *field == name) else {
                            let path = format!("{struct_name}::{name}");
                            return self.fail(unknown_path(span_of(f), &path));
                        };
                        let ty = ty.clone();
                        let base = if is_identifier(&base.js) { base } else { self.spill(base) };
                        Some((Place::Elem(base.operand(), format!("{name:?}")), ty, None))
                    }
                    _ => self.fail(unsupported_assignment(span_of(f), "this field")),
                }
            }
            syn::Expr::Index(i) if super::slices::is_slice(expr) => {
                self.fail(unsupported_assignment(span_of(i), "a slice (`v[a..b]` is a copy here)"))
            }
            syn::Expr::Index(i) => {
                let vals = self
                    .seq(&[(&i.expr, None), (&i.index, Some(Ty::Usize))], |tx, e, w| {
                        tx.expr(e, w)
                    })?;
                let [base, idx] = <[Val; 2]>::try_from(vals).ok()?;
                self.expect_ty(&idx, &Ty::Usize);
                let Ty::Vec(elem) = base.ty.clone() else {
                    return self.fail(type_needed(span_of(i), "indexing"));
                };
                let base = if is_identifier(&base.js) { base } else { self.spill(base) };
                let check = self.helper("$idx");
                let key =
                    self.spill(Val::atom(format!("{check}({}, {})", base.js, idx.js), Ty::Usize));
                Some((Place::Elem(base.operand(), key.js), *elem, None))
            }
            other => self.fail(unsupported_assignment(span_of(other), "this place")),
        }
    }
}

/// `x` (an exact integer) converted to `dst` the way `as` does: truncated and wrapped.
fn int_wrap(tx: &mut Tx<'_>, x: &str, dst: super::ty::Int) -> String {
    match (dst.bits, dst.signed) {
        (8, true) => format!("{x} << 24 >> 24"),
        (16, true) => format!("{x} << 16 >> 16"),
        (32, true) => format!("{x} | 0"),
        (8, false) => format!("{x} & 255"),
        (16, false) => format!("{x} & 65535"),
        (32, false) => format!("{x} >>> 0"),
        (bits, signed) => format!("{}({x}, {bits}, {signed})", tx.helper("$as64")),
    }
}

fn compound_op(op: &BinOp) -> Option<BinOp> {
    use syn::token;
    Some(match op {
        BinOp::AddAssign(_) => BinOp::Add(token::Plus::default()),
        BinOp::SubAssign(_) => BinOp::Sub(token::Minus::default()),
        BinOp::MulAssign(_) => BinOp::Mul(token::Star::default()),
        BinOp::DivAssign(_) => BinOp::Div(token::Slash::default()),
        BinOp::RemAssign(_) => BinOp::Rem(token::Percent::default()),
        BinOp::BitAndAssign(_) => BinOp::BitAnd(token::And::default()),
        BinOp::BitOrAssign(_) => BinOp::BitOr(token::Or::default()),
        BinOp::BitXorAssign(_) => BinOp::BitXor(token::Caret::default()),
        BinOp::ShlAssign(_) => BinOp::Shl(token::Shl::default()),
        BinOp::ShrAssign(_) => BinOp::Shr(token::Shr::default()),
        _ => return None,
    })
}

fn is_comparison(op: &BinOp) -> bool {
    matches!(
        op,
        BinOp::Eq(_) | BinOp::Ne(_) | BinOp::Lt(_) | BinOp::Le(_) | BinOp::Gt(_) | BinOp::Ge(_)
    )
}

/// Whether `expr` is an unsuffixed integer literal (possibly negated or parenthesised).
pub(crate) fn is_int_literal(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(int), .. }) => int.suffix().is_empty(),
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => is_int_literal(&u.expr),
        syn::Expr::Paren(p) => is_int_literal(&p.expr),
        _ => false,
    }
}

/// Whether `expr` is an unsuffixed float literal (`0.5`, `-2.0`).
fn is_float_literal(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Float(f), .. }) => f.suffix().is_empty(),
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => is_float_literal(&u.expr),
        syn::Expr::Paren(p) => is_float_literal(&p.expr),
        _ => false,
    }
}

fn op_symbol(op: &BinOp) -> &'static str {
    match op {
        BinOp::Add(_) => "+",
        BinOp::Sub(_) => "-",
        BinOp::Mul(_) => "*",
        BinOp::Div(_) => "/",
        BinOp::Rem(_) => "%",
        BinOp::BitAnd(_) => "&",
        BinOp::BitOr(_) => "|",
        BinOp::BitXor(_) => "^",
        BinOp::Shl(_) => "<<",
        BinOp::Shr(_) => ">>",
        BinOp::Eq(_) => "==",
        BinOp::Ne(_) => "!=",
        BinOp::Lt(_) => "<",
        BinOp::Le(_) => "<=",
        BinOp::Gt(_) => ">",
        BinOp::Ge(_) => ">=",
        _ => "?",
    }
}
