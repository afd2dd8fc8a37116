//! Field access and struct literals on the structs of the component's file (see
//! `structs.rs`): a struct is a JavaScript object with its fields as keys.

use super::cx::{span_of, Tx};
use super::emit::Val;
use super::ty::Ty;
use crate::diagnostics::{unknown_path, unsupported_expression};

impl Tx<'_> {
    /// `value.field` on a struct.
    pub(crate) fn struct_field(
        &mut self,
        base: Val,
        name: &str,
        fields: &[(String, Ty)],
        span: crate::span::TokenSpan,
        struct_name: &str,
    ) -> Option<Val> {
        let Some((_, ty)) = fields.iter().find(|(field, _)| field == name) else {
            return self.fail(unknown_path(span, &format!("{struct_name}::{name}")));
        };
        Some(Val {
            place: base.place,
            pure: base.pure,
            ..Val::atom(format!("{}.{name}", base.operand()), ty.clone())
        })
    }

    /// `Todo { id, title: t, done: false }` (and `..rest`): an object literal.
    pub(crate) fn struct_literal(&mut self, lit: &syn::ExprStruct) -> Option<Val> {
        let span = span_of(lit);
        let name = lit.path.segments.last().map(|it| it.ident.to_string()).unwrap_or_default();
        let ty = if lit.path.segments.len() == 1 {
            Ty::named(&name, self.env.structs())
        } else {
            Ty::Unknown
        };
        let Ty::Struct(_, fields) = ty.clone() else {
            return self.fail(unsupported_expression(
                span,
                &format!("a literal of `{name}` (a struct rs2js cannot see)"),
                Some("define the struct (named fields, no generics, no #[serde] attributes) in the same file as the component"),
            ));
        };
        let mut parts = Vec::new();
        if let Some(rest) = &lit.rest {
            let base = self.expr(rest, Some(&ty))?;
            let clone = self.helper("$clone");
            parts.push(format!("...{clone}({})", base.js));
        }
        for field in &lit.fields {
            let syn::Member::Named(ident) = &field.member else {
                return self.fail(unsupported_expression(span_of(field), "a numbered field", None));
            };
            let key = ident.to_string();
            let key = key.strip_prefix("r#").unwrap_or(&key).to_owned();
            let Some((_, want)) = fields.iter().find(|(it, _)| *it == key) else {
                return self.fail(unknown_path(span_of(field), &format!("{name}::{key}")));
            };
            let val = self.expr(&field.expr, Some(want))?;
            self.expect_ty(&val, want);
            let val = if val.ty.is_mutable_object() && val.place {
                let clone = self.helper("$clone");
                format!("{clone}({})", val.js)
            } else {
                val.js
            };
            parts.push(format!("{key}: {val}"));
        }
        Some(Val::atom(format!("{{{}}}", parts.join(", ")), ty))
    }
}
