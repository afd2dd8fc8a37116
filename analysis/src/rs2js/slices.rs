//! Range indexing and `Option`'s in-place methods: `&s[a..b]` on a string's UTF-8
//! byte indices, `&v[a..b]` on a vector, `o.take()`, `o.replace(x)`.
//!
//! A slice is read-only here: it is a copy of the range (`slice`), so a method that
//! would change the slice in place (`v[1..].sort()`), or an assignment through it, is
//! refused rather than applied to the copy. Indices are checked as Rust checks them: a
//! start after the end, an end past the length, or a string index inside a character
//! panics (the handler's error).

use super::cx::{span_of, Tx};
use super::emit::Val;
use super::methods::Call;
use super::ty::Ty;
use crate::diagnostics::{type_needed, unsupported_expression};

/// Methods that change a vector in place: on a slice, they would change a copy.
const IN_PLACE: &[&str] = &[
    "sort",
    "sort_unstable",
    "sort_by",
    "sort_by_key",
    "sort_unstable_by",
    "sort_unstable_by_key",
    "reverse",
    "swap",
    "fill",
    "rotate_left",
    "rotate_right",
    "iter_mut",
    "copy_from_slice",
    "clone_from_slice",
];

/// `expr` without parentheses and `&`/`&mut`.
fn strip(expr: &syn::Expr) -> &syn::Expr {
    match expr {
        syn::Expr::Paren(p) => strip(&p.expr),
        syn::Expr::Reference(r) => strip(&r.expr),
        other => other,
    }
}

/// Whether `expr` is a range index (`v[a..b]`), or a place inside one (`v[1..][0]`).
pub(crate) fn is_slice(expr: &syn::Expr) -> bool {
    match strip(expr) {
        syn::Expr::Index(i) => matches!(strip(&i.index), syn::Expr::Range(_)) || is_slice(&i.expr),
        syn::Expr::Field(f) => is_slice(&f.base),
        _ => false,
    }
}

impl Tx<'_> {
    /// Refuses `method` called on a slice when it would change the slice in place.
    pub(crate) fn check_slice_receiver(
        &mut self,
        receiver: &syn::Expr,
        call: &Call<'_>,
    ) -> Option<()> {
        if IN_PLACE.contains(&call.name.as_str()) && is_slice(receiver) {
            return self.fail(unsupported_expression(
                span_of(receiver),
                &format!("changing a slice in place (`{}` on `v[a..b]`)", call.name),
                Some("change a copy and write it back: `let mut part = v[a..b].to_vec(); part.sort(); for (i, x) in part.into_iter().enumerate() { v[a + i] = x; }`"),
            ));
        }
        Some(())
    }

    /// `base[range]`: a string's bytes or a vector's items.
    pub(crate) fn range_index(&mut self, base: &syn::Expr, range: &syn::ExprRange) -> Option<Val> {
        let usize = Some(Ty::Usize);
        let mut exprs = vec![(base, None)];
        exprs.extend(range.start.as_deref().map(|e| (e, usize.clone())));
        exprs.extend(range.end.as_deref().map(|e| (e, usize.clone())));
        let mut vals = self.seq(&exprs, |tx, e, want| tx.expr(e, want))?.into_iter();
        let base_val = vals.next()?;
        let start = match range.start {
            Some(_) => vals.next()?.js,
            None => "0".to_owned(),
        };
        let end = match range.end {
            Some(_) => vals.next()?.js,
            None => "null".to_owned(),
        };
        let inclusive = matches!(range.limits, syn::RangeLimits::Closed(_));
        let helper = match &base_val.ty {
            Ty::String => "$sslice",
            Ty::Vec(_) => "$vslice",
            _ => return self.fail(type_needed(span_of(base), "slicing")),
        };
        let f = self.helper(helper);
        Some(Val::atom(
            format!("{f}({}, {start}, {end}, {inclusive})", base_val.js),
            base_val.ty.clone(),
        ))
    }

    /// `o.take()` and `o.replace(x)` on an `Option` place: the old value, and the place
    /// set to `None` (or `Some(x)`).
    pub(crate) fn option_in_place(&mut self, receiver: &syn::Expr, call: &Call<'_>) -> Option<Val> {
        if is_slice(receiver) {
            return self.fail(unsupported_expression(
                span_of(receiver),
                "`take` on a slice's item",
                None,
            ));
        }
        let (place, ty, _) = self.place(receiver)?;
        let Ty::Option(inner) = ty.clone() else {
            return self.fail(type_needed(call.span, &format!("`{}`", call.name)));
        };
        let new = match (call.name.as_str(), call.args.as_slice()) {
            ("take", []) => "null".to_owned(),
            ("replace", [arg]) => {
                let val = self.expr(arg, Some(&inner))?;
                self.expect_ty(&val, &inner);
                self.owned(val).js
            }
            _ => return self.unknown(call, &ty),
        };
        let new = if new == "null" { new } else { self.spill(Val::atom(new, (*inner).clone())).js };
        let old = self.spill(Val::atom(place.read(), ty.clone()));
        self.emit(place.write(&new));
        Some(old)
    }
}
