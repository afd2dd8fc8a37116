//! The HTML constraints a `<Form>`'s fields carry, read from its submit's form type: a
//! `#[submit]` fn of the file names the type, the type's `#[garde(…)]` rules say what
//! the browser can check before sending (`required`, `minlength`, `maxlength`, `min`,
//! `max`, `type="email"`, `type="url"`).
//!
//! Invariant: a constraint is only ever one the server enforces too (the browser's check
//! is a convenience, garde's the rule), so a field never refuses what the server
//! accepts; a rule that has no exact HTML twin (a pattern, a custom fn) adds nothing;
//! anything unreadable adds nothing, never an error. Only items of the file are read:
//! a form type defined elsewhere gives no constraints.

use std::collections::BTreeMap;

use syn::ext::IdentExt as _;

/// One constraint: an attribute and its value (`None` for a flag such as `required`).
pub type Constraint = (&'static str, Option<String>);

/// The constraints of one form type, by field name (as the form sends it).
pub type FieldRules = BTreeMap<String, Vec<Constraint>>;

/// What a file's items say about its forms.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormRules {
    /// Each `#[submit]` fn's form type (the last segment of its path).
    submits: BTreeMap<String, String>,
    /// Each struct's field constraints.
    types: BTreeMap<String, FieldRules>,
}

impl FormRules {
    /// Reads `items` (and their inline modules).
    ///
    /// ```
    /// use resuma_analysis::form_rules::FormRules;
    /// let file: syn::File = syn::parse_quote! {
    ///     #[derive(Deserialize, Validate)]
    ///     struct NewNote {
    ///         #[garde(length(min = 1, max = 80))]
    ///         title: String,
    ///         #[garde(email)]
    ///         email: String,
    ///     }
    ///     #[submit]
    ///     async fn create(cx: SubmitCx, form: NewNote) -> Result<Submitted, FormError> { todo!() }
    /// };
    /// let rules = FormRules::from_items(&file.items);
    /// let fields = rules.of_submit("create").unwrap();
    /// assert_eq!(fields["title"], [("required", None), ("maxlength", Some("80".to_owned()))]);
    /// assert_eq!(fields["email"], [("type", Some("email".to_owned()))]);
    /// ```
    pub fn from_items(items: &[syn::Item]) -> FormRules {
        let mut rules = FormRules::default();
        rules.collect(items, 0);
        rules
    }

    fn collect(&mut self, items: &[syn::Item], depth: u32) {
        for item in items {
            match item {
                syn::Item::Fn(function)
                    if function
                        .attrs
                        .iter()
                        .any(|it| crate::signature::is_attribute(it, "submit")) =>
                {
                    let form = function.sig.inputs.iter().nth(1).and_then(|arg| match arg {
                        syn::FnArg::Typed(arg) => last_segment(&arg.ty),
                        syn::FnArg::Receiver(_) => None,
                    });
                    if let Some(form) = form {
                        self.submits.insert(function.sig.ident.unraw().to_string(), form);
                    }
                }
                syn::Item::Struct(def) => {
                    if let syn::Fields::Named(fields) = &def.fields {
                        let rules: FieldRules =
                            fields.named.iter().filter_map(field_rules).collect();
                        if !rules.is_empty() {
                            self.types.insert(def.ident.unraw().to_string(), rules);
                        }
                    }
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

    /// The field constraints of the form type of the `#[submit]` fn `submit`, when the
    /// file defines both.
    pub fn of_submit(&self, submit: &str) -> Option<&FieldRules> {
        self.types.get(self.submits.get(submit)?)
    }
}

/// The last segment of a type's path (`NewNote` of `crate::forms::NewNote`).
fn last_segment(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(path) => path.path.segments.last().map(|it| it.ident.unraw().to_string()),
        _ => None,
    }
}

/// Whether `ty` is `Option<…>`.
fn is_option(ty: &syn::Type) -> bool {
    last_segment(ty).as_deref() == Some("Option")
}

/// A field's name as the form sends it (its `#[serde(rename = "…")]`) and its
/// constraints, if its garde rules give any.
fn field_rules(field: &syn::Field) -> Option<(String, Vec<Constraint>)> {
    let mut name = field.ident.as_ref()?.unraw().to_string();
    let mut constraints = Vec::new();
    for attr in &field.attrs {
        if attr.path().is_ident("serde") {
            let _ = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    name = meta.value()?.parse::<syn::LitStr>()?.value();
                } else {
                    skip_meta(&meta)?;
                }
                Ok(())
            });
        } else if attr.path().is_ident("garde") {
            let mut read = Vec::new();
            // A rule this module cannot read spoils nothing but itself.
            if attr.parse_nested_meta(|meta| garde_rule(&meta, field, &mut read)).is_ok() {
                constraints.extend(read);
            }
        }
    }
    (!constraints.is_empty()).then_some((name, constraints))
}

/// One rule of `#[garde(…)]`: its constraints into `out`.
fn garde_rule(
    meta: &syn::meta::ParseNestedMeta<'_>,
    field: &syn::Field,
    out: &mut Vec<Constraint>,
) -> syn::Result<()> {
    let ident = meta.path.get_ident().map(ToString::to_string).unwrap_or_default();
    match ident.as_str() {
        "required" => out.push(("required", None)),
        "email" => out.push(("type", Some("email".to_owned()))),
        "url" => out.push(("type", Some("url".to_owned()))),
        "length" | "range" => {
            let (mut min, mut max, mut mode) = (None, None, false);
            meta.parse_nested_meta(|inner| {
                if inner.path.is_ident("min") {
                    min = Some(number(&inner.value()?.parse::<syn::Expr>()?));
                } else if inner.path.is_ident("max") {
                    max = Some(number(&inner.value()?.parse::<syn::Expr>()?));
                } else {
                    // `length(chars, …)` and the like: a count HTML does not make.
                    mode = true;
                    skip_meta(&inner)?;
                }
                Ok(())
            })?;
            if ident == "range" {
                out.extend(min.flatten().map(|it| ("min", Some(it))));
                out.extend(max.flatten().map(|it| ("max", Some(it))));
            } else if !mode {
                // A browser counts UTF-16 units and garde's simple length counts bytes:
                // only `required` and a `maxlength` it cannot exceed are exact.
                let min: Option<u64> = min.flatten().and_then(|it| it.parse().ok());
                if min.is_some_and(|it| it >= 1) && !is_option(&field.ty) {
                    out.push(("required", None));
                }
                out.extend(max.flatten().map(|it| ("maxlength", Some(it))));
            }
        }
        _ => skip_meta(meta)?,
    }
    Ok(())
}

/// An integer or float literal (maybe negated) as written, else `None`.
fn number(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(lit), .. }) => {
            Some(lit.base10_digits().to_owned())
        }
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Float(lit), .. }) => {
            Some(lit.base10_digits().to_owned())
        }
        syn::Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(_), expr, .. }) => {
            number(expr).filter(|it| !it.starts_with('-')).map(|it| format!("-{it}"))
        }
        _ => None,
    }
}

/// Consumes a nested meta's arguments (`= value` or `(…)`), whatever they are.
fn skip_meta(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        content.parse::<proc_macro2::TokenStream>()?;
    }
    Ok(())
}
