//! Iterating a vector by `&mut`: `for t in v.iter_mut() { t.done = true; }`,
//! `for t in &mut v`, `v.iter_mut().find(|t| t.id == id)`.
//!
//! Only where the items are JavaScript objects (structs, tuples, vectors): the loop
//! variable then is the item itself, so a write to one of its fields or elements
//! reaches the vector. The binding aliases the item, so replacing it whole
//! (`*t = …`, which would only rebind a JavaScript variable) is refused; so are items
//! that are numbers or strings (the variable would be a copy), and any adapter but
//! the few that hand the same items on.

use super::cx::{span_of, Tx};
use super::emit::{Shape, Src, Val};
use super::methods::Call;
use super::ty::Ty;
use crate::diagnostics::{type_needed, unsupported_expression};
use crate::span::TokenSpan;

/// What may follow `iter_mut()`: adapters that hand on the same items, and consumers.
const KEEP: &[&str] =
    &["find", "filter", "enumerate", "skip", "take", "next", "nth", "last", "count"];

const HELP: &str = "index the vector instead: `for i in 0..v.len() { v[i] += 1; }`, or write through `update(|v| v[i] = …)`";

impl Tx<'_> {
    /// `v.iter_mut()` (and `&mut v` in a `for`): the items, by `&mut`.
    pub(crate) fn iter_mut(&mut self, recv: Val, elem: Ty, span: TokenSpan) -> Option<Val> {
        if elem.has_unknown() {
            return self.fail(type_needed(span, "iterating by `&mut`"));
        }
        if !elem.is_mutable_object() || matches!(elem, Ty::Option(_)) {
            return self.fail(unsupported_expression(
                span,
                &format!("iterating by `&mut` over `{elem}` items"),
                Some(HELP),
            ));
        }
        Some(
            Val { place: false, mut_ref: true, ..recv }.retyped(elem).shaped(Shape::Iter(Src::Mut)),
        )
    }

    /// A method on the items of `iter_mut()`.
    pub(crate) fn iter_mut_method(&mut self, recv: Val, call: &Call<'_>) -> Option<Val> {
        if !KEEP.contains(&call.name.as_str()) {
            return self.fail(unsupported_expression(
                call.span,
                &format!("`{}` after `iter_mut()`", call.name),
                Some("loop over the items instead: `for x in v.iter_mut() { … }`"),
            ));
        }
        let recv = recv.shaped(Shape::Iter(Src::Lazy));
        let res = self.iter_method(recv, call)?;
        Some(match res.shape {
            Shape::Iter(_) => Val { mut_ref: true, ..res }.shaped(Shape::Iter(Src::Mut)),
            _ => Val { mut_ref: res.ty != Ty::Usize, ..res },
        })
    }

    /// `for x in &mut v`: as `v.iter_mut()`.
    pub(crate) fn for_mut(&mut self, reference: &syn::ExprReference) -> Option<Val> {
        let val = self.expr(&reference.expr, None)?;
        let Ty::Vec(elem) = val.ty.clone() else {
            return self.fail(type_needed(span_of(reference), "iterating by `&mut`"));
        };
        self.iter_mut(val, *elem, span_of(reference))
    }
}
