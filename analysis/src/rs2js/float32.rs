//! `f32`: values made in the handler (`x as f32`, `2.5f32`, `let y: f32 = 0.1;`) and
//! their arithmetic, comparisons, a few methods and formatting.
//!
//! A JavaScript number holds every `f32` exactly, so an `f32` is a number that is
//! always one: each `+ - * / %` and `sqrt` is rounded with `Math.fround` (computing in
//! `f64` and rounding once is exact for these), a literal is rounded here at compile
//! time, and a 64-bit integer beyond 2^53 is rounded to 24 bits in one step (never
//! through `f64`, which would round twice). `Display` prints the shortest digits that
//! round-trip *as `f32`*. An `f32` read from the page's state (a capture or a signal)
//! would arrive as JSON's `f64` reading of its digits, which is not always the `f32`,
//! so it is refused.

use super::captures::f64_js;
use super::cx::Tx;
use super::emit::Val;
use super::methods::Call;
use super::ty::Ty;
use crate::diagnostics::{type_needed, unsupported_type};
use crate::span::TokenSpan;

/// Whether `ty` has an `f32` in it.
pub(crate) fn has_f32(ty: &Ty) -> bool {
    match ty {
        Ty::F32 => true,
        Ty::Option(it) | Ty::Vec(it) | Ty::Signal(it) => has_f32(it),
        Ty::Result(ok, err) => has_f32(ok) || has_f32(err),
        Ty::Tuple(items) => items.iter().any(has_f32),
        Ty::Struct(_, fields) => fields.iter().any(|(_, ty)| has_f32(ty)),
        _ => false,
    }
}

impl Tx<'_> {
    /// A float literal typed `f32`, rounded to `f32` as rustc rounds it.
    pub(crate) fn f32_lit(&mut self, float: &syn::LitFloat, negative: bool) -> Option<Val> {
        let sign = if negative { "-" } else { "" };
        let digits = format!("{sign}{}", float.base10_digits());
        match digits.parse::<f32>() {
            Ok(value) => Some(Val::pure(f64_js(f64::from(value)), Ty::F32)),
            Err(_) => self.fail(type_needed(super::cx::span_of(float), "this `f32` literal")),
        }
    }

    /// Refuses a capture of a type with an `f32` in it.
    pub(crate) fn check_f32_capture(&mut self, ty: &Ty, span: TokenSpan) -> Option<()> {
        if has_f32(ty) {
            return self.fail(unsupported_type(
                span,
                "f32",
                "a value from the page's state arrives as an f64, not always the same f32; keep it an `f64` and write `x as f32` in the handler",
            ));
        }
        Some(())
    }

    /// `val as to` where one side is `f32`.
    pub(crate) fn cast_f32(&mut self, val: Val, to: &Ty, span: TokenSpan) -> Option<Val> {
        let from = val.ty.clone();
        if from == *to {
            return Some(Val { var: None, ..val });
        }
        if *to == Ty::F32 {
            let js = match from.int() {
                Some(int) if int.is_wide() => format!("{}({})", self.helper("$bigf32"), val.js),
                Some(_) => format!("Math.fround({})", val.js),
                None if from == Ty::F64 => format!("Math.fround({})", val.js),
                None => {
                    return self
                        .fail(type_needed(span, &format!("the cast from `{from}` to `f32`")))
                }
            };
            return Some(Val::atom(js, Ty::F32));
        }
        // From `f32` (to an integer, `ops.rs` casts it as the same `f64`).
        match to {
            Ty::F64 => Some(Val { ty: Ty::F64, var: None, ..val }),
            _ => self.fail(type_needed(span, &format!("the cast from `f32` to `{to}`"))),
        }
    }

    /// `a op b` on `f32`s: the `f64` result rounded once.
    pub(crate) fn f32_arith(&mut self, x: &str, sym: &str, y: &str) -> Val {
        Val::atom(format!("Math.fround({x} {sym} {y})"), Ty::F32)
    }

    pub(crate) fn f32_method(&mut self, mut recv: Val, call: &Call<'_>) -> Option<Val> {
        let name = call.name.as_str();
        let wants: &[Option<Ty>] = match name {
            "min" | "max" => &[Some(Ty::F32)],
            _ => &[],
        };
        let args = self.args(&mut recv, call, wants)?;
        let x = &recv.js;
        let a = args.first().map(|v| v.js.clone()).unwrap_or_default();
        let (js, ty) = match name {
            // Exact on an `f32` (the result is one); `sqrt` is rounded once.
            "floor" | "ceil" | "trunc" | "abs" => (format!("Math.{name}({x})"), Ty::F32),
            "sqrt" => (format!("Math.fround(Math.sqrt({x}))"), Ty::F32),
            "round" => {
                let v = self.spill(recv.clone()).operand();
                (format!("{v} < 0 ? -Math.round(-{v}) : Math.round({v})"), Ty::F32)
            }
            "min" => (format!("{}({x}, {a})", self.helper("$fmin")), Ty::F32),
            "max" => (format!("{}({x}, {a})", self.helper("$fmax")), Ty::F32),
            "is_nan" => (format!("Number.isNaN({x})"), Ty::Bool),
            "is_finite" => (format!("Number.isFinite({x})"), Ty::Bool),
            "to_string" => (format!("{}({x})", self.helper("$fmtf32")), Ty::String),
            _ => return self.unknown(call, &Ty::F32),
        };
        let atomic = !js.contains(' ');
        Some(if atomic { Val::atom(js, ty) } else { Val::new(js, ty) })
    }
}
