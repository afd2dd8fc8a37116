//! The props of a component: its parameters and their `#[prop(optional | default = … |
//! into)]` options.

use syn::{FnArg, GenericArgument, ItemFn, Pat, PathArguments, Type};

use crate::diagnostics::{self as diag, Diagnostic};
use crate::span::TokenSpan;

/// One prop, from one parameter.
pub struct Prop {
    /// Its name.
    pub ident: syn::Ident,
    /// `mut name: T`.
    pub mutability: Option<syn::Token![mut]>,
    /// Its type as written.
    pub ty: Type,
    /// Whether it must be set.
    pub kind: PropKind,
    /// `#[prop(optional)]` on `Option<T>`: the setter takes `T`.
    pub option_inner: Option<Type>,
    /// `#[prop(into)]`: the setter takes `impl Into<T>`.
    pub into: bool,
}

/// Whether a prop must be set, and what it is when not.
pub enum PropKind {
    /// It must be set.
    Required,
    /// `#[prop(optional)]` (and `children`): `Default::default()` when not set.
    Optional,
    /// `#[prop(default = expr)]`.
    Default(Box<syn::Expr>),
}

/// The props of `function`, and the mistakes of its parameters (R055-R057).
///
/// ```
/// use resuma_analysis::signature::props::read_props;
/// let function = syn::parse_str("fn Card(#[prop(optinal)] n: u8) -> View { todo!() }").unwrap();
/// let (props, diagnostics) = read_props(&function);
/// assert_eq!(props.len(), 1);
/// assert_eq!(diagnostics[0].code.as_str(), "R057");
/// ```
pub fn read_props(function: &ItemFn) -> (Vec<Prop>, Vec<Diagnostic<TokenSpan>>) {
    let mut props = Vec::new();
    let mut diagnostics = Vec::new();
    let fallback = function.sig.ident.span();
    for input in &function.sig.inputs {
        let FnArg::Typed(arg) = input else { continue };
        let Pat::Ident(pat) = &*arg.pat else {
            diagnostics.push(diag::prop_pattern(TokenSpan::of(&arg.pat, fallback)));
            continue;
        };
        // Children are optional: a component that takes children may be self-closed.
        let mut kind =
            if pat.ident == "children" { PropKind::Optional } else { PropKind::Required };
        let mut into = false;
        for attr in &arg.attrs {
            if !attr.path().is_ident("prop") {
                diagnostics.push(diag::foreign_prop_attribute(TokenSpan::of(attr, fallback)));
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
                    let name = quote::ToTokens::to_token_stream(&meta.path).to_string();
                    return Err(meta.error(format!("unknown option `{name}`")));
                }
                Ok(())
            });
            if let Err(err) = parsed {
                let span = TokenSpan::of_error(&err);
                diagnostics.push(diag::invalid_prop_option(span, &err.to_string()));
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
    (props, diagnostics)
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
