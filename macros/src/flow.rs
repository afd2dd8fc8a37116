//! `#[load]`, `#[middleware]` and `#[submit]`: Flow's page-file fns. Each stays the fn it
//! is; the build script (`resuma_build`) finds them in the page files and the page table
//! calls them. `#[load(cache = "…")]` sets the page's `Cache-Control` first thing;
//! `#[submit]` validates its form first thing (garde's rules, when it derives them).

use proc_macro2::TokenStream;
use quote::quote;

use resuma_analysis::signature::flow::{read_load, read_middleware, read_submit};

use crate::emit::{parse_fn, Errors};

/// Expands `#[load(args)]` on `item`.
pub(crate) fn expand_load(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let mut function = match parse_fn("load", item, &mut errors) {
        Ok(function) => function,
        Err(fallback) => return fallback,
    };
    let signature = read_load(args, &function);
    errors.extend_diagnostics(&signature.diagnostics);
    if let (Some(cache), Some(syn::FnArg::Typed(arg))) =
        (&signature.cache, function.sig.inputs.first_mut())
    {
        // The argument under a name of ours, so a `_` pattern gets its cache too.
        let pat = std::mem::replace(&mut *arg.pat, syn::parse_quote!(__resuma_cx));
        let block = &function.block;
        function.block = syn::parse_quote!({
            ::resuma::flow::LoadCx::cache_control(&__resuma_cx, #cache);
            let #pat = __resuma_cx;
            #block
        });
    }
    let errors = errors.into_tokens();
    quote! {
        #errors
        #function
    }
}

/// Expands `#[static_params]` on `item`: the fn as it is (the page table calls it, and
/// `resuma_analysis::routes` checks where it may be); arguments are refused.
pub(crate) fn expand_static_params(args: TokenStream, item: TokenStream) -> TokenStream {
    if let Some(first) = args.into_iter().next() {
        let error = syn::Error::new(first.span(), "#[static_params] takes no arguments");
        let error = error.to_compile_error();
        return quote! { #error #item };
    }
    item
}

/// Expands `#[middleware(args)]` on `item`.
pub(crate) fn expand_middleware(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let function = match parse_fn("middleware", item, &mut errors) {
        Ok(function) => function,
        Err(fallback) => return fallback,
    };
    errors.extend_diagnostics(&read_middleware(args, &function));
    let errors = errors.into_tokens();
    quote! {
        #errors
        #function
    }
}

/// Expands `#[submit(args)]` on `item`.
pub(crate) fn expand_submit(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let mut function = match parse_fn("submit", item, &mut errors) {
        Ok(function) => function,
        Err(fallback) => return fallback,
    };
    let signature = read_submit(args, &function);
    errors.extend_diagnostics(&signature.diagnostics);
    if signature.diagnostics.is_empty() {
        if let Some(syn::FnArg::Typed(arg)) = function.sig.inputs.iter_mut().nth(1) {
            // The form under a name of ours, so any pattern is validated whole first.
            let pat = std::mem::replace(&mut *arg.pat, syn::parse_quote!(__resuma_form));
            let block = &function.block;
            function.block = syn::parse_quote!({
                {
                    #[allow(unused_imports)]
                    use ::resuma::__private::{NoValidation as _, ViaGarde as _};
                    (&::resuma::__private::ValidateForm(&__resuma_form)).resuma_validate()?;
                }
                let #pat = __resuma_form;
                #block
            });
        }
    }
    let errors = errors.into_tokens();
    quote! {
        #errors
        #function
    }
}
