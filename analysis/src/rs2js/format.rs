//! Macros: `format!` (and `println!`/`print!` → `console.log`, `eprintln!`/`eprint!` →
//! `console.error`, `panic!` and friends → a thrown `Error`), `vec!`, `assert!`,
//! `assert_eq!`, `assert_ne!` and `matches!`.
//!
//! Format strings are parsed here; each placeholder formats its argument as Rust does:
//! `{}` (floats print like Rust's `Display`, never `1e21`), `{:?}` on strings, chars
//! and numbers, `{:.N}` (round half to even, like Rust), width, fill, alignment, `+`,
//! `#`, `0`, and `x`/`X`/`b`/`o` on integers.

use syn::parse::Parser;
use syn::punctuated::Punctuated;

use super::cx::{span_of, Tx};
use super::emit::{js_string, js_template_text, Val};
use super::template::{count_uses, parse_template, piece_name, ArgRef, Kind, Piece, Spec};
use super::ty::Ty;
use crate::diagnostics::{type_needed, unsupported_format, unsupported_macro};
use crate::span::TokenSpan;

impl Tx<'_> {
    pub(crate) fn macro_expr(&mut self, mac: &syn::Macro, want: Option<&Ty>) -> Option<Val> {
        let span = span_of(mac);
        let name = mac.path.segments.last().map(|it| it.ident.to_string()).unwrap_or_default();
        let args =
            || Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated.parse2(mac.tokens.clone());
        match name.as_str() {
            "format" => {
                let args = self.macro_args(args(), span)?;
                self.format(&args, span)
            }
            "println" | "print" | "eprintln" | "eprint" => {
                let args = self.macro_args(args(), span)?;
                let text =
                    if args.is_empty() { "\"\"".to_owned() } else { self.format(&args, span)?.js };
                let f = if name.starts_with('e') { "console.error" } else { "console.log" };
                Some(Val::atom(format!("{f}({text})"), Ty::Unit))
            }
            "panic" | "unreachable" | "todo" | "unimplemented" => {
                let args = self.macro_args(args(), span)?;
                let text = if args.is_empty() {
                    js_string(match name.as_str() {
                        "panic" => "explicit panic",
                        "unreachable" => "internal error: entered unreachable code",
                        "todo" => "not yet implemented",
                        _ => "not implemented",
                    })
                } else {
                    self.format(&args, span)?.js
                };
                let panic = self.helper("$panic");
                self.emit(format!("{panic}({text});"));
                Some(Val::never())
            }
            "vec" => self.vec_macro(mac, want, span),
            "assert" | "assert_eq" | "assert_ne" => {
                let args = self.macro_args(args(), span)?;
                self.assert(&name, &args, span)
            }
            "matches" => {
                let parser = |input: syn::parse::ParseStream<'_>| {
                    let value: syn::Expr = input.parse()?;
                    let _: syn::Token![,] = input.parse()?;
                    let pat = syn::Pat::parse_multi_with_leading_vert(input)?;
                    let guard = if input.peek(syn::Token![if]) {
                        let _: syn::Token![if] = input.parse()?;
                        Some(input.parse::<syn::Expr>()?)
                    } else {
                        None
                    };
                    let _: Option<syn::Token![,]> = input.parse()?;
                    Ok((value, pat, guard))
                };
                match parser.parse2(mac.tokens.clone()) {
                    Ok((value, pat, guard)) => self.matches(&value, &pat, guard.as_ref()),
                    Err(err) => self.fail(unsupported_format(
                        span,
                        &format!("these `matches!` arguments ({err})"),
                    )),
                }
            }
            _ => self.fail(unsupported_macro(span, &super::captures::path_text(&mac.path))),
        }
    }

    fn macro_args(
        &mut self,
        parsed: syn::Result<Punctuated<syn::Expr, syn::Token![,]>>,
        span: TokenSpan,
    ) -> Option<Vec<syn::Expr>> {
        match parsed {
            Ok(args) => Some(args.into_iter().collect()),
            Err(err) => {
                self.fail(unsupported_format(span, &format!("these macro arguments ({err})")))
            }
        }
    }

    fn vec_macro(&mut self, mac: &syn::Macro, want: Option<&Ty>, span: TokenSpan) -> Option<Val> {
        let repeat = |input: syn::parse::ParseStream<'_>| {
            let elem: syn::Expr = input.parse()?;
            let _: syn::Token![;] = input.parse()?;
            let len: syn::Expr = input.parse()?;
            Ok((elem, len))
        };
        if let Ok((elem, len)) = repeat.parse2(mac.tokens.clone()) {
            return self.repeat(&elem, &len, want);
        }
        match Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated.parse2(mac.tokens.clone()) {
            Ok(elems) => self.array(elems.iter(), want),
            Err(err) => {
                self.fail(unsupported_format(span, &format!("these `vec!` arguments ({err})")))
            }
        }
    }

    fn assert(&mut self, name: &str, args: &[syn::Expr], span: TokenSpan) -> Option<Val> {
        let n_operands = if name == "assert" { 1 } else { 2 };
        let (operands, message) =
            (args.get(..n_operands)?, args.get(n_operands..).unwrap_or_default());
        let exprs: Vec<_> = operands.iter().map(|e| (e, None)).collect();
        let vals = self.seq(&exprs, |tx, e, want| tx.expr(e, want))?;
        let test = match (name, vals.as_slice()) {
            ("assert", [cond]) => cond.operand(),
            (_, [a, b]) => {
                let eq = self.helper("$eq");
                let not = if name == "assert_eq" { "" } else { "!" };
                format!("{not}{eq}({}, {})", a.js, b.js)
            }
            _ => return self.fail(unsupported_format(span, &format!("these `{name}!` arguments"))),
        };
        let text = if message.is_empty() {
            let cond = operands
                .iter()
                .map(|e| quote::ToTokens::to_token_stream(e).to_string())
                .collect::<Vec<_>>()
                .join(", ");
            js_string(&format!("assertion failed: {cond}"))
        } else {
            self.format(message, span)?.js
        };
        let panic = self.helper("$panic");
        self.emit(format!(
            "if (!{test}) {panic}({text});",
            test = if test.starts_with('(') || !test.contains(' ') {
                test.clone()
            } else {
                format!("({test})")
            }
        ));
        Some(Val::unit())
    }

    /// `format!(args…)` as a JavaScript string expression.
    pub(crate) fn format(&mut self, args: &[syn::Expr], span: TokenSpan) -> Option<Val> {
        let Some((first, rest)) = args.split_first() else {
            return self.fail(unsupported_format(span, "a format macro without a format string"));
        };
        let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(template), .. }) = first else {
            return self
                .fail(unsupported_format(span_of(first), "a format string that is not a literal"));
        };
        let fmt_span = span_of(template);
        let pieces = match parse_template(&template.value()) {
            Ok(pieces) => pieces,
            Err(what) => return self.fail(unsupported_format(fmt_span, &what)),
        };
        let mut positional = Vec::new();
        let mut named = Vec::new();
        for arg in rest {
            match arg {
                syn::Expr::Assign(a) => match &*a.left {
                    syn::Expr::Path(p) if p.path.get_ident().is_some() => {
                        named.push((
                            p.path.get_ident().map(ToString::to_string).unwrap_or_default(),
                            &*a.right,
                        ));
                    }
                    _ => positional.push(arg),
                },
                other => positional.push(other),
            }
        }
        let exprs: Vec<_> = positional
            .iter()
            .map(|e| (*e, None))
            .chain(named.iter().map(|(_, e)| (*e, None)))
            .collect();
        let vals = self.seq(&exprs, |tx, e, want| tx.expr(e, want))?;
        let mut vals = vals;
        // Rust evaluates every argument, in order, before formatting: an impure argument
        // is inlined only when it is the only one and is used once.
        let uses = count_uses(&pieces, positional.len(), &named);
        let n_impure = vals.iter().filter(|v| !v.pure).count();
        for (val, n_uses) in vals.iter_mut().zip(uses) {
            if !val.pure && (n_uses != 1 || n_impure > 1) {
                *val = self.spill(val.clone());
            }
        }
        let mut next = 0;
        let mut parts = Vec::new();
        for piece in pieces {
            match piece {
                Piece::Text(text) => parts.push((true, text)),
                Piece::Arg(arg, spec) => {
                    let idx = match &arg {
                        ArgRef::Next => {
                            next += 1;
                            Some(next - 1)
                        }
                        ArgRef::Index(idx) => Some(*idx),
                        ArgRef::Name(name) => {
                            named.iter().position(|(n, _)| n == name).map(|i| positional.len() + i)
                        }
                    };
                    let val = match (idx, &piece_name(&arg)) {
                        (Some(idx), _) => match vals.get(idx) {
                            Some(val) => val.clone(),
                            None => {
                                return self.fail(unsupported_format(
                                    fmt_span,
                                    "a placeholder without an argument",
                                ))
                            }
                        },
                        (None, Some(name)) => self.ident(name, fmt_span, None)?,
                        (None, None) => {
                            return self.fail(unsupported_format(fmt_span, "this placeholder"))
                        }
                    };
                    parts.push((false, self.fmt_value(val, &spec, fmt_span)?));
                }
            }
        }
        Some(template_literal(&parts))
    }

    /// JavaScript formatting `val` by `spec`, as a string expression.
    fn fmt_value(&mut self, val: Val, spec: &Spec, span: TokenSpan) -> Option<String> {
        if let Ty::Signal(inner) = &val.ty {
            let read = Val::atom(format!("{}.get()", val.js), (**inner).clone());
            return self.fmt_value(read, spec, span);
        }
        let ty = val.ty.clone();
        let numeric = ty.is_int() || ty.is_float();
        let x = val.js.clone();
        if spec.kind == Kind::Debug && super::debug::is_composite(&ty) {
            return self.fmt_debug(&x, &ty, spec, span);
        }
        let mut text = match (spec.kind, &ty) {
            (Kind::Display | Kind::Debug, Ty::F32) => match spec.precision {
                // The `f32` is an exact `f64`: its digits at a precision are the same.
                Some(p) => format!("{}({x}, {p})", self.helper("$fix")),
                None if spec.kind == Kind::Debug => format!("{}({x})", self.helper("$dbgf32")),
                None => format!("{}({x})", self.helper("$fmtf32")),
            },
            (Kind::Display | Kind::Debug, Ty::F64) => match spec.precision {
                Some(p) => format!("{}({x}, {p})", self.helper("$fix")),
                None if spec.kind == Kind::Debug => format!("{}({x})", self.helper("$dbgf")),
                None => format!("{}({x})", self.helper("$fmtf")),
            },
            (Kind::Display | Kind::Debug, t) if t.is_int() || *t == Ty::Bool => {
                format!("String({x})")
            }
            (Kind::Display, Ty::String | Ty::Char | Ty::ParseError(_)) => match spec.precision {
                Some(p) => format!("{}({x}, {p})", self.helper("$trunc")),
                None => x,
            },
            (Kind::Debug, Ty::String | Ty::Char) => {
                let quote = if ty == Ty::Char { "\"'\"" } else { "'\"'" };
                format!("{}({x}, {quote})", self.helper("$dbgs"))
            }
            (Kind::Hex { .. } | Kind::Binary | Kind::Octal, t) if t.is_int() => {
                let int = t.int()?;
                let radix = match spec.kind {
                    Kind::Hex { .. } => 16,
                    Kind::Binary => 2,
                    _ => 8,
                };
                let bounds = self.helper(int.bounds_helper());
                let digits = format!("{}({x}, {radix}, {bounds})", self.helper("$radix"));
                let digits = if spec.kind == (Kind::Hex { upper: true }) {
                    format!("{digits}.toUpperCase()")
                } else {
                    digits
                };
                let prefix = match (spec.alternate, spec.kind) {
                    (false, _) => "",
                    (true, Kind::Hex { .. }) => "0x",
                    (true, Kind::Binary) => "0b",
                    (true, _) => "0o",
                };
                let digits = match (spec.zero, spec.width) {
                    (true, Some(width)) => {
                        let width = width.saturating_sub(prefix.len());
                        format!("{}({digits}, {width}, \"0\", \"0\")", self.helper("$pad"))
                    }
                    _ => digits,
                };
                let text =
                    if prefix.is_empty() { digits } else { format!("\"{prefix}\" + {digits}") };
                return Some(match (spec.zero, spec.width) {
                    (false, Some(width)) => self.pad(text, width, spec, true),
                    _ => text,
                });
            }
            (_, Ty::Unknown) => return self.fail(type_needed(span, "formatting this value")),
            (kind, t) => {
                let how = match kind {
                    Kind::Display => "`{}`",
                    Kind::Debug => "`{:?}`",
                    _ => "this placeholder",
                };
                return self.fail(unsupported_format(span, &format!("{how} on a `{t}`")));
            }
        };
        if spec.plus && numeric {
            text = format!("{}({text})", self.helper("$plus"));
        }
        Some(match spec.width {
            Some(width) => self.pad(text, width, spec, numeric),
            None => text,
        })
    }

    fn pad(&mut self, text: String, width: usize, spec: &Spec, numeric: bool) -> String {
        let pad = self.helper("$pad");
        let align = match (spec.zero && numeric, spec.align) {
            (true, _) => '0',
            (false, Some(align)) => align,
            (false, None) if numeric => '>',
            (false, None) => '<',
        };
        format!(
            "{pad}({text}, {width}, {}, {})",
            js_string(&align.to_string()),
            js_string(&spec.fill.to_string())
        )
    }
}

/// Literal text and string expressions joined into one JavaScript string expression.
fn template_literal(parts: &[(bool, String)]) -> Val {
    match parts {
        [] => Val::pure("\"\"", Ty::String),
        [(true, text)] => Val::pure(js_string(text), Ty::String),
        [(false, expr)]
            if expr.starts_with(|c: char| c.is_alphanumeric() || c == '$')
                && !expr.contains(' ') =>
        {
            Val::atom(expr.clone(), Ty::String)
        }
        parts => {
            let mut out = String::from("`");
            for (is_text, part) in parts {
                if *is_text {
                    out.push_str(&js_template_text(part));
                } else {
                    out.push_str("${");
                    out.push_str(
                        part.strip_prefix("String(")
                            .and_then(|it| it.strip_suffix(')'))
                            .filter(|it| !it.contains(['(', ')']))
                            .unwrap_or(part),
                    );
                    out.push('}');
                }
            }
            out.push('`');
            Val::atom(out, Ty::String)
        }
    }
}
