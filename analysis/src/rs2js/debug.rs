//! `{:?}` and `{:#?}` of composite values (`Vec`, `Option`, `Result`, tuples, structs,
//! `()`, `Ordering`, parse errors), as `#[derive(Debug)]` and std write them.
//!
//! The value's type is known here, so it becomes a small descriptor that the `$dbg`
//! helper walks: `"n"` (an integer or `bool`), `"f"`/`"F"` (`f64`/`f32`), `"s"`/`"c"` (a string or
//! a char, with Rust's escapes), `"u"`, `"O"` (an `Ordering`), `["v", t]`, `["o", t]`,
//! `["r", ok, err]`, `["t", [t…]]`, `["S", name, [[field, t]…]]`, `["E", name]` (a parse
//! error). A type rs2js does not know is refused, never guessed.

use super::cx::Tx;
use super::emit::js_string;
use super::template::Spec;
use super::ty::Ty;
use crate::diagnostics::{type_needed, unsupported_format};
use crate::span::TokenSpan;

/// How deep a descriptor may nest (types are at most 32 deep; see `ty.rs`).
const MAX_DEPTH: u32 = 40;

/// Whether `{:?}` of `ty` goes through `$dbg` (and `{:#?}` differs from `{:?}`).
pub(crate) fn is_composite(ty: &Ty) -> bool {
    matches!(
        ty,
        Ty::Vec(_)
            | Ty::Option(_)
            | Ty::Result(..)
            | Ty::Tuple(_)
            | Ty::Struct(..)
            | Ty::Unit
            | Ty::Ordering
            | Ty::ParseError(_)
    )
}

impl Tx<'_> {
    /// JavaScript formatting the value `x` of the composite type `ty` by `spec` (`{:?}`
    /// or `{:#?}`); refuses a width, precision or sign, which Rust applies to every
    /// leaf rather than to the whole.
    pub(crate) fn fmt_debug(
        &mut self,
        x: &str,
        ty: &Ty,
        spec: &Spec,
        span: TokenSpan,
    ) -> Option<String> {
        if spec.width.is_some() || spec.precision.is_some() || spec.plus || spec.zero {
            return self.fail(unsupported_format(
                span,
                &format!("a width, precision or sign with `{{:?}}` on a `{ty}`"),
            ));
        }
        let desc = self.debug_desc(ty, span, 0)?;
        let dbg = self.helper("$dbg");
        Some(format!("{dbg}({x}, {desc}, {})", spec.alternate))
    }

    fn debug_desc(&mut self, ty: &Ty, span: TokenSpan, depth: u32) -> Option<String> {
        if depth > MAX_DEPTH {
            return self.fail(unsupported_format(span, "`{:?}` on a type this deep"));
        }
        let sub = |tx: &mut Self, ty: &Ty| tx.debug_desc(ty, span, depth + 1);
        Some(match ty {
            Ty::Bool => "\"n\"".to_owned(),
            t if t.is_int() => "\"n\"".to_owned(),
            Ty::F64 => "\"f\"".to_owned(),
            Ty::F32 => "\"F\"".to_owned(),
            Ty::String => "\"s\"".to_owned(),
            Ty::Char => "\"c\"".to_owned(),
            Ty::Unit => "\"u\"".to_owned(),
            Ty::Ordering => "\"O\"".to_owned(),
            Ty::ParseError(name) => format!("[\"E\", {}]", js_string(name)),
            Ty::Vec(elem) => format!("[\"v\", {}]", sub(self, elem)?),
            Ty::Option(inner) => format!("[\"o\", {}]", sub(self, inner)?),
            Ty::Result(ok, err) => format!("[\"r\", {}, {}]", sub(self, ok)?, sub(self, err)?),
            Ty::Tuple(items) => {
                let items: Option<Vec<String>> = items.iter().map(|it| sub(self, it)).collect();
                format!("[\"t\", [{}]]", items?.join(", "))
            }
            Ty::Struct(name, fields) => {
                let fields: Option<Vec<String>> = fields
                    .iter()
                    .map(|(field, ty)| Some(format!("[{}, {}]", js_string(field), sub(self, ty)?)))
                    .collect();
                format!("[\"S\", {}, [{}]]", js_string(name), fields?.join(", "))
            }
            Ty::Unknown => return self.fail(type_needed(span, "`{:?}` of this value")),
            other => {
                return self.fail(unsupported_format(span, &format!("`{{:?}}` on a `{other}`")))
            }
        })
    }
}
