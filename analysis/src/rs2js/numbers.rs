//! Methods of numbers and `char`: integer helpers with Rust's overflow rules
//! (`checked_*`, `saturating_*`, `wrapping_*`, `pow`, `abs`), `f64` rounding as Rust
//! rounds (`round` is half away from zero, `min`/`max` ignore NaN, `powi` multiplies as
//! compiler-rt does), and `char` classes by Unicode property.

use super::cx::Tx;
use super::emit::Val;
use super::methods::Call;
use super::ty::Ty;

impl Tx<'_> {
    pub(crate) fn int_method(&mut self, mut recv: Val, call: &Call<'_>) -> Option<Val> {
        let ty = recv.ty.clone();
        let int = ty.int()?;
        let b = self.helper(int.bounds_helper());
        let same = Some(ty.clone());
        let name = call.name.as_str();
        let wants: &[Option<Ty>] = match name {
            "pow" | "checked_pow" | "wrapping_pow" | "saturating_pow" => &[Some(Ty::U32)],
            "abs" | "signum" | "is_positive" | "is_negative" | "checked_neg" | "checked_abs"
            | "count_ones" | "wrapping_neg" => &[],
            "clamp" => &[same.clone(), same.clone()],
            _ => std::slice::from_ref(&same),
        };
        let args = self.args(&mut recv, call, wants)?;
        let x = &recv.js;
        let a = args.first().map(|v| v.js.clone()).unwrap_or_default();
        let ck = |tx: &mut Self, op: &'static str| tx.int_helper(op, int);
        let js = match name {
            "abs" if int.signed => format!("{}({x}, {b})", ck(self, "$abs")),
            "pow" => format!("{}({x}, {a}, {b})", ck(self, "$pow")),
            "min" | "max" if int.is_wide() => {
                format!("{}({x}, {a})", self.helper(if name == "min" { "$imin" } else { "$imax" }))
            }
            "min" | "max" => format!("Math.{name}({x}, {a})"),
            "signum" if int.signed && int.is_wide() => format!("{}({x})", self.helper("$isign")),
            "signum" if int.signed => format!("Math.sign({x})"),
            "is_positive" if int.signed => {
                return Some(Val::new(format!("{} > 0", recv.operand()), Ty::Bool))
            }
            "is_negative" if int.signed => {
                return Some(Val::new(format!("{} < 0", recv.operand()), Ty::Bool))
            }
            "checked_add" | "checked_sub" | "checked_mul" | "checked_div" | "checked_rem"
            | "checked_pow" => {
                let op = match name {
                    "checked_add" => "$add",
                    "checked_sub" => "$sub",
                    "checked_mul" => "$mul",
                    "checked_div" => "$div",
                    "checked_rem" => "$rem",
                    _ => "$pow",
                };
                let op = ck(self, op);
                return Some(Val::atom(
                    format!("{}({op}, {x}, {a}, {b})", ck(self, "$chk")),
                    Ty::Option(Box::new(ty)),
                ));
            }
            "checked_neg" | "checked_abs" => {
                let op = ck(self, if name == "checked_neg" { "$neg" } else { "$abs" });
                return Some(Val::atom(
                    format!("{}({op}, {x}, {b})", ck(self, "$chk")),
                    Ty::Option(Box::new(ty)),
                ));
            }
            "saturating_add" | "saturating_sub" | "saturating_mul" => {
                let sym = match name {
                    "saturating_add" => "+",
                    "saturating_sub" => "-",
                    _ => "*",
                };
                if int.is_wide() {
                    format!("{}(BigInt({x}) {sym} BigInt({a}), {b})", ck(self, "$sat"))
                } else {
                    format!("{}({x} {sym} {a}, {b})", ck(self, "$sat"))
                }
            }
            "wrapping_mul" if int.bits == 32 => {
                if int.signed {
                    format!("Math.imul({x}, {a})")
                } else {
                    format!("Math.imul({x}, {a}) >>> 0")
                }
            }
            "wrapping_add" | "wrapping_sub" | "wrapping_mul" => {
                let sym = match name {
                    "wrapping_add" => "+",
                    "wrapping_sub" => "-",
                    _ => "*",
                };
                if int.is_wide() {
                    format!("{}(BigInt({x}) {sym} BigInt({a}), {b})", ck(self, "$wrap"))
                } else {
                    format!("{}({x} {sym} {a}, {b})", ck(self, "$wrap"))
                }
            }
            "wrapping_neg" if int.is_wide() => format!("{}(-BigInt({x}), {b})", ck(self, "$wrap")),
            "wrapping_neg" => format!("{}(0 - {x}, {b})", ck(self, "$wrap")),
            "checked_div_euclid" | "checked_rem_euclid" => {
                // Rust's `None` on a zero divisor or on overflow (`MIN / -1`): the
                // helpers' panics, caught.
                let (div, rem) = (ck(self, "$div"), ck(self, "$rem"));
                let (add, sub) = (ck(self, "$add"), ck(self, "$sub"));
                let f = if name == "checked_div_euclid" {
                    format!("(p, q, t) => {{ const v = {div}(p, q, t); return {rem}(p, q, t) < 0 ? (q > 0 ? {sub}(v, 1, t) : {add}(v, 1, t)) : v; }}")
                } else {
                    format!("(p, q, t) => {{ const r = {rem}(p, q, t); return r < 0 ? (q < 0 ? {sub}(r, q, t) : {add}(r, q, t)) : r; }}")
                };
                return Some(Val::atom(
                    format!("{}({f}, {x}, {a}, {b})", ck(self, "$chk")),
                    Ty::Option(Box::new(ty)),
                ));
            }
            "rem_euclid" => {
                // The divisor is read again after `%`: evaluate both operands once, in order.
                let x = self.spill(recv.clone()).js;
                let d = self.spill(args.first()?.clone()).operand();
                let rem = ck(self, "$rem");
                let v = self.temp();
                self.emit(format!("const {v} = {rem}({x}, {d}, {b});"));
                if int.is_wide() {
                    let (add, sub) = (ck(self, "$add"), ck(self, "$sub"));
                    return Some(Val::new(
                        format!("{v} < 0 ? ({d} < 0 ? {sub}({v}, {d}, {b}) : {add}({v}, {d}, {b})) : {v}"),
                        ty,
                    ));
                }
                return Some(Val::new(
                    format!("{v} < 0 ? ({d} < 0 ? {v} - {d} : {v} + {d}) : {v}"),
                    ty,
                ));
            }
            "div_euclid" => {
                // q = trunc(x / d); when the remainder is negative, step q away from it
                // (down for d > 0, up for d < 0). Both operands are evaluated once, in order.
                let x = self.spill(recv.clone()).js;
                let d = self.spill(args.first()?.clone()).operand();
                let (div, rem) = (ck(self, "$div"), ck(self, "$rem"));
                let (q, r) = (self.temp(), self.temp());
                self.emit(format!("const {q} = {div}({x}, {d}, {b});"));
                self.emit(format!("const {r} = {rem}({x}, {d}, {b});"));
                if int.is_wide() {
                    let (add, sub) = (ck(self, "$add"), ck(self, "$sub"));
                    return Some(Val::new(
                        format!(
                            "{r} < 0 ? ({d} > 0 ? {sub}({q}, 1, {b}) : {add}({q}, 1, {b})) : {q}"
                        ),
                        ty,
                    ));
                }
                return Some(Val::new(
                    format!("{r} < 0 ? ({d} > 0 ? {q} - 1 : {q} + 1) : {q}"),
                    ty,
                ));
            }
            "clamp" => {
                let hi = args.get(1)?.js.clone();
                format!("{}({x}, {a}, {hi})", ck(self, "$clamp"))
            }
            _ => return self.unknown(call, &ty),
        };
        Some(Val::atom(js, ty))
    }

    pub(crate) fn float_method(&mut self, mut recv: Val, call: &Call<'_>) -> Option<Val> {
        let name = call.name.as_str();
        let wants: &[Option<Ty>] = match name {
            "min" | "max" => &[Some(Ty::F64)],
            "powi" => &[Some(Ty::I32)],
            "clamp" => &[Some(Ty::F64), Some(Ty::F64)],
            _ => &[],
        };
        let args = self.args(&mut recv, call, wants)?;
        let x = &recv.js;
        let a = args.first().map(|v| v.js.clone()).unwrap_or_default();
        let (js, ty) = match name {
            "floor" | "ceil" | "trunc" | "sqrt" | "abs" => (format!("Math.{name}({x})"), Ty::F64),
            "round" => {
                // Half away from zero (`Math.round` rounds half up); `x` is read thrice.
                let v = self.spill(recv.clone()).operand();
                (format!("{v} < 0 ? -Math.round(-{v}) : Math.round({v})"), Ty::F64)
            }
            "min" => (format!("{}({x}, {a})", self.helper("$fmin")), Ty::F64),
            "max" => (format!("{}({x}, {a})", self.helper("$fmax")), Ty::F64),
            "powi" => (format!("{}({x}, {a})", self.helper("$powi")), Ty::F64),
            "clamp" => {
                let hi = args.get(1)?.js.clone();
                (format!("{}({x}, {a}, {hi})", self.helper("$clamp")), Ty::F64)
            }
            "is_nan" => (format!("Number.isNaN({x})"), Ty::Bool),
            "is_finite" => (format!("Number.isFinite({x})"), Ty::Bool),
            "is_infinite" => (format!("Math.abs({x}) === Infinity"), Ty::Bool),
            _ => return self.unknown(call, &Ty::F64),
        };
        let atomic = !js.contains(' ');
        Some(if atomic { Val::atom(js, ty) } else { Val::new(js, ty) })
    }

    /// A function of a char testing membership in any of the Unicode `tables`.
    fn unicode_class(&mut self, tables: &[&'static str]) -> String {
        let find = self.helper("$uin");
        let tests: Vec<String> =
            tables.iter().map(|table| format!("{find}({}, c)", self.helper(table))).collect();
        format!("((c) => {})", tests.join(" || "))
    }

    pub(crate) fn char_method(&mut self, mut recv: Val, call: &Call<'_>) -> Option<Val> {
        let name = call.name.as_str();
        let test = |re: &str| format!("/{re}/u.test");
        let (js, ty) = match name {
            // Unicode classes as the toolchain has them (`unicode.rs`), not the browser.
            "is_alphabetic" => (self.unicode_class(&["$uAl"]), Ty::Bool),
            "is_numeric" => (self.unicode_class(&["$uNu"]), Ty::Bool),
            "is_alphanumeric" => (self.unicode_class(&["$uAl", "$uNu"]), Ty::Bool),
            "is_uppercase" => (self.unicode_class(&["$uUp"]), Ty::Bool),
            "is_lowercase" => (self.unicode_class(&["$uLo"]), Ty::Bool),
            // White_Space and Cc are fixed sets (Unicode's stability policy): written out.
            "is_whitespace" => (
                test(r"[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"),
                Ty::Bool,
            ),
            "is_control" => (test(r"[\0-\x1f\x7f-\x9f]"), Ty::Bool),
            "is_ascii" => (test(r"^[\0-\x7f]$"), Ty::Bool),
            "is_ascii_digit" => (test("[0-9]"), Ty::Bool),
            "is_ascii_hexdigit" => (test("[0-9A-Fa-f]"), Ty::Bool),
            "is_ascii_alphabetic" => (test("[A-Za-z]"), Ty::Bool),
            "is_ascii_alphanumeric" => (test("[0-9A-Za-z]"), Ty::Bool),
            "is_ascii_uppercase" => (test("[A-Z]"), Ty::Bool),
            "is_ascii_lowercase" => (test("[a-z]"), Ty::Bool),
            "is_ascii_whitespace" => (test(r"[\t\n\f\r ]"), Ty::Bool),
            "is_ascii_punctuation" => (test(r"[!-/:-@\[-`{-~]"), Ty::Bool),
            "to_ascii_uppercase" | "to_ascii_lowercase" if call.args.is_empty() => {
                let v = self.spill(recv);
                let (re, f) = if name == "to_ascii_uppercase" {
                    ("[a-z]", "toUpperCase")
                } else {
                    ("[A-Z]", "toLowerCase")
                };
                return Some(Val::new(
                    format!("/{re}/.test({0}) ? {0}.{f}() : {0}", v.js),
                    Ty::Char,
                ));
            }
            "to_digit" => {
                let [radix] =
                    <[Val; 1]>::try_from(self.args(&mut recv, call, &[Some(Ty::U32)])?).ok()?;
                let f = self.helper("$todigit");
                return Some(Val::atom(
                    format!("{f}({}, {})", recv.js, radix.js),
                    Ty::Option(Box::new(Ty::U32)),
                ));
            }
            "len_utf8" if call.args.is_empty() => {
                let f = self.helper("$len");
                return Some(Val::atom(format!("{f}({})", recv.js), Ty::Usize));
            }
            _ => return self.unknown(call, &Ty::Char),
        };
        if !call.args.is_empty() {
            return self.unknown(call, &Ty::Char);
        }
        Some(Val::atom(format!("{js}({})", recv.js), ty))
    }
}
