//! What a method call's expected type says about its receiver: `let n: u64 =
//! s.parse().unwrap_or(0)` parses a `u64`, as rustc infers it.

use super::ty::Ty;

/// The type a method's receiver must have for the method to give `want`, where that
/// types the receiver: `let n: u64 = s.parse().unwrap_or(0)` parses a `u64`, and so
/// does `s.parse().unwrap_or(1).max(1)`; a literal receiver (`5.max(x)`) takes it too.
pub(crate) fn receiver_want(receiver: &syn::Expr, name: &str, want: Option<&Ty>) -> Option<Ty> {
    let want = want.filter(|it| **it != Ty::Unknown)?;
    let is_parse = |e: &syn::Expr| matches!(e, syn::Expr::MethodCall(m) if m.method == "parse" && m.turbofish.is_none());
    let unknown = || Box::new(Ty::Unknown);
    match (name, receiver) {
        ("unwrap" | "expect" | "unwrap_or" | "unwrap_or_default" | "unwrap_or_else", r)
            if is_parse(r) =>
        {
            Some(Ty::Result(Box::new(want.clone()), unknown()))
        }
        ("ok", r) if is_parse(r) => match want {
            Ty::Option(inner) => Some(Ty::Result(inner.clone(), unknown())),
            _ => None,
        },
        (
            "min" | "max" | "clamp" | "abs" | "pow" | "saturating_add" | "saturating_sub"
            | "saturating_mul" | "wrapping_add" | "wrapping_sub" | "wrapping_mul",
            syn::Expr::MethodCall(_) | syn::Expr::Lit(_),
        ) if want.is_int() || want.is_float() => Some(want.clone()),
        _ => None,
    }
}
