//! `#[component]`'s arguments and signature: a synchronous free function without
//! lifetimes, returning a view, whose parameters are props (see [`props`](super::props)).

use proc_macro2::TokenStream;
use syn::{FnArg, ItemFn, ReturnType};

use super::props::{read_props, Prop};
use crate::diagnostics::{self as diag, Diagnostic};
use crate::span::TokenSpan;

/// What `#[component]` reads from its arguments and function.
pub struct ComponentSignature {
    /// The props, one per typed parameter that is a plain name.
    pub props: Vec<Prop>,
    /// Every mistake, in source order.
    pub diagnostics: Vec<Diagnostic<TokenSpan>>,
    /// Whether the signature can be expanded (arguments and prop mistakes still can).
    pub expandable: bool,
}

/// Reads `#[component(args)]` on `function`. A signature mistake stops the reading there
/// (the macro then expands no body, so the props are not read either).
///
/// ```
/// use resuma_analysis::signature::component::read_component;
/// let function = syn::parse_str("async fn Card(title: String) -> View { todo!() }").unwrap();
/// let read = read_component(&Default::default(), &function);
/// assert_eq!(read.diagnostics[0].code.as_str(), "R051");
/// assert!(!read.expandable);
/// ```
pub fn read_component(args: &TokenStream, function: &ItemFn) -> ComponentSignature {
    let mut diagnostics = Vec::new();
    if !args.is_empty() {
        diagnostics.push(diag::component_arguments(TokenSpan::of(args, function.sig.ident.span())));
    }
    if let Some(problem) = signature_problem(function) {
        diagnostics.push(problem);
        return ComponentSignature { props: Vec::new(), diagnostics, expandable: false };
    }
    let (props, found) = read_props(function);
    diagnostics.extend(found);
    ComponentSignature { props, diagnostics, expandable: true }
}

fn signature_problem(function: &ItemFn) -> Option<Diagnostic<TokenSpan>> {
    let sig = &function.sig;
    let fallback = sig.ident.span();
    if let Some(asyncness) = &sig.asyncness {
        return Some(diag::async_component(TokenSpan::of(asyncness, fallback)));
    }
    if let Some(lifetime) = sig.generics.lifetimes().next() {
        return Some(diag::borrowing_component(TokenSpan::of(lifetime, fallback)));
    }
    if let Some(FnArg::Receiver(receiver)) = sig.inputs.first() {
        return Some(diag::component_method(TokenSpan::of(receiver, fallback)));
    }
    if matches!(sig.output, ReturnType::Default) {
        return Some(diag::missing_return_type(TokenSpan::single(fallback)));
    }
    None
}
