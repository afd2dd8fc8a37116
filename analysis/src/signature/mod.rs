//! What `#[component]` and `#[server]` accept: their arguments and the function they go
//! on, read from syn items into plain data and diagnostics.
//!
//! The macros call these on the item the compiler hands them; `check` calls the same
//! functions on each `#[component]`/`#[server]` fn of a file's syntax tree, so the
//! compiler, `resuma check` and the editor report the same codes at the same spans.
//! Nothing here fails: every problem is a diagnostic.

pub mod component;
pub mod flow;
pub mod island;
pub mod placement;
pub mod props;
pub mod server;

use proc_macro2::TokenStream;

use crate::diagnostics::{not_a_function, Diagnostic};
use crate::span::TokenSpan;

/// `item` as a function, or R058 where syn stops reading it as one. `attribute` is the
/// attribute's name (`"component"`, `"server"`), for the message.
///
/// ```
/// use resuma_analysis::signature::parse_function;
/// let err = parse_function("component", "struct Card;".parse().unwrap()).unwrap_err();
/// assert_eq!(err.code.as_str(), "R058");
/// ```
pub fn parse_function(
    attribute: &str,
    item: TokenStream,
) -> Result<syn::ItemFn, Diagnostic<TokenSpan>> {
    syn::parse2::<syn::ItemFn>(item)
        .map_err(|err| not_a_function(TokenSpan::of_error(&err), attribute, &err.to_string()))
}

/// The arguments of an attribute as the attribute macro receives them: the tokens inside
/// `#[name(…)]`, nothing for `#[name]`, and the tokens after `=` for `#[name = …]`.
pub fn attribute_args(attr: &syn::Attribute) -> TokenStream {
    match &attr.meta {
        syn::Meta::Path(_) => TokenStream::new(),
        syn::Meta::List(list) => list.tokens.clone(),
        syn::Meta::NameValue(pair) => quote::ToTokens::to_token_stream(&pair.value),
    }
}

/// Whether `attr` is `#[name]` or `#[path::to::name]` (with or without arguments).
pub fn is_attribute(attr: &syn::Attribute, name: &str) -> bool {
    attr.path().segments.last().is_some_and(|it| it.ident == name)
}

/// The attributes of an item that can carry `#[component]` or `#[server]` (or that a
/// misplaced one can stand on), `None` for the others.
pub fn item_attrs_mut(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        syn::Item::Fn(it) => &mut it.attrs,
        syn::Item::Struct(it) => &mut it.attrs,
        syn::Item::Enum(it) => &mut it.attrs,
        syn::Item::Const(it) => &mut it.attrs,
        syn::Item::Static(it) => &mut it.attrs,
        syn::Item::Type(it) => &mut it.attrs,
        syn::Item::Trait(it) => &mut it.attrs,
        syn::Item::Union(it) => &mut it.attrs,
        syn::Item::Mod(it) => &mut it.attrs,
        syn::Item::Impl(it) => &mut it.attrs,
        syn::Item::Use(it) => &mut it.attrs,
        _ => return None,
    })
}
