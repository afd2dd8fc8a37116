//! `#[server]`: an async fn that stays callable from Rust and is also served as an
//! action at `POST /_resuma/action/{name}`, registered at link time.
//!
//! The function keeps its signature; the macro adds a type-namespace marker with the
//! same name (so handlers can check at compile time that what they await is a server
//! function) and an `Action` whose `call` decodes the JSON array of arguments, awaits
//! the function and encodes its result.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{FnArg, ItemFn, Pat, ReturnType, Type};

use crate::emit::{parse_fn, Errors};

/// Expands `#[server]` on `item`.
pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let rate = parse_args(args, &mut errors);
    let function = match parse_fn(item, &mut errors) {
        Ok(function) => function,
        Err(fallback) => return fallback,
    };
    let registration = registration(&function, rate, &mut errors);
    let errors = errors.into_tokens();
    quote! {
        #errors
        #function
        #registration
    }
}

/// `rate = "10/s"`, the only argument.
fn parse_args(args: TokenStream, errors: &mut Errors) -> Option<syn::LitStr> {
    let mut rate = None;
    let parser = Punctuated::<syn::MetaNameValue, syn::Token![,]>::parse_terminated;
    match parser.parse2(args) {
        Ok(pairs) => {
            for pair in pairs {
                match (&pair.path, &pair.value) {
                    (path, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(lit), .. }))
                        if path.is_ident("rate") =>
                    {
                        if !valid_rate(&lit.value()) {
                            errors.push(syn::Error::new_spanned(
                                lit,
                                "a rate is `N/s`, `N/min` or `N/h` with N ≥ 1, e.g. \"10/s\"",
                            ));
                        }
                        rate = Some(lit.clone());
                    }
                    _ => errors.push(syn::Error::new_spanned(
                        &pair,
                        "#[server] takes only `rate = \"N/s\"` (or N/min, N/h)",
                    )),
                }
            }
        }
        Err(err) => errors.push(err),
    }
    rate
}

fn valid_rate(rate: &str) -> bool {
    let Some((count, unit)) = rate.split_once('/') else { return false };
    count.trim().parse::<u32>().is_ok_and(|n| n >= 1)
        && matches!(unit.trim(), "s" | "sec" | "min" | "m" | "h" | "hour")
}

fn registration(function: &ItemFn, rate: Option<syn::LitStr>, errors: &mut Errors) -> TokenStream {
    let sig = &function.sig;
    if sig.asyncness.is_none() {
        errors.push(syn::Error::new_spanned(
            sig.fn_token,
            "a #[server] function must be `async`: it is awaited by the action endpoint",
        ));
        return TokenStream::new();
    }
    if !sig.generics.params.is_empty() {
        errors.push(syn::Error::new_spanned(
            &sig.generics,
            "a #[server] function cannot be generic: its arguments arrive as JSON",
        ));
        return TokenStream::new();
    }
    let mut arg_types: Vec<&Type> = Vec::new();
    for input in &sig.inputs {
        match input {
            FnArg::Typed(arg) if matches!(&*arg.pat, Pat::Ident(_) | Pat::Wild(_)) => {
                arg_types.push(&arg.ty);
            }
            FnArg::Typed(arg) => errors.push(syn::Error::new_spanned(
                &arg.pat,
                "a #[server] argument is a plain name: write `name: Type`",
            )),
            FnArg::Receiver(receiver) => errors.push(syn::Error::new_spanned(
                receiver,
                "a #[server] function is a free function, not a method",
            )),
        }
    }
    let vis = &function.vis;
    let name = &sig.ident;
    let name_str = name.to_string();
    let arity = arg_types.len();
    let args: Vec<_> =
        (0..arity).map(|i| format_ident!("__arg{}", i, span = Span::mixed_site())).collect();
    let encode = if returns_result(&sig.output) {
        quote!(::resuma::__private::result_json)
    } else {
        quote!(::resuma::__private::ok_json)
    };
    let rate = match rate {
        Some(lit) => quote!(::core::option::Option::Some(#lit)),
        None => quote!(::core::option::Option::None),
    };
    let doc = format!("Marks [`{name}`] as a server function for handlers that await it.");
    quote! {
        #[doc = #doc]
        #[doc(hidden)]
        #[allow(non_camel_case_types, dead_code)]
        #vis struct #name {}

        impl ::resuma::__private::ServerFn for #name {
            const NAME: &'static str = #name_str;
        }

        ::resuma::__private::inventory::submit! {
            ::resuma::__private::Action {
                name: #name_str,
                rate: #rate,
                call: {
                    fn __resuma_call(
                        args: ::resuma::__private::serde_json::Value,
                    ) -> ::resuma::__private::ActionFuture {
                        ::std::boxed::Box::pin(async move {
                            let (#(#args,)*): (#(#arg_types,)*) =
                                ::resuma::__private::decode_args(args, #arity)?;
                            #encode(#name(#(#args),*).await)
                        })
                    }
                    __resuma_call
                },
            }
        }
    }
}

/// Whether the declared return type is spelled `Result<…>` (any path ending in `Result`).
fn returns_result(output: &ReturnType) -> bool {
    let ReturnType::Type(_, ty) = output else { return false };
    let Type::Path(path) = &**ty else { return false };
    path.path.segments.last().is_some_and(|it| it.ident == "Result")
}
