//! `Vec` methods and iterator pipelines.
//!
//! A vector is a JavaScript array changed in place (`push`, `retain`, `sort`). Iterators
//! are lazy, as in Rust: `map`/`filter`/`enumerate` are generator helpers, so
//! `find`/`any`/`position` stop early and a closure runs exactly as often as in Rust.

use super::cx::{span_of, Tx};
use super::emit::{Shape, Src, Val};
use super::methods::Call;
use super::ty::Ty;
use crate::diagnostics::{type_needed, unsupported_expression};

impl Tx<'_> {
    /// A JavaScript comparator of two values of `ty` in Rust's `Ord` order.
    fn order_fn(&mut self, ty: &Ty) -> String {
        // A 64-bit value may be a BigInt, which `-` does not mix with a number.
        if ty.int().is_some_and(|it| it.is_wide()) {
            "((a, b) => a < b ? -1 : a > b ? 1 : 0)".to_owned()
        } else if ty.is_int() || *ty == Ty::Bool {
            "((a, b) => a - b)".to_owned()
        } else {
            self.helper("$cmp").to_owned()
        }
    }

    pub(crate) fn vec_method(&mut self, mut recv: Val, elem: Ty, call: &Call<'_>) -> Option<Val> {
        let vec_ty = Ty::Vec(Box::new(elem.clone()));
        let name = call.name.as_str();
        let e = Some(elem.clone());
        let usize = Some(Ty::Usize);
        let wants: &[Option<Ty>] = match name {
            "push" | "contains" => std::slice::from_ref(&e),
            "insert" => &[usize.clone(), e.clone()],
            "remove" | "get" | "truncate" | "windows" | "chunks" => std::slice::from_ref(&usize),
            "swap" => &[usize.clone(), usize.clone()],
            "join" => &[Some(Ty::String)],
            "retain" | "extend" | "extend_from_slice" => &[None],
            _ => &[],
        };
        let args = if matches!(name, "retain" | "extend" | "extend_from_slice" | "sort_by_key") {
            Vec::new()
        } else {
            self.args(&mut recv, call, wants)?
        };
        let v = recv.operand();
        let arg = |idx: usize| args.get(idx).map(|a: &Val| a.js.clone()).unwrap_or_default();
        let atom = |js: String, ty: Ty| Some(Val::atom(js, ty));
        match name {
            "len" => atom(format!("{v}.length"), Ty::Usize),
            "is_empty" => Some(Val::new(format!("{v}.length === 0"), Ty::Bool)),
            "push" => {
                let item = self.owned(args.first()?.clone());
                if let Some(var) = recv.var {
                    if item.ty.is_int() && item.var.is_none() {
                        self.infer.constrain(var, &item.ty);
                    }
                }
                atom(format!("{v}.push({})", item.js), Ty::Unit)
            }
            "pop" | "first" | "last" | "get" => {
                self.check_some(&elem, call.span)?;
                let js = match name {
                    "pop" => format!("{}({})", self.helper("$pop"), recv.js),
                    "first" => format!("{}({}, 0)", self.helper("$get"), recv.js),
                    "last" => format!("{}({})", self.helper("$last"), recv.js),
                    _ => format!("{}({}, {})", self.helper("$get"), recv.js, arg(0)),
                };
                atom(js, Ty::Option(Box::new(elem)))
            }
            "contains" => {
                if elem.has_strict_eq() && elem != Ty::F64 {
                    return atom(format!("{v}.includes({})", arg(0)), Ty::Bool);
                }
                atom(format!("{}({}, {})", self.helper("$contains"), recv.js, arg(0)), Ty::Bool)
            }
            "retain" => {
                let f = self.closure_param(call, vec![elem], Some(Ty::Bool))?;
                atom(format!("{}({}, {})", self.helper("$retain"), recv.js, f.js), Ty::Unit)
            }
            "clear" => Some(Val::new(format!("{v}.length = 0"), Ty::Unit)),
            "insert" => atom(
                format!("{}({}, {}, {})", self.helper("$insert"), recv.js, arg(0), arg(1)),
                Ty::Unit,
            ),
            "remove" => atom(format!("{}({}, {})", self.helper("$remove"), recv.js, arg(0)), elem),
            "truncate" => atom(format!("{v}.splice({})", arg(0)), Ty::Unit),
            "swap" => {
                let f = self.helper("$swap");
                atom(format!("{f}({}, {}, {})", recv.js, arg(0), arg(1)), Ty::Unit)
            }
            "iter" | "into_iter" => {
                Some(Val { place: false, ..recv }.retyped(elem).shaped(Shape::Iter(Src::Array)))
            }
            "join" | "concat" if matches!(elem, Ty::String | Ty::Char) => {
                let sep = if name == "concat" { "\"\"".to_owned() } else { arg(0) };
                atom(format!("{v}.join({sep})"), Ty::String)
            }
            "sort" | "sort_unstable" => {
                if elem == Ty::F64 || elem == Ty::Unknown {
                    return self.fail(type_needed(call.span, "`sort`"));
                }
                let cmp = self.order_fn(&elem);
                atom(format!("{v}.sort({cmp})"), Ty::Unit)
            }
            "sort_by_key" => {
                // JavaScript's `sort` is stable, as `sort_by_key` is.
                let f = self.closure_param(call, vec![elem], None)?;
                if f.ty == Ty::F64 || f.ty == Ty::Unknown {
                    return self.fail(type_needed(call.span, "the key of `sort_by_key`"));
                }
                let cmp = self.order_fn(&f.ty);
                let k = self.spill(f).operand();
                atom(format!("{v}.sort((a, b) => {cmp}({k}(a), {k}(b)))"), Ty::Unit)
            }
            "windows" | "chunks" => {
                // Each window is a copy of the slice: reading it is the same, and a shared
                // slice cannot be written through.
                let chunk = name == "chunks";
                let f = self.helper("$windows");
                Some(
                    Val::atom(format!("{f}({}, {}, {chunk})", recv.js, arg(0)), vec_ty)
                        .shaped(Shape::Iter(Src::Lazy)),
                )
            }
            "reverse" => atom(format!("{v}.reverse()"), Ty::Unit),
            "dedup" => atom(format!("{}({})", self.helper("$dedup"), recv.js), Ty::Unit),
            "extend" | "extend_from_slice" => {
                let [src] = call.args.as_slice() else { return self.unknown(call, &vec_ty) };
                let mark = self.out.len();
                let items = self.expr(src, Some(&vec_ty))?;
                if self.out.len() > mark && !recv.pure {
                    let temp = self.temp();
                    self.out.insert(mark, format!("const {temp} = {};", recv.js));
                    recv = Val { js: temp, atomic: true, pure: true, ..recv };
                }
                let items_js = match (&items.shape, &items.ty) {
                    (Shape::Iter(_) | Shape::Range { .. }, _) => self.iterable(&items),
                    (Shape::Value, Ty::Vec(_)) => items.js.clone(),
                    _ => return self.fail(type_needed(span_of(*src), "`extend`")),
                };
                let items_js = if elem.is_mutable_object() {
                    format!("{}({items_js}, {})", self.helper("$map"), self.helper("$clone"))
                } else {
                    items_js
                };
                atom(format!("{}({}, {items_js})", self.helper("$extend"), recv.js), Ty::Unit)
            }
            _ => self.unknown(call, &vec_ty),
        }
    }

    /// A JavaScript iterable for an iterator or range value.
    pub(crate) fn iterable(&mut self, val: &Val) -> String {
        match &val.shape {
            Shape::Range { start, end, inclusive } if is_wide(&val.ty) => {
                let range = self.helper("$range64");
                format!("{range}({start}, {end}, {inclusive})")
            }
            Shape::Range { start, end, inclusive } => {
                let range = self.helper("$range");
                let end = if *inclusive { format!("{end} + 1") } else { end.clone() };
                format!("{range}({start}, {end})")
            }
            _ => val.js.clone(),
        }
    }

    pub(crate) fn iter_method(&mut self, mut recv: Val, call: &Call<'_>) -> Option<Val> {
        let item = recv.ty.clone();
        let src = match &recv.shape {
            Shape::Iter(src) => *src,
            _ => Src::Lazy,
        };
        let name = call.name.as_str();
        if name == "rev" && call.args.is_empty() {
            let js =
                match (&recv.shape, src) {
                    (Shape::Range { start, end, inclusive }, _) if is_wide(&item) => {
                        let f = self.helper("$rrange64");
                        return Some(
                            Val::atom(format!("{f}({start}, {end}, {inclusive})"), item)
                                .shaped(Shape::Iter(Src::Lazy)),
                        );
                    }
                    (Shape::Range { start, end, inclusive }, _) => {
                        let f = self.helper("$rrange");
                        let end = if *inclusive { format!("{end} + 1") } else { end.clone() };
                        return Some(
                            Val::atom(format!("{f}({start}, {end})"), item)
                                .shaped(Shape::Iter(Src::Lazy)),
                        );
                    }
                    (_, Src::Array | Src::Str) => format!("[...{}].reverse()", recv.js),
                    (_, Src::Lazy | Src::Mut) => return self.fail(unsupported_expression(
                        call.span,
                        "`rev()` after `map`, `filter` or `enumerate`",
                        Some("call `rev()` first, or `collect::<Vec<_>>()` and reverse the vector"),
                    )),
                };
            return Some(Val::atom(js, item).shaped(Shape::Iter(Src::Array)));
        }
        let it = self.iterable(&recv);
        let lazy = |js: String, ty: Ty| Some(Val::atom(js, ty).shaped(Shape::Iter(Src::Lazy)));
        match name {
            "map" => {
                let f = self.closure_param(call, vec![item], None)?;
                lazy(format!("{}({it}, {})", self.helper("$map"), f.js), f.ty)
            }
            "filter" => {
                let f = self.closure_param(call, vec![item.clone()], Some(Ty::Bool))?;
                lazy(format!("{}({it}, {})", self.helper("$filter"), f.js), item)
            }
            "filter_map" => {
                let f = self.closure_param(call, vec![item], None)?;
                let out = match f.ty.clone() {
                    Ty::Option(inner) => *inner,
                    _ => return self.fail(type_needed(call.span, "`filter_map`")),
                };
                lazy(format!("{}({it}, {})", self.helper("$filtermap"), f.js), out)
            }
            "enumerate" if call.args.is_empty() => lazy(
                format!("{}({it})", self.helper("$enumerate")),
                Ty::Tuple(vec![Ty::Usize, item]),
            ),
            "skip" | "take" => {
                let [n] =
                    <[Val; 1]>::try_from(self.args(&mut recv, call, &[Some(Ty::Usize)])?).ok()?;
                let helper = if name == "skip" { "$skip" } else { "$take" };
                lazy(format!("{}({it}, {})", self.helper(helper), n.js), item)
            }
            "cloned" | "copied" if call.args.is_empty() => {
                if item.is_mutable_object() {
                    return lazy(
                        format!("{}({it}, {})", self.helper("$map"), self.helper("$clone")),
                        item,
                    );
                }
                Some(recv)
            }
            "collect" if call.args.is_empty() => self.collect(recv, &it, src, call),
            "count" if call.args.is_empty() => Some(match (&recv.shape, src) {
                (Shape::Iter(_), Src::Array) => {
                    Val::atom(format!("{}.length", recv.operand()), Ty::Usize)
                }
                (Shape::Iter(_), Src::Str) => {
                    Val::atom(format!("[...{}].length", recv.js), Ty::Usize)
                }
                _ => Val::atom(format!("{}({it})", self.helper("$count")), Ty::Usize),
            }),
            "sum" | "product" if call.args.is_empty() => {
                let base = if name == "sum" { "$sum" } else { "$prod" };
                let ty = call
                    .turbofish
                    .clone()
                    .or_else(|| call.want.clone())
                    .filter(|t| *t != Ty::Unknown)
                    .unwrap_or(item);
                match ty.int() {
                    Some(int) => {
                        let sum = self.int_helper(base, int);
                        let bounds = self.helper(int.bounds_helper());
                        Some(Val::atom(format!("{sum}({it}, {bounds})"), ty))
                    }
                    None if ty == Ty::F64 => {
                        Some(Val::atom(format!("{}({it})", self.helper(base)), ty))
                    }
                    None => self.fail(type_needed(call.span, &format!("`{name}`"))),
                }
            }
            "any" | "all" => {
                let f = self.closure_param(call, vec![item], Some(Ty::Bool))?;
                let helper = if name == "any" { "$any" } else { "$all" };
                Some(Val::atom(format!("{}({it}, {})", self.helper(helper), f.js), Ty::Bool))
            }
            "position" => {
                let f = self.closure_param(call, vec![item], Some(Ty::Bool))?;
                Some(Val::atom(
                    format!("{}({it}, {})", self.helper("$position"), f.js),
                    Ty::Option(Box::new(Ty::Usize)),
                ))
            }
            "find" => {
                self.check_some(&item, call.span)?;
                let f = self.closure_param(call, vec![item.clone()], Some(Ty::Bool))?;
                Some(Val::atom(
                    format!("{}({it}, {})", self.helper("$find"), f.js),
                    Ty::Option(Box::new(item)),
                ))
            }
            "nth" => {
                self.check_some(&item, call.span)?;
                let [n] =
                    <[Val; 1]>::try_from(self.args(&mut recv, call, &[Some(Ty::Usize)])?).ok()?;
                let (skip, find) = (self.helper("$skip"), self.helper("$find"));
                Some(Val::atom(
                    format!("{find}({skip}({it}, {}), () => true)", n.js),
                    Ty::Option(Box::new(item)),
                ))
            }
            "eq" | "ne" => {
                // Item by item, as `Iterator::eq`; the argument is an iterator or a `Vec`.
                let [arg] = call.args.as_slice() else { return self.unknown(call, &item) };
                let other = self.expr(arg, None)?;
                let b = match (&other.shape, &other.ty) {
                    (Shape::Iter(_) | Shape::Range { .. }, _) | (Shape::Value, Ty::Vec(_)) => {
                        self.iterable(&other)
                    }
                    _ => {
                        return self
                            .fail(type_needed(span_of(*arg), &format!("the argument of `{name}`")))
                    }
                };
                let not = if name == "ne" { "!" } else { "" };
                let eq = self.helper("$eq");
                Some(Val::new(format!("{not}{eq}([...{it}], [...{b}])"), Ty::Bool))
            }
            // The chain is fresh (an iterator cannot be kept in a variable): its first item.
            "next" if call.args.is_empty() => {
                self.check_some(&item, call.span)?;
                let find = self.helper("$find");
                Some(Val::atom(format!("{find}({it}, () => true)"), Ty::Option(Box::new(item))))
            }
            "flatten" if call.args.is_empty() => {
                let (inner, opt) = match item.clone() {
                    Ty::Option(inner) => (*inner, true),
                    Ty::Vec(inner) => (*inner, false),
                    _ => {
                        return self
                            .fail(type_needed(call.span, "`flatten` (of `Option` or `Vec` items)"))
                    }
                };
                lazy(format!("{}({it}, {opt})", self.helper("$flatten")), inner)
            }
            "max_by_key" | "min_by_key" => {
                // The key is computed once per item, as in Rust; `max_by_key` keeps the last
                // of equal keys, `min_by_key` the first.
                self.check_some(&item, call.span)?;
                let f = self.closure_param(call, vec![item.clone()], None)?;
                if f.ty == Ty::F64 || f.ty.has_unknown() {
                    return self.fail(type_needed(call.span, &format!("the key of `{name}`")));
                }
                let max = name == "max_by_key";
                Some(Val::atom(
                    format!("{}({it}, {}, {max})", self.helper("$maxbykey"), f.js),
                    Ty::Option(Box::new(item)),
                ))
            }
            "zip" => {
                let [arg] = call.args.as_slice() else { return self.unknown(call, &item) };
                let mark = self.out.len();
                let other = self.expr(arg, None)?;
                if self.out.len() > mark && !recv.pure {
                    return self.fail(unsupported_expression(
                        call.span,
                        "`zip` with an argument that needs statements",
                        Some("bind the argument to a local first: `let b = …; a.iter().zip(b.iter())`"),
                    ));
                }
                let other_item = match (&other.shape, &other.ty) {
                    (Shape::Iter(_) | Shape::Range { .. }, t) => t.clone(),
                    (Shape::Value, Ty::Vec(e)) => (**e).clone(),
                    _ => return self.fail(type_needed(span_of(arg), "the argument of `zip`")),
                };
                let b = self.iterable(&other);
                lazy(
                    format!("{}({it}, {b})", self.helper("$zip")),
                    Ty::Tuple(vec![item, other_item]),
                )
            }
            "max" | "min" if call.args.is_empty() => {
                if !(item.is_int() || matches!(item, Ty::String | Ty::Char | Ty::Bool)) {
                    return self.fail(type_needed(call.span, &format!("`{name}`")));
                }
                let helper = if name == "max" { "$max" } else { "$min" };
                Some(Val::atom(
                    format!("{}({it})", self.helper(helper)),
                    Ty::Option(Box::new(item)),
                ))
            }
            "last" if call.args.is_empty() => {
                self.check_some(&item, call.span)?;
                let last = self.helper("$last");
                let arr = if src == Src::Array && matches!(recv.shape, Shape::Iter(_)) {
                    it
                } else {
                    format!("[...{it}]")
                };
                Some(Val::atom(format!("{last}({arr})"), Ty::Option(Box::new(item))))
            }
            "fold" => {
                let [init, f] = call.args.as_slice() else { return self.unknown(call, &recv.ty) };
                let init = self.expr(init, call.want.as_ref())?;
                let init = self.owned(init);
                let f = self.closure_arg(f, vec![init.ty.clone(), item], Some(init.ty.clone()))?;
                let ty = if init.ty == Ty::Unknown { f.ty.clone() } else { init.ty.clone() };
                Some(Val::atom(
                    format!("{}({it}, {}, {})", self.helper("$fold"), init.js, f.js),
                    ty,
                ))
            }
            "for_each" => {
                let f = self.closure_param(call, vec![item], None)?;
                let x = self.temp();
                self.emit(format!("for (const {x} of {it}) {}({x});", f.operand()));
                Some(Val::unit())
            }
            _ => self.fail(crate::diagnostics::unknown_method(call.span, &call.name, "Iterator")),
        }
    }

    fn collect(&mut self, recv: Val, it: &str, src: Src, call: &Call<'_>) -> Option<Val> {
        let item = recv.ty.clone();
        let target = call.turbofish.clone().or_else(|| call.want.clone()).unwrap_or(Ty::Unknown);
        match target {
            Ty::Vec(_) => {
                let js = match (&recv.shape, src) {
                    (Shape::Iter(_), Src::Array) => format!("[...{}]", recv.js),
                    _ => format!("[...{it}]"),
                };
                Some(Val::atom(js, Ty::Vec(Box::new(item))))
            }
            Ty::String => match (&recv.shape, src) {
                (Shape::Iter(_), Src::Str) => {
                    Some(Val { place: false, ..recv }.retyped(Ty::String))
                }
                _ => Some(Val::atom(format!("[...{it}].join(\"\")"), Ty::String)),
            },
            Ty::Unknown => self.fail(type_needed(call.span, "`collect`")),
            other => self.unknown(call, &other),
        }
    }
}

/// Whether `ty` is a 64-bit integer type (its values may be BigInts).
fn is_wide(ty: &Ty) -> bool {
    ty.int().is_some_and(|it| it.is_wide())
}
