//! `String` and `&str` methods, with Rust's meaning: `len()` counts UTF-8 bytes,
//! `chars()` iterates code points, `trim` trims Unicode `White_Space` (not JavaScript's
//! set), `replace` and `split` treat an empty pattern as Rust does, `parse` returns a
//! `Result` with Rust's error messages.
//!
//! Methods that change a string (`push_str`, `push`, `clear`) write the place they are
//! called on, since JavaScript strings are immutable.

use super::cx::{span_of, Tx};
use super::emit::{Shape, Src, Val};
use super::methods::Call;
use super::ty::Ty;
use crate::diagnostics::{type_needed, unknown_method, unsupported_type};

impl Tx<'_> {
    pub(crate) fn string_method(&mut self, mut recv: Val, call: &Call<'_>) -> Option<Val> {
        let name = call.name.as_str();
        let helper_call = |tx: &mut Self, helper: &'static str, recv: &Val, ty: Ty| {
            let f = tx.helper(helper);
            Some(Val::atom(format!("{f}({})", recv.js), ty))
        };
        if call.args.is_empty() {
            match name {
                "len" => return helper_call(self, "$len", &recv, Ty::Usize),
                "is_empty" => {
                    return Some(Val::new(format!("{} === \"\"", recv.operand()), Ty::Bool))
                }
                "trim" => return helper_call(self, "$trim", &recv, Ty::String),
                "trim_start" => return helper_call(self, "$trims", &recv, Ty::String),
                "trim_end" => return helper_call(self, "$trime", &recv, Ty::String),
                // Case mapping as the toolchain's Unicode has it (`unicode.rs`).
                "to_uppercase" => return helper_call(self, "$upper", &recv, Ty::String),
                "to_lowercase" => return helper_call(self, "$lower", &recv, Ty::String),
                "to_ascii_uppercase" => {
                    let js =
                        format!("{}.replace(/[a-z]+/g, (m) => m.toUpperCase())", recv.operand());
                    return Some(Val::atom(js, Ty::String));
                }
                "to_ascii_lowercase" => {
                    let js =
                        format!("{}.replace(/[A-Z]+/g, (m) => m.toLowerCase())", recv.operand());
                    return Some(Val::atom(js, Ty::String));
                }
                "chars" => {
                    return Some(
                        Val { place: false, ..recv }
                            .retyped(Ty::Char)
                            .shaped(Shape::Iter(Src::Str)),
                    )
                }
                "lines" => {
                    return helper_call(self, "$lines", &recv, Ty::String)
                        .map(|v| v.shaped(Shape::Iter(Src::Array)))
                }
                "char_indices" => {
                    let f = self.helper("$charidx");
                    return Some(
                        Val::atom(
                            format!("{f}({})", recv.js),
                            Ty::Tuple(vec![Ty::Usize, Ty::Char]),
                        )
                        .shaped(Shape::Iter(Src::Lazy)),
                    );
                }
                "split_whitespace" => {
                    return helper_call(self, "$splitws", &recv, Ty::String)
                        .map(|v| v.shaped(Shape::Iter(Src::Array)))
                }
                "parse" => return self.parse(recv, call),
                _ => {}
            }
        }
        if let ("trim_start_matches" | "trim_end_matches" | "trim_matches", [pat]) =
            (name, call.args.as_slice())
        {
            // A char or string pattern, removed as often as it repeats at that end.
            let pat = self.expr(pat, None)?;
            if !matches!(pat.ty, Ty::Char | Ty::String) {
                return self.unknown(call, &Ty::String);
            }
            let f = self.helper("$trimm");
            let ends = match name {
                "trim_start_matches" => "1",
                "trim_end_matches" => "2",
                _ => "3",
            };
            return Some(Val::atom(format!("{f}({}, {}, {ends})", recv.js, pat.js), Ty::String));
        }
        match name {
            "contains" | "starts_with" | "ends_with" | "strip_prefix" | "strip_suffix"
            | "split" | "find" | "rfind" | "split_once" | "rsplit_once" => {
                if let Some(syn::Expr::Closure(_)) = call.args.first() {
                    let what = format!("{name} with a closure pattern");
                    return self.fail(unknown_method(call.span, &what, "String"));
                }
                let [pat] = <[Val; 1]>::try_from(self.args(&mut recv, call, &[None])?).ok()?;
                if !matches!(pat.ty, Ty::String | Ty::Char) {
                    return self.fail(type_needed(span_of(call.args.first()?), "this pattern"));
                }
                let s = recv.operand();
                match name {
                    "contains" => Some(Val::atom(format!("{s}.includes({})", pat.js), Ty::Bool)),
                    "starts_with" => {
                        Some(Val::atom(format!("{s}.startsWith({})", pat.js), Ty::Bool))
                    }
                    "ends_with" => Some(Val::atom(format!("{s}.endsWith({})", pat.js), Ty::Bool)),
                    "find" | "rfind" => {
                        // A match of a valid string starts on a code point, so its UTF-16
                        // offset converts to a byte index.
                        let f = self.helper("$sfind");
                        let r = name == "rfind";
                        Some(Val::atom(
                            format!("{f}({}, {}, {r})", recv.js, pat.js),
                            Ty::Option(Box::new(Ty::Usize)),
                        ))
                    }
                    "split_once" | "rsplit_once" => {
                        let f = self.helper("$splitonce");
                        let r = name == "rsplit_once";
                        Some(Val::atom(
                            format!("{f}({}, {}, {r})", recv.js, pat.js),
                            Ty::Option(Box::new(Ty::Tuple(vec![Ty::String, Ty::String]))),
                        ))
                    }
                    "split" => {
                        let f = self.helper("$split");
                        Some(
                            Val::atom(format!("{f}({}, {})", recv.js, pat.js), Ty::String)
                                .shaped(Shape::Iter(Src::Array)),
                        )
                    }
                    _ => {
                        let recv = self.spill(recv);
                        let p = self.spill(pat);
                        let (s, p) = (recv.js, p.operand());
                        let js = if name == "strip_prefix" {
                            format!("{s}.startsWith({p}) ? {s}.slice({p}.length) : null")
                        } else {
                            format!(
                                "{s}.endsWith({p}) ? {s}.slice(0, {s}.length - {p}.length) : null"
                            )
                        };
                        Some(Val::new(js, Ty::Option(Box::new(Ty::String))))
                    }
                }
            }
            "replace" => {
                let args = self.args(&mut recv, call, &[None, Some(Ty::String)])?;
                let [from, to] = <[Val; 2]>::try_from(args).ok()?;
                if !matches!(from.ty, Ty::String | Ty::Char) {
                    return self.fail(type_needed(span_of(call.args.first()?), "this pattern"));
                }
                let f = self.helper("$replace");
                Some(Val::atom(format!("{f}({}, {}, {})", recv.js, from.js, to.js), Ty::String))
            }
            "repeat" => {
                let [n] =
                    <[Val; 1]>::try_from(self.args(&mut recv, call, &[Some(Ty::Usize)])?).ok()?;
                Some(Val::atom(format!("{}.repeat({})", recv.operand(), n.js), Ty::String))
            }
            _ => self.unknown(call, &Ty::String),
        }
    }

    /// `s.push_str(x)`, `s.push(c)`, `s.clear()` on the place `receiver`.
    pub(crate) fn string_mutation(&mut self, receiver: &syn::Expr, call: &Call<'_>) -> Option<Val> {
        let (place, _, _) = self.place(receiver)?;
        let current = place.read();
        let mut recv = Val::atom(current.clone(), Ty::String);
        let value = match call.name.as_str() {
            "clear" if call.args.is_empty() => "\"\"".to_owned(),
            "push_str" | "push" => {
                let want = if call.name == "push" { Ty::Char } else { Ty::String };
                let [arg] =
                    <[Val; 1]>::try_from(self.args(&mut recv, call, &[Some(want)])?).ok()?;
                format!("{current} + {}", arg.operand())
            }
            _ => return self.unknown(call, &Ty::String),
        };
        self.emit(place.write(&value));
        Some(Val::unit())
    }

    fn parse(&mut self, recv: Val, call: &Call<'_>) -> Option<Val> {
        let target = call.turbofish.clone().or_else(|| match &call.want {
            Some(Ty::Result(ok, _)) => Some((**ok).clone()),
            _ => None,
        });
        let result = |ty: Ty| {
            let err = match ty {
                Ty::F64 => "ParseFloatError",
                Ty::Bool => "ParseBoolError",
                Ty::Char => "ParseCharError",
                _ => "ParseIntError",
            };
            Ty::Result(Box::new(ty), Box::new(Ty::ParseError(err)))
        };
        match target {
            Some(ty) if ty.is_int() => {
                let int = ty.int()?;
                let bounds = self.helper(int.bounds_helper());
                let f = self.helper("$pint");
                Some(Val::atom(format!("{f}({}, {bounds})", recv.js), result(ty)))
            }
            Some(Ty::F64) => {
                let f = self.helper("$pflt");
                Some(Val::atom(format!("{f}({})", recv.js), result(Ty::F64)))
            }
            Some(Ty::Bool) => {
                let f = self.helper("$pbool");
                Some(Val::atom(format!("{f}({})", recv.js), result(Ty::Bool)))
            }
            Some(Ty::Char) => {
                let f = self.helper("$pchar");
                Some(Val::atom(format!("{f}({})", recv.js), result(Ty::Char)))
            }
            Some(Ty::F32) => self.fail(unsupported_type(
                call.span,
                "f32",
                "`parse::<f32>` would round twice (to f64, then f32); write `parse::<f64>()` and `as f32` if that is what you mean",
            )),
            Some(Ty::Unknown) | None => self.fail(type_needed(call.span, "`parse`")),
            Some(other) => self.unknown(call, &Ty::Result(Box::new(other), Box::new(Ty::Unknown))),
        }
    }
}
