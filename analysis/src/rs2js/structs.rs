//! Structs: a named-field struct defined in the component's file is a JavaScript object
//! with the same keys, as serde_json writes it (`struct_expr.rs` translates field
//! access, field assignment and struct literals on such types).
//!
//! A proc macro sees only the item it is on, so the caller (the `#[component]` macro, or
//! `check`) reads the file's structs and hands them to the [`Env`](super::Env) it
//! builds; types are resolved against them in [`Ty::from_syn`](super::Ty::from_syn).
//! Plain data: no translation, no ambient state.
//!
//! A struct whose JSON is not simply its fields is left out, and stays unknown: generic
//! structs, tuple and unit structs, and any with a `#[serde(…)]` attribute (renames,
//! flattening, skipping change the keys).

use std::collections::BTreeMap;

/// The structs of a file rs2js can translate: name → fields with their types (as source
/// text, so that a set can outlive the tokens it was read from: a proc macro keeps it
/// across invocations, and tokens do not survive one), in order.
#[derive(Clone, Debug, Default)]
pub struct Structs {
    defs: BTreeMap<String, Vec<(String, String)>>,
    /// What the file's `#[submit]` fns and garde rules say about its forms (kept here,
    /// beside the structs, since both are read once per file).
    forms: crate::form_rules::FormRules,
}

impl Structs {
    /// The translatable structs among `items` (and in their inline modules).
    ///
    /// ```
    /// use resuma_analysis::rs2js::{Structs, Ty};
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
    /// assert_eq!(Ty::from_syn(&todo, &structs).to_string(), "Vec<Todo>");
    /// assert_eq!(Ty::from_syn(&renamed, &structs), Ty::Unknown);
    /// ```
    pub fn from_items(items: &[syn::Item]) -> Structs {
        let mut structs = Structs::default();
        structs.collect(items, 0);
        structs.forms = crate::form_rules::FormRules::from_items(items);
        structs
    }

    /// The file's form rules: the HTML constraints of its `<Form>`s' fields.
    pub fn forms(&self) -> &crate::form_rules::FormRules {
        &self.forms
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

impl Structs {
    /// The fields of the struct `name`, with their types, if it is one of these.
    pub(crate) fn fields(&self, name: &str) -> Option<Vec<(String, syn::Type)>> {
        let fields = self.defs.get(name)?;
        fields.iter().map(|(field, ty)| Some((field.clone(), syn::parse_str(ty).ok()?))).collect()
    }
}
