//! `Ordering` and what produces it: `cmp`/`partial_cmp`, `Ordering::Less`…, `then`,
//! `then_with`, `reverse`, `is_lt`…; comparator sorts (`sort_by`, `sort_unstable_by`)
//! and `max_by`/`min_by`.
//!
//! An `Ordering` is `-1`, `0` or `1`. A comparator sort is JavaScript's stable `sort`,
//! which orders as Rust's stable `sort_by` does for any consistent comparator. Two
//! things would make the order (or the effects) depend on the sorting algorithm, and
//! are refused: a comparator with side effects (JavaScript compares other pairs, in
//! another order), and `sort_unstable_*` where equal elements can be told apart (only
//! Rust's algorithm knows where they end up); so is `partial_cmp` without `unwrap`,
//! which is no total order once a NaN appears.

use quote::ToTokens;

use super::cx::{span_of, Tx};
use super::emit::{Shape, Val};
use super::methods::Call;
use super::ty::Ty;
use crate::diagnostics::{type_needed, unknown_method, unsupported_expression};

/// Methods that change what they are called on: a comparator calling one has effects.
const MUTATING: &[&str] = &[
    "set", "update", "push", "push_str", "pop", "insert", "remove", "clear", "retain", "truncate",
    "sort", "swap", "extend", "dedup",
];

/// Whether `ty` is totally ordered as rs2js's `$cmp` orders it (Rust's `Ord`).
fn is_ord(ty: &Ty) -> bool {
    match ty {
        Ty::Bool | Ty::Char | Ty::String | Ty::Unit | Ty::Ordering => true,
        Ty::Vec(it) | Ty::Option(it) => is_ord(it),
        Ty::Tuple(items) => items.iter().all(is_ord),
        t => t.is_int(),
    }
}

