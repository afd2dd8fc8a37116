//! Calls of the few functions rs2js knows: `Some`, `Ok`, `Err`, `String::new`/`from`,
//! `Vec::new`, `std::cmp::{max, min}`, `char::from_u32`/`from`, lossless `T::from`, and
//! closures bound to a local. Any other call is Rust code the browser cannot run
//! (`R021`).

use super::captures::path_text;
use super::cx::{span_of, Kind, Tx};
use super::emit::{Shape, Val};
use super::expr::join;
use super::ty::{int_suffix, Ty};
use crate::diagnostics::{type_needed, unsupported_type, untranslatable_call};

impl Tx<'_> {
    pub(crate) fn call(&mut self, call: &syn::ExprCall, want: Option<&Ty>) -> Option<Val> {
        let span = span_of(call);
        let args: Vec<&syn::Expr> = call.args.iter().collect();
        let syn::Expr::Path(callee) = &*call.func else {
            let vals = self.seq(
                &std::iter::once((&*call.func, None))
                    .chain(args.iter().map(|a| (*a, None)))
                    .collect::<Vec<_>>(),
                |tx, e, want| tx.expr(e, want),
            )?;
            let (func, args) = vals.split_first()?;
            if func.shape != Shape::Closure {
                return self.fail(untranslatable_call(span_of(&call.func), "this callee"));
            }
            return Some(Val::atom(format!("{}({})", func.operand(), join(args)), func.ty.clone()));
        };
        let segments: Vec<String> =
            callee.path.segments.iter().map(|it| it.ident.to_string()).collect();
        let names: Vec<&str> = segments
            .iter()
            .map(String::as_str)
            .skip_while(|it| matches!(*it, "std" | "core"))
            .collect();
        let inner = |i: usize| match want {
            Some(Ty::Option(t)) if i == 0 => Some((**t).clone()),
            Some(Ty::Result(ok, err)) => {
                Some(if i == 0 { (**ok).clone() } else { (**err).clone() })
            }
            _ => None,
        };
        match (names.as_slice(), args.as_slice()) {
            (["Some"], [arg]) => {
                let val = self.expr(arg, inner(0).as_ref())?;
                self.check_some(&val.ty, span_of(*arg))?;
                let val = self.owned(val);
                Some(Val { ty: Ty::Option(Box::new(val.ty.clone())), ..val })
            }
            ([name @ ("Ok" | "Err")], [arg]) => {
                let is_ok = *name == "Ok";
                let val = self.expr(arg, inner(if is_ok { 0 } else { 1 }).as_ref())?;
                let val = self.owned(val);
                let other = match want {
                    Some(Ty::Result(ok, err)) => {
                        if is_ok {
                            (**err).clone()
                        } else {
                            (**ok).clone()
                        }
                    }
                    _ => Ty::Unknown,
                };
                let ty = if is_ok {
                    Ty::Result(Box::new(val.ty), Box::new(other))
                } else {
                    Ty::Result(Box::new(other), Box::new(val.ty))
                };
                Some(Val::atom(format!("{{{name}: {}}}", val.js), ty))
            }
            (["String", "new"], []) => Some(Val::pure("\"\"", Ty::String)),
            (["String", "from"], [arg]) => {
                self.expr(arg, Some(&Ty::String)).map(|v| Val { ty: Ty::String, place: false, ..v })
            }
            (["Vec", "new"], []) => Some(Val::atom("[]", vec_ty(want))),
            (["String" | "Vec", "with_capacity"], [arg]) => {
                let n = self.expr(arg, Some(&Ty::Usize))?;
                if !n.pure {
                    self.emit(format!("{};", n.js));
                }
                Some(if names.first() == Some(&"String") {
                    Val::pure("\"\"", Ty::String)
                } else {
                    Val::atom("[]", vec_ty(want))
                })
            }
            ([.., "cmp", f @ ("max" | "min")], [a, b]) => {
                let vals = self.seq(&[(*a, None), (*b, None)], |tx, e, want| tx.expr(e, want))?;
                let [a, b] = <[Val; 2]>::try_from(vals).ok()?;
                let ty = self.unify(&a, &b);
                if !ty.is_int() {
                    return self.fail(type_needed(
                        span,
                        &format!("`{f}` on values that are not integers"),
                    ));
                }
                if ty.int().is_some_and(|it| it.is_wide()) {
                    let f = self.helper(if *f == "min" { "$imin" } else { "$imax" });
                    return Some(Val::atom(format!("{f}({}, {})", a.js, b.js), ty));
                }
                Some(Val::atom(format!("Math.{f}({}, {})", a.js, b.js), ty))
            }
            ([ty_name, "from_str_radix"], [text, radix])
                if int_suffix(ty_name).is_some_and(|it| it.is_int()) =>
            {
                // Rust panics on a radix outside 2..=36, as the helper does.
                let ty = int_suffix(ty_name).unwrap_or(Ty::Unknown);
                let int = ty.int()?;
                let exprs = [(*text, Some(Ty::String)), (*radix, Some(Ty::U32))];
                let vals = self.seq(&exprs, |tx, e, want| tx.expr(e, want))?;
                let [text, radix] = <[Val; 2]>::try_from(vals).ok()?;
                let (f, bounds) = (self.helper("$pint"), self.helper(int.bounds_helper()));
                let err = Box::new(Ty::ParseError("ParseIntError"));
                Some(Val::atom(
                    format!("{f}({}, {bounds}, {})", text.js, radix.js),
                    Ty::Result(Box::new(ty), err),
                ))
            }
            (["char", "from_u32"], [arg]) => {
                let n = self.expr(arg, Some(&Ty::U32))?;
                let f = self.helper("$fromu32");
                Some(Val::atom(format!("{f}({})", n.js), Ty::Option(Box::new(Ty::Char))))
            }
            (["char", "from"], [arg]) => {
                let n = self.expr(arg, Some(&Ty::U8))?;
                Some(Val::atom(format!("String.fromCodePoint({})", n.js), Ty::Char))
            }
            ([ty_name, "from"], [arg]) if int_suffix(ty_name).is_some() => {
                let target = int_suffix(ty_name).unwrap_or(Ty::Unknown);
                let val = self.expr(arg, None)?;
                if target == Ty::F32 || val.ty == Ty::F32 {
                    return self.fail(unsupported_type(
                        span,
                        "f32",
                        "its rounding is not modelled",
                    ));
                }
                Some(Val { ty: target, var: None, ..val })
            }
            _ => {
                if let Some(ident) = callee.path.get_ident() {
                    let name = ident.to_string();
                    if let (None, Some(what)) = (self.lookup(&name), self.env.unserialisable(&name))
                    {
                        let what = what.to_owned();
                        return self.fail(crate::diagnostics::unserialisable_capture(
                            span_of(&call.func),
                            &name,
                            &what,
                        ));
                    }
                    if let Some(binding) = self.lookup(&ident.to_string()) {
                        if binding.kind == Kind::Closure {
                            let (js, ret) = (binding.js.clone(), binding.ty.clone());
                            let exprs: Vec<_> = args.iter().map(|a| (*a, None)).collect();
                            let vals = self.seq(&exprs, |tx, e, want| tx.expr(e, want))?;
                            let vals: Vec<Val> = vals.into_iter().map(|v| self.owned(v)).collect();
                            return Some(Val::atom(format!("{js}({})", join(&vals)), ret));
                        }
                    }
                }
                self.fail(untranslatable_call(span_of(&call.func), &path_text(&callee.path)))
            }
        }
    }
}

/// The type of an empty vector: the one its context wants, if that is a vector.
fn vec_ty(want: Option<&Ty>) -> Ty {
    match want {
        Some(ty @ Ty::Vec(_)) => ty.clone(),
        _ => Ty::Vec(Box::new(Ty::Unknown)),
    }
}
