//! The props of a component: its parameters and their `#[prop(…)]` options.

use syn::{FnArg, GenericArgument, ItemFn, Pat, PathArguments, Type};

use crate::emit::Errors;

/// One prop, from one parameter.
pub(crate) struct Prop {
    pub(crate) ident: syn::Ident,
    pub(crate) mutability: Option<syn::Token![mut]>,
    pub(crate) ty: Type,
    pub(crate) kind: PropKind,
    /// `#[prop(optional)]` on `Option<T>`: the setter takes `T`.
    pub(crate) option_inner: Option<Type>,
    /// `#[prop(into)]`: the setter takes `impl Into<T>`.
    pub(crate) into: bool,
}

pub(crate) enum PropKind {
    Required,
    /// `#[prop(optional)]`: `Default::default()` when not set.
    Optional,
    /// `#[prop(default = expr)]`.
    Default(Box<syn::Expr>),
}

/// The props of `function`; mistakes in `#[prop]` go to `errors`.
pub(crate) fn parse_props(function: &ItemFn, errors: &mut Errors) -> Vec<Prop> {
    let mut props = Vec::new();
    for input in &function.sig.inputs {
        let FnArg::Typed(arg) = input else { continue };
        let Pat::Ident(pat) = &*arg.pat else {
            errors.push(syn::Error::new_spanned(
                &arg.pat,
                "a prop is a plain name: write `name: Type`",
            ));
            continue;
        };
        // Children are optional: a component that takes children may be self-closed.
        let mut kind =
            if pat.ident == "children" { PropKind::Optional } else { PropKind::Required };
        let mut into = false;
        for attr in &arg.attrs {
            if !attr.path().is_ident("prop") {
                errors.push(syn::Error::new_spanned(
                    attr,
                    "only #[prop(…)] is allowed on a component parameter",
                ));
                continue;
            }
            let parsed = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("optional") {
                    kind = PropKind::Optional;
                } else if meta.path.is_ident("default") {
                    kind = PropKind::Default(Box::new(meta.value()?.parse()?));
                } else if meta.path.is_ident("into") {
                    into = true;
                } else {
                    return Err(
                        meta.error("unknown prop option: use `optional`, `default = …` or `into`")
                    );
                }
                Ok(())
            });
            if let Err(err) = parsed {
                errors.push(err);
            }
        }
        let option_inner = match kind {
            PropKind::Optional => option_inner(&arg.ty),
            _ => None,
        };
        props.push(Prop {
            ident: pat.ident.clone(),
            mutability: pat.mutability,
            ty: (*arg.ty).clone(),
            kind,
            option_inner,
            into,
        });
    }
    props
}

/// `T` when `ty` is `Option<T>`.
fn option_inner(ty: &Type) -> Option<Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else { return None };
    match args.args.first()? {
        GenericArgument::Type(inner) if args.args.len() == 1 => Some(inner.clone()),
        _ => None,
    }
}