impl Tx<'_> {
    /// Whether `call` on `recv` is one this module translates.
    pub(crate) fn is_ordering_call(recv: &Val, call: &Call<'_>) -> bool {
        let name = call.name.as_str();
        match (&recv.shape, &recv.ty) {
            (Shape::Iter(_) | Shape::Range { .. }, _) => matches!(name, "max_by" | "min_by"),
            (_, Ty::Ordering) => true,
            (_, Ty::Vec(_)) if matches!(name, "sort_by" | "sort_unstable_by") => true,
            (_, Ty::Vec(_)) if name == "sort_unstable_by_key" => true,
            _ => matches!(name, "cmp" | "partial_cmp") && call.args.len() == 1,
        }
    }

    /// Translates a call [`Tx::is_ordering_call`] accepted.
    pub(crate) fn ordering_method(&mut self, mut recv: Val, call: &Call<'_>) -> Option<Val> {
        let name = call.name.as_str();
        if matches!(recv.shape, Shape::Iter(_) | Shape::Range { .. }) {
            return self.max_min_by(recv, call);
        }
        if let Ty::Vec(elem) = recv.ty.clone() {
            if name != "cmp" && name != "partial_cmp" {
                return self.sort_by(recv, *elem, call);
            }
        }
        if recv.ty == Ty::Ordering {
            return self.ordering_value_method(recv, call);
        }
        let ty = recv.ty.clone();
        let float = ty == Ty::F64;
        if !(is_ord(&ty) || float && name == "partial_cmp") {
            if ty.has_unknown() {
                return self.fail(type_needed(call.span, &format!("`{name}`")));
            }
            return self.unknown(call, &ty);
        }
        let [other] =
            <[Val; 1]>::try_from(self.args(&mut recv, call, &[Some(ty.clone())])?).ok()?;
        let js = if float {
            format!("{}({}, {})", self.helper("$pcmp"), recv.js, other.js)
        } else {
            format!("{}({}, {})", self.helper("$ord"), recv.js, other.js)
        };
        let out =
            if name == "partial_cmp" { Ty::Option(Box::new(Ty::Ordering)) } else { Ty::Ordering };
        Some(Val::atom(js, out))
    }

    fn ordering_value_method(&mut self, mut recv: Val, call: &Call<'_>) -> Option<Val> {
        let x = recv.operand();
        let test = |op: &str| Some(Val::new(format!("{x} {op} 0"), Ty::Bool));
        match (call.name.as_str(), call.args.len()) {
            ("reverse", 0) => Some(Val::new(format!("0 - {x}"), Ty::Ordering)),
            ("is_eq", 0) => test("==="),
            ("is_ne", 0) => test("!=="),
            ("is_lt", 0) => test("<"),
            ("is_gt", 0) => test(">"),
            ("is_le", 0) => test("<="),
            ("is_ge", 0) => test(">="),
            ("then", 1) => {
                // Both sides are evaluated, as Rust evaluates the argument.
                let [other] =
                    <[Val; 1]>::try_from(self.args(&mut recv, call, &[Some(Ty::Ordering)])?)
                        .ok()?;
                self.expect_ty(&other, &Ty::Ordering);
                Some(Val::atom(
                    format!("{}({}, {})", self.helper("$then"), recv.js, other.js),
                    Ty::Ordering,
                ))
            }
            ("then_with", 1) => {
                let f = self.closure_param(call, Vec::new(), Some(Ty::Ordering))?;
                let v = self.spill(recv);
                Some(Val::new(format!("{} || {}()", v.operand(), f.operand()), Ty::Ordering))
            }
            _ => self.unknown(call, &Ty::Ordering),
        }
    }

    fn sort_by(&mut self, recv: Val, elem: Ty, call: &Call<'_>) -> Option<Val> {
        let name = call.name.as_str();
        let [arg] = call.args.as_slice() else { return self.unknown(call, &recv.ty) };
        if !is_pure_closure(arg) {
            return self.fail(unsupported_expression(
                span_of(*arg),
                &format!("a `{name}` closure with side effects"),
                Some("JavaScript's sort calls it on other pairs, in another order: compute what it changes in a loop before or after sorting"),
            ));
        }
        let v = recv.operand();
        if name == "sort_unstable_by_key" {
            return self.fail(unknown_method(
                call.span,
                "sort_unstable_by_key (where equal keys go depends on Rust's algorithm; write `sort_by_key`, which is stable and translated)",
                &recv.ty.to_string(),
            ));
        }
        if name == "sort_unstable_by" && !(is_ord(&elem) && whole_cmp(arg)) {
            return self.fail(unknown_method(
                call.span,
                "sort_unstable_by with this comparator (where equal elements go depends on Rust's algorithm; write `sort_by`, which is stable and translated)",
                &recv.ty.to_string(),
            ));
        }
        if let Some(partial) = partial_cmp_without_unwrap(arg) {
            return self.fail(unsupported_expression(
                partial,
                "`partial_cmp` in a sort comparator without `.unwrap()`",
                Some("a NaN makes it no total order, and then the order depends on the algorithm: write `a.partial_cmp(b).unwrap()` (it panics on NaN, as Rust does) or filter out NaN first"),
            ));
        }
        let f = self.closure_param(call, vec![elem.clone(), elem], Some(Ty::Ordering))?;
        if f.ty != Ty::Ordering {
            return self.fail(type_needed(call.span, &format!("the comparator of `{name}`")));
        }
        Some(Val::atom(format!("{v}.sort({})", f.js), Ty::Unit))
    }

    fn max_min_by(&mut self, recv: Val, call: &Call<'_>) -> Option<Val> {
        let item = recv.ty.clone();
        self.check_some(&item, call.span)?;
        let it = self.iterable(&recv);
        let f = self.closure_param(call, vec![item.clone(), item.clone()], Some(Ty::Ordering))?;
        if f.ty != Ty::Ordering {
            return self
                .fail(type_needed(call.span, &format!("the comparator of `{}`", call.name)));
        }
        let max = call.name == "max_by";
        Some(Val::atom(
            format!("{}({it}, {}, {max})", self.helper("$maxby"), f.js),
            Ty::Option(Box::new(item)),
        ))
    }

    /// `Ordering::Less`, `Ordering::Equal`, `Ordering::Greater` (any `std::cmp::` prefix).
    pub(crate) fn ordering_const(names: &[&str]) -> Option<Val> {
        let (variant, ty_path) = names.split_last()?;
        if !matches!(ty_path, ["Ordering"] | ["cmp", "Ordering"]) {
            return None;
        }
        let js = ordering_js(variant)?;
        Some(Val::pure(js, Ty::Ordering))
    }
}

/// The JavaScript value of the `Ordering` variant `name`.
pub(crate) fn ordering_js(name: &str) -> Option<&'static str> {
    Some(match name {
        "Less" => "-1",
        "Equal" => "0",
        "Greater" => "1",
        _ => return None,
    })
}

