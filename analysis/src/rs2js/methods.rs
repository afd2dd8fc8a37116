//! Method calls: dispatch on the receiver's type, and the methods of signals, the
//! event, `Option`, `Result`, numbers and `char` (strings and vectors have their own
//! files).
//!
//! A method rs2js does not know is a diagnostic naming the receiver's type; on a
//! receiver of unknown type, a method whose meaning depends on the type (`len` counts
//! bytes on a `String`, items on a `Vec`) asks for an annotation.

use super::cx::{span_of, Tx};
use super::emit::{Shape, Val};
use super::ty::Ty;
use crate::diagnostics::{type_needed, unknown_method};
use crate::span::TokenSpan;

/// A method call being translated.
pub(crate) struct Call<'a> {
    /// The method's name.
    pub(crate) name: String,
    /// Its arguments.
    pub(crate) args: Vec<&'a syn::Expr>,
    /// The type in its turbofish (`parse::<i32>`), if any.
    pub(crate) turbofish: Option<Ty>,
    /// From the method's name to the end of the call.
    pub(crate) span: TokenSpan,
    /// What the context expects.
    pub(crate) want: Option<Ty>,
}

/// The `String` methods that change their receiver (written back to the variable).
const MUTATING_STRING: &[&str] = &["push_str", "push", "clear"];

/// Methods some type has, so that one on an unknown receiver asks for its type.
const KNOWN_METHODS: &[&str] = &[
    "len",
    "push",
    "push_str",
    "pop",
    "contains",
    "get",
    "first",
    "last",
    "iter",
    "chars",
    "trim",
    "to_string",
    "to_uppercase",
    "to_lowercase",
    "starts_with",
    "ends_with",
    "replace",
    "split",
    "parse",
    "unwrap",
    "unwrap_or",
    "map",
    "and_then",
    "is_some",
    "is_none",
    "is_ok",
    "is_err",
    "abs",
    "pow",
    "min",
    "max",
    "insert",
    "remove",
    "retain",
    "sort",
    "join",
    "update",
    "set",
    "with",
    "filter",
    "sum",
    "count",
    "sqrt",
    "floor",
];

