//! Structs: a named-field struct defined in the component's file is a JavaScript object
//! with the same keys, as serde_json writes it. rs2js reads field access, field
//! assignment and struct literals on such types.
//!
//! A proc macro sees only the item it is on, so the caller (the `#[component]` macro, or
//! `check`) reads the file's structs and makes them known for the duration of an analysis
//! with [`with_structs`]; types are resolved against them in [`Ty::from_syn`].
//!
//! A struct whose JSON is not simply its fields is left out, and stays unknown: generic
//! structs, tuple and unit structs, and any with a `#[serde(…)]` attribute (renames,
//! flattening, skipping change the keys).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::cx::{span_of, Tx};
use super::emit::Val;
use super::ty::Ty;
use crate::diagnostics::{unknown_path, unsupported_expression};

/// The structs of a file rs2js can translate: name → fields with their types (as source
/// text, so that a set can outlive the tokens it was read from: a proc macro keeps it
/// across invocations, and tokens do not survive one), in order.
#[derive(Clone, Debug, Default)]
pub struct Structs {
    defs: BTreeMap<String, Vec<(String, String)>>,
}

impl Structs {
    /// The translatable structs among `items` (and in their inline modules).
    ///
    /// ```
    /// use resuma_analysis::rs2js::{with_structs, Structs, Ty};
    /// let file: syn::File = syn::parse_quote! {
    ///     #[derive(Serialize, Deserialize, Clone)]
    ///     struct Todo { id: u32, title: String, done: bool }
    ///     #[derive(Serialize)]
    ///     #[serde(rename_all = "camelCase")]
    ///     struct Renamed { some_field: u32 }
    /// };
    /// let structs = Structs::from_items(&file.items);
    /// let todo: syn::Type = syn::parse_quote!(Vec<Todo>);
    /// let renamed: syn::Type = syn::parse_quote!(Renamed);
    /// with_structs(&structs, || {
    ///     assert_eq!(Ty::from_syn(&todo).to_string(), "Vec<Todo>");
    ///     assert_eq!(Ty::from_syn(&renamed), Ty::Unknown);
    /// });
    /// ```
    pub fn from_items(items: &[syn::Item]) -> Structs {
        let mut structs = Structs::default();
        structs.collect(items, 0);
        structs
    }

    fn collect(&mut self, items: &[syn::Item], depth: u32) {
        for item in items {
            match item {
                syn::Item::Struct(def) if translatable(def) => {
                    let syn::Fields::Named(fields) = &def.fields else { continue };
                    let fields = fields
                        .named
                        .iter()
                        .filter_map(|field| {
                            let name = field.ident.as_ref()?.to_string();
                            let name = name.strip_prefix("r#").unwrap_or(&name).to_owned();
                            let ty = &field.ty;
                            Some((name, quote::quote!(#ty).to_string()))
                        })
                        .collect();
                    self.defs.insert(def.ident.to_string(), fields);
                }
                syn::Item::Mod(module) if depth < 8 => {
                    if let Some((_, items)) = &module.content {
                        self.collect(items, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    /// Whether no struct is known.
    pub fn is_empty(&self) -> bool {
        self.defs.is_empty()
    }
}

fn translatable(def: &syn::ItemStruct) -> bool {
    let serde = |attrs: &[syn::Attribute]| attrs.iter().any(|it| it.path().is_ident("serde"));
    def.generics.params.is_empty()
        && matches!(def.fields, syn::Fields::Named(_))
        && !serde(&def.attrs)
        && def.fields.iter().all(|field| !serde(&field.attrs))
}

thread_local! {
    static KNOWN: RefCell<Rc<Structs>> = RefCell::new(Rc::default());
}

/// Runs `f` with `structs` known to rs2js (nested calls see the innermost set).
pub fn with_structs<R>(structs: &Structs, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Rc<Structs>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            if let Some(outer) = self.0.take() {
                KNOWN.with(|it| *it.borrow_mut() = outer);
            }
        }
    }
    let outer = KNOWN.with(|it| std::mem::replace(&mut *it.borrow_mut(), Rc::new(structs.clone())));
    let _restore = Restore(Some(outer));
    f()
}

/// The fields of the known struct `name`, if any, for [`Ty::from_syn`].
pub(crate) fn known_fields(name: &str) -> Option<Vec<(String, syn::Type)>> {
    let fields = KNOWN.with(|it| it.borrow().defs.get(name).cloned())?;
    fields.into_iter().map(|(field, ty)| Some((field, syn::parse_str(&ty).ok()?))).collect()
}

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
        let ty = if lit.path.segments.len() == 1 { Ty::named(&name) } else { Ty::Unknown };
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
