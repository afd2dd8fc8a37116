//! What a name in a closure refers to: a local, the event, a capture (a free variable
//! the closure takes from the component, passed in as a cell), or a constant rs2js
//! knows (`i32::MAX`, `f64::consts::PI`).
//!
//! Captures are collected in first-use order; a capture whose value cannot be
//! serialised, and a path rs2js cannot see, are diagnostics at the use.

use super::cx::{span_of, Binding, Kind, Tx};
use super::emit::Val;
use super::ty::Ty;
use crate::diagnostics::{
    ambiguous_option, unknown_path, unserialisable_capture, unsupported_expression,
};
use crate::span::TokenSpan;

impl Tx<'_> {
    /// The value of a path expression.
    pub(crate) fn path_expr(&mut self, path: &syn::ExprPath, want: Option<&Ty>) -> Option<Val> {
        let span = span_of(path);
        if path.qself.is_some() {
            return self.fail(unknown_path(span, &path_text(&path.path)));
        }
        match path.path.get_ident() {
            Some(ident) => self.ident(&ident.to_string(), span, want),
            None => self.const_path(&path.path, span),
        }
    }

    /// The value of the identifier `name`.
    pub(crate) fn ident(&mut self, name: &str, span: TokenSpan, want: Option<&Ty>) -> Option<Val> {
        if let Some(binding) = self.lookup(name) {
            return Some(binding_val(binding.clone()));
        }
        if name == "None" {
            let ty = match want {
                Some(ty @ Ty::Option(_)) => ty.clone(),
                _ => Ty::Option(Box::new(Ty::Unknown)),
            };
            return Some(Val::pure("null", ty));
        }
        if name == "self" || name == "Self" {
            return self.fail(unsupported_expression(span, "`self`", None));
        }
        if let Some(what) = self.env.unserialisable(name) {
            let what = what.to_owned();
            return self.fail(unserialisable_capture(span, name, &what));
        }
        let ty = match self.env.get(name) {
            Some(ty) => ty.clone(),
            None if name.starts_with(|c: char| c.is_uppercase()) => {
                return self.fail(unknown_path(span, name));
            }
            None => Ty::Unknown,
        };
        if let Some(bad) = ty.ambiguous_option() {
            return self.fail(ambiguous_option(span, &bad.to_string()));
        }
        self.check_f32_capture(&ty, span)?;
        Some(binding_val(self.bind_capture(name, ty)))
    }

    /// A constant from `std`: integer bounds and `f64` constants.
    fn const_path(&mut self, path: &syn::Path, span: TokenSpan) -> Option<Val> {
        let segments: Vec<String> = path.segments.iter().map(|it| it.ident.to_string()).collect();
        let names: Vec<&str> = segments
            .iter()
            .map(String::as_str)
            .skip_while(|it| matches!(*it, "std" | "core"))
            .collect();
        let float = |value: f64| Some(Val::pure(f64_js(value), Ty::F64));
        if let Some(val) = Self::ordering_const(&names) {
            return Some(val);
        }
        match names.as_slice() {
            ["f64", "consts", name] | ["f64", name] => match f64_const(name) {
                Some(value) => float(value),
                None => self.fail(unknown_path(span, &segments.join("::"))),
            },
            [ty_name, bound @ ("MAX" | "MIN" | "BITS")] => {
                let ty = super::ty::int_suffix(ty_name).filter(Ty::is_int);
                let Some(int) = ty.as_ref().and_then(Ty::int) else {
                    return self.fail(unknown_path(span, &segments.join("::")));
                };
                if *bound == "BITS" {
                    return Some(Val::pure(int.bits.to_string(), Ty::U32));
                }
                let (lo, hi) = int.range();
                let value = if *bound == "MAX" { hi } else { lo };
                Some(Val::pure(super::emit::int_js(value), ty.unwrap_or(Ty::Unknown)))
            }
            _ => self.fail(unknown_path(span, &segments.join("::"))),
        }
    }
}

/// The value a binding reads as.
pub(crate) fn binding_val(binding: Binding) -> Val {
    match binding.kind {
        Kind::Local => Val {
            var: binding.var,
            place: true,
            mut_ref: binding.mut_ref,
            ..Val::pure(binding.js, binding.ty)
        }
        .impure_if(binding.mutable),
        Kind::Event => Val::pure(binding.js, Ty::Event),
        Kind::Capture if matches!(binding.ty, Ty::Signal(_)) => Val::pure(binding.js, binding.ty),
        Kind::Capture => {
            Val { place: true, ..Val::atom(format!("{}.get()", binding.js), binding.ty) }
        }
        Kind::Closure => Val::pure(binding.js, binding.ty).shaped(super::emit::Shape::Closure),
    }
}

/// A path as written: `a::b::C`.
pub(crate) fn path_text(path: &syn::Path) -> String {
    let names: Vec<String> = path.segments.iter().map(|it| it.ident.to_string()).collect();
    let prefix = if path.leading_colon.is_some() { "::" } else { "" };
    format!("{prefix}{}", names.join("::"))
}

/// A JavaScript literal for `value`.
pub(crate) fn f64_js(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_owned()
    } else if value.is_infinite() {
        if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
    } else {
        format!("{value:?}")
    }
}

fn f64_const(name: &str) -> Option<f64> {
    use std::f64::consts;
    Some(match name {
        "MAX" => f64::MAX,
        "MIN" => f64::MIN,
        "MIN_POSITIVE" => f64::MIN_POSITIVE,
        "EPSILON" => f64::EPSILON,
        "INFINITY" => f64::INFINITY,
        "NEG_INFINITY" => f64::NEG_INFINITY,
        "NAN" => f64::NAN,
        "PI" => consts::PI,
        "TAU" => consts::TAU,
        "E" => consts::E,
        "SQRT_2" => consts::SQRT_2,
        "LN_2" => consts::LN_2,
        "LN_10" => consts::LN_10,
        "FRAC_PI_2" => consts::FRAC_PI_2,
        "FRAC_PI_4" => consts::FRAC_PI_4,
        "FRAC_1_SQRT_2" => consts::FRAC_1_SQRT_2,
        "LOG2_E" => consts::LOG2_E,
        "LOG10_E" => consts::LOG10_E,
        _ => return None,
    })
}