impl Tx<'_> {
    pub(crate) fn method_call(
        &mut self,
        call: &syn::ExprMethodCall,
        want: Option<&Ty>,
    ) -> Option<Val> {
        let name = call.method.to_string();
        let mutates_string = MUTATING_STRING.contains(&name.as_str())
            && self.place_type(&call.receiver) == Some(Ty::String);
        let turbofish = call.turbofish.as_ref().and_then(|t| {
            t.args.iter().find_map(|arg| match arg {
                syn::GenericArgument::Type(ty) => Some(self.env.ty(ty)),
                _ => None,
            })
        });
        let receiver = &call.receiver;
        let call = Call {
            name,
            args: call.args.iter().collect(),
            turbofish,
            span: TokenSpan { start: call.method.span(), end: call.paren_token.span.close() },
            want: want.cloned(),
        };
        if mutates_string {
            return self.string_mutation(receiver, &call);
        }
        self.check_slice_receiver(receiver, &call)?;
        let option_place = matches!(call.name.as_str(), "take" | "replace")
            && matches!(self.place_type(receiver), Some(Ty::Option(_)));
        if option_place {
            return self.option_in_place(receiver, &call);
        }
        let recv_want = super::want::receiver_want(receiver, &call.name, want);
        let recv = self.expr(receiver, recv_want.as_ref())?;
        self.method(recv, &call)
    }

    /// `recv.name(args)`.
    pub(crate) fn method(&mut self, recv: Val, call: &Call<'_>) -> Option<Val> {
        if Self::is_ordering_call(&recv, call) {
            return self.ordering_method(recv, call);
        }
        if recv.shape == Shape::Iter(super::emit::Src::Mut) {
            return self.iter_mut_method(recv, call);
        }
        if let (Ty::Vec(elem), "iter_mut", true) =
            (&recv.ty, call.name.as_str(), call.args.is_empty() && recv.shape == Shape::Value)
        {
            let elem = (**elem).clone();
            return self.iter_mut(recv, elem, call.span);
        }
        if let Shape::Iter(_) | Shape::Range { .. } = recv.shape {
            return self.iter_method(recv, call);
        }
        if recv.shape == Shape::Closure {
            return self.fail(unknown_method(call.span, &call.name, "closure"));
        }
        let common = self.common_method(&recv, call);
        if common.is_some() {
            return common;
        }
        match recv.ty.clone() {
            Ty::Signal(inner) => self.signal_method(recv, *inner, call),
            Ty::Event => self.event_method(recv, call),
            Ty::String => self.string_method(recv, call),
            Ty::Char => self.char_method(recv, call),
            Ty::Vec(elem) => self.vec_method(recv, *elem, call),
            Ty::Option(inner) => self.option_method(recv, *inner, call),
            Ty::Result(ok, err) => self.result_method(recv, *ok, *err, call),
            Ty::F64 => self.float_method(recv, call),
            Ty::F32 => self.f32_method(recv, call),
            ty if ty.is_int() => self.int_method(recv, call),
            Ty::Unknown if KNOWN_METHODS.contains(&call.name.as_str()) => {
                self.fail(type_needed(call.span, &format!("the method `{}`", call.name)))
            }
            ty => self.unknown(call, &ty),
        }
    }

    /// Reports that `call` is not a method of `ty`.
    pub(crate) fn unknown<T>(&mut self, call: &Call<'_>, ty: &Ty) -> Option<T> {
        self.fail(unknown_method(call.span, &call.name, &ty.to_string()))
    }

    /// The arguments of `call`, with the types `wants`; spills `recv` first when an
    /// argument emits statements. Refuses a call with another number of arguments.
    pub(crate) fn args(
        &mut self,
        recv: &mut Val,
        call: &Call<'_>,
        wants: &[Option<Ty>],
    ) -> Option<Vec<Val>> {
        if call.args.len() != wants.len() {
            return self.unknown(call, &recv.ty.clone());
        }
        let exprs: Vec<_> = call.args.iter().zip(wants).map(|(e, w)| (*e, w.clone())).collect();
        let mark = self.out.len();
        let vals = self.seq(&exprs, |tx, e, w| tx.expr(e, w))?;
        if self.out.len() > mark && !recv.pure {
            let temp = self.temp();
            self.out.insert(mark, format!("const {temp} = {};", recv.js));
            *recv = Val { js: temp, atomic: true, pure: true, place: false, ..recv.clone() };
        }
        for (val, want) in vals.iter().zip(wants) {
            if let Some(want) = want {
                self.expect_ty(val, want);
            }
        }
        Some(vals)
    }

    /// The one closure argument of `call`, with parameters of types `params`.
    pub(crate) fn closure_param(
        &mut self,
        call: &Call<'_>,
        params: Vec<Ty>,
        ret: Option<Ty>,
    ) -> Option<Val> {
        match call.args.as_slice() {
            [arg] => self.closure_arg(arg, params, ret),
            _ => self.fail(unknown_method(call.span, &call.name, "these arguments")),
        }
    }

    fn common_method(&mut self, recv: &Val, call: &Call<'_>) -> Option<Val> {
        if !call.args.is_empty() && call.name != "eq" && call.name != "ne" {
            return None;
        }
        match call.name.as_str() {
            "clone" | "to_owned" | "to_vec" | "cloned" | "copied"
                if !matches!(recv.ty, Ty::Signal(_) | Ty::Option(_)) =>
            {
                if recv.ty.is_mutable_object() {
                    let clone = self.helper("$clone");
                    return Some(Val::atom(format!("{clone}({})", recv.js), recv.ty.clone()));
                }
                Some(Val { place: false, ..recv.clone() })
            }
            "as_str" | "as_ref" | "as_slice" | "borrow" | "as_deref"
                if matches!(recv.ty, Ty::String | Ty::Vec(_)) =>
            {
                Some(recv.clone())
            }
            "into" => {
                let ty = call
                    .want
                    .clone()
                    .filter(|t| *t != Ty::Unknown)
                    .unwrap_or_else(|| recv.ty.clone());
                Some(Val { ty, var: None, ..recv.clone() })
            }
            "eq" | "ne" => {
                let mut recv = recv.clone();
                let want = Some(recv.ty.clone());
                let [other] = <[Val; 1]>::try_from(self.args(&mut recv, call, &[want])?).ok()?;
                let eq = if recv.ty.has_strict_eq() && other.ty.has_strict_eq() {
                    format!("{} === {}", recv.operand(), other.operand())
                } else {
                    format!("{}({}, {})", self.helper("$eq"), recv.js, other.js)
                };
                let js = if call.name == "ne" { format!("!({eq})") } else { eq };
                Some(Val::new(js, Ty::Bool))
            }
            "to_string" => match &recv.ty {
                Ty::String | Ty::Char | Ty::ParseError(_) => {
                    Some(Val { ty: Ty::String, place: false, ..recv.clone() })
                }
                Ty::Bool => Some(Val::atom(format!("String({})", recv.js), Ty::String)),
                t if t.is_int() => Some(Val::atom(format!("String({})", recv.js), Ty::String)),
                Ty::F64 => {
                    Some(Val::atom(format!("{}({})", self.helper("$fmtf"), recv.js), Ty::String))
                }
                _ => None,
            },
            _ => None,
        }
    }

    fn signal_method(&mut self, mut recv: Val, inner: Ty, call: &Call<'_>) -> Option<Val> {
        match call.name.as_str() {
            "get" if call.args.is_empty() => {
                let get = format!("{}.get()", recv.js);
                if inner.is_mutable_object() {
                    let clone = self.helper("$clone");
                    return Some(Val::atom(format!("{clone}({get})"), inner));
                }
                Some(Val::atom(get, inner))
            }
            "set" => {
                let [value] =
                    <[Val; 1]>::try_from(self.args(&mut recv, call, &[Some(inner)])?).ok()?;
                let value = self.owned(value);
                Some(Val::atom(format!("{}.set({})", recv.js, value.js), Ty::Unit))
            }
            "update" => {
                let [arg] = call.args.as_slice() else { return self.unknown(call, &recv.ty) };
                let f = self.update_arg(arg, inner)?;
                Some(Val::atom(format!("{}.update({f})", recv.js), Ty::Unit))
            }
            "with" => {
                let f = self.closure_param(call, vec![inner], None)?;
                Some(Val::atom(format!("{}.with({})", recv.js, f.js), f.ty))
            }
            _ => self.unknown(call, &recv.ty),
        }
    }

    fn event_method(&mut self, recv: Val, call: &Call<'_>) -> Option<Val> {
        let js = match (call.name.as_str(), call.args.len()) {
            ("prevent_default", 0) => {
                self.prevent_default = true;
                "preventDefault"
            }
            ("stop_propagation", 0) => "stopPropagation",
            _ => return self.unknown(call, &Ty::Event),
        };
        Some(Val::atom(format!("{}.{js}()", recv.js), Ty::Unit))
    }

    /// `event.value`, `event.key`, `event.checked`.
    pub(crate) fn event_field(&mut self, event: &Val, name: &str, span: TokenSpan) -> Option<Val> {
        let e = &event.js;
        match name {
            "value" => Some(Val::new(format!("{e}.target.value ?? \"\""), Ty::String)),
            "key" => Some(Val::new(format!("{e}.key ?? \"\""), Ty::String)),
            "checked" => Some(Val::new(format!("!!{e}.target.checked"), Ty::Bool)),
            _ => self.fail(unknown_method(span, name, "Event")),
        }
    }

    fn option_method(&mut self, mut recv: Val, inner: Ty, call: &Call<'_>) -> Option<Val> {
        let opt = Ty::Option(Box::new(inner.clone()));
        let x = recv.js.clone();
        let atom = |js: String, ty: Ty| Some(Val::atom(js, ty));
        match call.name.as_str() {
            "is_some" | "is_none" if call.args.is_empty() => {
                let op = if call.name == "is_some" { "!==" } else { "===" };
                Some(Val::new(format!("{} {op} null", recv.operand()), Ty::Bool))
            }
            "unwrap" if call.args.is_empty() => {
                atom(format!("{}({x})", self.helper("$unwrap")), inner)
            }
            "expect" => {
                let [msg] =
                    <[Val; 1]>::try_from(self.args(&mut recv, call, &[Some(Ty::String)])?).ok()?;
                atom(format!("{}({}, {})", self.helper("$unwrap"), recv.js, msg.js), inner)
            }
            "unwrap_or" | "or" => {
                let want = if call.name == "or" { opt.clone() } else { inner.clone() };
                let [d] =
                    <[Val; 1]>::try_from(self.args(&mut recv, call, &[Some(want.clone())])?)
                        .ok()?;
                let d = self.owned(d);
                if d.pure {
                    return Some(Val::new(format!("{} ?? {}", recv.operand(), d.operand()), want));
                }
                atom(format!("{}({}, {})", self.helper("$or"), recv.js, d.js), want)
            }
            "unwrap_or_default" if call.args.is_empty() => {
                let Some(default) = default_js(&inner) else {
                    return self.fail(type_needed(call.span, "`unwrap_or_default`"));
                };
                Some(Val::new(format!("{} ?? {default}", recv.operand()), inner))
            }
            "unwrap_or_else" => {
                let f = self.closure_param(call, Vec::new(), Some(inner.clone()))?;
                let v = self.spill(recv);
                Some(Val::new(format!("{} ?? {}()", v.operand(), f.operand()), inner))
            }
            "zip" => {
                let [b] = <[Val; 1]>::try_from(self.args(&mut recv, call, &[None])?).ok()?;
                let Ty::Option(b_inner) = b.ty.clone() else {
                    return self
                        .fail(type_needed(span_of(call.args.first()?), "the argument of `zip`"));
                };
                let a = self.spill(recv);
                let b = self.spill(b);
                let (a, b) = (a.operand(), b.operand());
                Some(Val::new(
                    format!("{a} !== null && {b} !== null ? [{a}, {b}] : null"),
                    Ty::Option(Box::new(Ty::Tuple(vec![inner, *b_inner]))),
                ))
            }
            "or_else" => {
                let f = self.closure_param(call, Vec::new(), Some(opt.clone()))?;
                let v = self.spill(recv);
                Some(Val::new(format!("{} ?? {}()", v.operand(), f.operand()), opt))
            }
            "map" | "and_then" => {
                let ret = if call.name == "and_then" {
                    Some(Ty::Option(Box::new(Ty::Unknown)))
                } else {
                    None
                };
                let f = self.closure_param(call, vec![inner], ret)?;
                let ty = if call.name == "map" {
                    self.check_some(&f.ty, call.span)?;
                    Ty::Option(Box::new(f.ty.clone()))
                } else {
                    f.ty.clone()
                };
                atom(format!("{}({x}, {})", self.helper("$omap"), f.js), ty)
            }
            "filter" => {
                let f = self.closure_param(call, vec![inner], Some(Ty::Bool))?;
                atom(format!("{}({x}, {})", self.helper("$ofilter"), f.js), opt)
            }
            "is_some_and" => {
                let f = self.closure_param(call, vec![inner], Some(Ty::Bool))?;
                let v = self.spill(recv);
                Some(Val::new(
                    format!("{} !== null && {}({})", v.operand(), f.operand(), v.js),
                    Ty::Bool,
                ))
            }
            "ok_or" => {
                let [e] = <[Val; 1]>::try_from(self.args(&mut recv, call, &[None])?).ok()?;
                let ty = Ty::Result(Box::new(inner), Box::new(e.ty.clone()));
                atom(format!("{}({}, {})", self.helper("$okor"), recv.js, e.js), ty)
            }
            "cloned" | "copied" | "clone" if call.args.is_empty() => {
                if inner.is_mutable_object() {
                    let clone = self.helper("$clone");
                    return atom(format!("{clone}({x})"), opt);
                }
                Some(Val { place: false, ..recv })
            }
            "as_ref" | "as_deref" if call.args.is_empty() => Some(recv),
            _ => self.unknown(call, &opt),
        }
    }

    fn result_method(&mut self, mut recv: Val, ok: Ty, err: Ty, call: &Call<'_>) -> Option<Val> {
        let res = Ty::Result(Box::new(ok.clone()), Box::new(err.clone()));
        let x = recv.js.clone();
        let atom = |js: String, ty: Ty| Some(Val::atom(js, ty));
        match call.name.as_str() {
            "is_ok" | "is_err" if call.args.is_empty() => {
                let key = if call.name == "is_ok" { "Ok" } else { "Err" };
                Some(Val::new(format!("\"{key}\" in {}", recv.operand()), Ty::Bool))
            }
            "ok" | "err" if call.args.is_empty() => {
                let (helper, item) = if call.name == "ok" { ("$rok", ok) } else { ("$rerr", err) };
                self.check_some(&item, call.span)?;
                atom(format!("{}({x})", self.helper(helper)), Ty::Option(Box::new(item)))
            }
            "unwrap" if call.args.is_empty() => {
                atom(format!("{}({x})", self.helper("$runwrap")), ok)
            }
            "expect" => {
                let [msg] =
                    <[Val; 1]>::try_from(self.args(&mut recv, call, &[Some(Ty::String)])?).ok()?;
                atom(format!("{}({}, {})", self.helper("$runwrap"), recv.js, msg.js), ok)
            }
            "unwrap_or" => {
                let [d] =
                    <[Val; 1]>::try_from(self.args(&mut recv, call, &[Some(ok.clone())])?).ok()?;
                atom(format!("{}({}, {})", self.helper("$ror"), recv.js, d.js), ok)
            }
            "unwrap_or_default" if call.args.is_empty() => {
                let Some(default) = default_js(&ok) else {
                    return self.fail(type_needed(call.span, "`unwrap_or_default`"));
                };
                atom(format!("{}({x}, {default})", self.helper("$ror")), ok)
            }
            "unwrap_or_else" => {
                let f = self.closure_param(call, vec![err], Some(ok.clone()))?;
                let v = self.spill(recv);
                Some(Val::new(
                    format!("\"Ok\" in {0} ? {0}.Ok : {1}({0}.Err)", v.js, f.operand()),
                    ok,
                ))
            }
            "map" => {
                let f = self.closure_param(call, vec![ok], None)?;
                atom(
                    format!("{}({x}, {})", self.helper("$rmap"), f.js),
                    Ty::Result(Box::new(f.ty), Box::new(err)),
                )
            }
            "map_err" => {
                let f = self.closure_param(call, vec![err], None)?;
                atom(
                    format!("{}({x}, {})", self.helper("$rmaperr"), f.js),
                    Ty::Result(Box::new(ok), Box::new(f.ty)),
                )
            }
            "and_then" => {
                let ret = Ty::Result(Box::new(Ty::Unknown), Box::new(err));
                let f = self.closure_param(call, vec![ok], Some(ret))?;
                atom(format!("{}({x}, {})", self.helper("$rthen"), f.js), f.ty)
            }
            _ => self.unknown(call, &res),
        }
    }
}

/// JavaScript for `T::default()`, for the types rs2js knows.
pub(crate) fn default_js(ty: &Ty) -> Option<String> {
    Some(match ty {
        Ty::String => "\"\"".to_owned(),
        Ty::Bool => "false".to_owned(),
        Ty::Char => "\"\\u0000\"".to_owned(),
        Ty::Vec(_) => "[]".to_owned(),
        Ty::Option(_) => "null".to_owned(),
        Ty::F64 => "0".to_owned(),
        Ty::Tuple(items) => {
            let items: Option<Vec<String>> = items.iter().map(default_js).collect();
            format!("[{}]", items?.join(", "))
        }
        it if it.is_int() => "0".to_owned(),
        _ => return None,
    })
}
