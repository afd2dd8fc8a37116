//! `#[server]`: an async fn that stays callable from Rust and is also served as an
//! action at `POST /_resuma/action/{name}`, registered at link time.
//!
//! The function keeps its signature; the macro adds a type-namespace marker with the
//! same name (so handlers can check at compile time that what they await is a server
//! function) and an `Action` whose `call` decodes the JSON array of arguments, awaits
//! the function and encodes its result.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{FnArg, ItemFn, Pat, ReturnType, Type};

use resuma_analysis::signature::server::read_server;

use crate::emit::{parse_fn, Errors};

/// Expands `#[server]` on `item`.
pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let function = match parse_fn("server", item, &mut errors) {
        Ok(function) => function,
        Err(fallback) => return fallback,
    };
    let signature = read_server(args, &function);
    errors.extend_diagnostics(&signature.diagnostics);
    let registration = if signature.registrable {
        registration(&function, signature.rate)
    } else {
        TokenStream::new()
    };
    let errors = errors.into_tokens();
    quote! {
        #errors
        #function
        #registration
    }
}

fn registration(function: &ItemFn, rate: Option<syn::LitStr>) -> TokenStream {
    let sig = &function.sig;
    let mut arg_types: Vec<&Type> = Vec::new();
    for input in &sig.inputs {
        match input {
            FnArg::Typed(arg) if matches!(&*arg.pat, Pat::Ident(_) | Pat::Wild(_)) => {
                arg_types.push(&arg.ty);
            }
            // Reported by `read_server`.
            FnArg::Typed(_) | FnArg::Receiver(_) => {}
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