/// Whether a closure has no visible effects: no assignment, no macro (`println!`), no
/// call of a method that changes its receiver.
fn is_pure_closure(expr: &syn::Expr) -> bool {
    let mut stack = vec![expr.to_token_stream().into_iter()];
    let mut prev: Option<proc_macro2::TokenTree> = None;
    while let Some(trees) = stack.last_mut() {
        let Some(tree) = trees.next() else {
            stack.pop();
            continue;
        };
        match &tree {
            proc_macro2::TokenTree::Punct(p) if p.as_char() == '=' => {
                let joined_before = matches!(&prev, Some(proc_macro2::TokenTree::Punct(q))
                    if q.spacing() == proc_macro2::Spacing::Joint && matches!(q.as_char(), '=' | '!' | '<' | '>'));
                let joins_next = p.spacing() == proc_macro2::Spacing::Joint;
                if !joined_before && !joins_next {
                    return false;
                }
            }
            // `name!(…)` is a macro; `a != b` is not (its `!` joins the `=`).
            proc_macro2::TokenTree::Punct(p)
                if p.as_char() == '!' && p.spacing() == proc_macro2::Spacing::Alone =>
            {
                if matches!(&prev, Some(proc_macro2::TokenTree::Ident(_))) {
                    return false;
                }
            }
            proc_macro2::TokenTree::Ident(ident) => {
                let is_method =
                    matches!(&prev, Some(proc_macro2::TokenTree::Punct(q)) if q.as_char() == '.');
                if is_method && MUTATING.contains(&ident.to_string().as_str()) {
                    return false;
                }
            }
            proc_macro2::TokenTree::Group(g) => {
                stack.push(g.stream().into_iter());
                prev = None;
                continue;
            }
            _ => {}
        }
        prev = Some(tree);
    }
    true
}

/// Whether a comparator compares its two parameters whole: `|a, b| a.cmp(b)`,
/// `|a, b| b.cmp(a)`, optionally `.reverse()`d (equal then means identical).
fn whole_cmp(expr: &syn::Expr) -> bool {
    let syn::Expr::Closure(c) = expr else { return false };
    let names: Option<Vec<String>> = c
        .inputs
        .iter()
        .map(|p| match p {
            syn::Pat::Ident(i) if i.subpat.is_none() => Some(i.ident.to_string()),
            _ => None,
        })
        .collect();
    let Some([a, b]) = names.as_deref() else { return false };
    let mut body = &*c.body;
    if let syn::Expr::MethodCall(m) = body {
        if m.method == "reverse" && m.args.is_empty() {
            body = &m.receiver;
        }
    }
    let syn::Expr::MethodCall(m) = body else { return false };
    let ident = |e: &syn::Expr| match e {
        syn::Expr::Reference(r) => match &*r.expr {
            syn::Expr::Path(p) => p.path.get_ident().map(ToString::to_string),
            _ => None,
        },
        syn::Expr::Path(p) => p.path.get_ident().map(ToString::to_string),
        _ => None,
    };
    let (Some(x), Some(y)) = (ident(&m.receiver), m.args.first().and_then(ident)) else {
        return false;
    };
    m.method == "cmp" && a != b && ((&x, &y) == (a, b) || (&x, &y) == (b, a))
}

/// The span of a `partial_cmp(…)` call not followed by `.unwrap()`/`.expect(…)`.
fn partial_cmp_without_unwrap(expr: &syn::Expr) -> Option<crate::span::TokenSpan> {
    let tokens: Vec<proc_macro2::TokenTree> = flatten(expr.to_token_stream());
    for (idx, tree) in tokens.iter().enumerate() {
        let proc_macro2::TokenTree::Ident(ident) = tree else { continue };
        if ident != "partial_cmp" {
            continue;
        }
        let next = |k: usize| tokens.get(idx + k).map(ToString::to_string);
        let unwrapped = next(1).is_some_and(|t| t.starts_with('('))
            && next(2).as_deref() == Some(".")
            && matches!(next(3).as_deref(), Some("unwrap" | "expect"));
        if !unwrapped {
            return Some(crate::span::TokenSpan::single(ident.span()));
        }
    }
    None
}

/// The token trees of `tokens`, groups kept whole but also walked into: each group is
/// followed by its own contents, so a neighbour test sees `partial_cmp (…) . unwrap`.
fn flatten(tokens: proc_macro2::TokenStream) -> Vec<proc_macro2::TokenTree> {
    let mut out = Vec::new();
    let mut stack = vec![tokens.into_iter()];
    let mut inner = Vec::new();
    while let Some(trees) = stack.last_mut() {
        let Some(tree) = trees.next() else {
            stack.pop();
            continue;
        };
        if let proc_macro2::TokenTree::Group(g) = &tree {
            inner.push(g.stream());
        }
        out.push(tree);
    }
    for stream in inner {
        out.extend(flatten(stream));
    }
    out
}
