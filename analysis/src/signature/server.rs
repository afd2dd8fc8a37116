//! `#[server]`'s arguments (`rate = "10/s"`) and signature: an `async`, non-generic free
//! function whose parameters are plain names (they arrive as a JSON array).

use proc_macro2::TokenStream;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{FnArg, ItemFn, Pat};

use crate::diagnostics::{self as diag, Diagnostic};
use crate::span::TokenSpan;

/// What `#[server]` reads from its arguments and function.
pub struct ServerSignature {
    /// `rate = "…"`, as written (also when it is not a valid rate: R061 says so).
    pub rate: Option<syn::LitStr>,
    /// Every mistake, in source order.
    pub diagnostics: Vec<Diagnostic<TokenSpan>>,
    /// Whether the function can be registered as an action (it is async and not generic).
    pub registrable: bool,
}

/// Reads `#[server(args)]` on `function`.
///
/// ```
/// use resuma_analysis::signature::server::read_server;
/// let function = syn::parse_str("async fn add(a: i32) -> i32 { a }").unwrap();
/// let read = read_server("rate = \"10/day\"".parse().unwrap(), &function);
/// assert_eq!(read.diagnostics[0].code.as_str(), "R061");
/// assert!(read.registrable);
/// ```
pub fn read_server(args: TokenStream, function: &ItemFn) -> ServerSignature {
    let mut diagnostics = Vec::new();
    let rate = read_args(args, &mut diagnostics);
    let sig = &function.sig;
    let fallback = sig.ident.span();
    let mut registrable = true;
    if sig.asyncness.is_none() {
        diagnostics.push(diag::sync_server_fn(TokenSpan::of(&sig.fn_token, fallback)));
        registrable = false;
    } else if !sig.generics.params.is_empty() {
        diagnostics.push(diag::generic_server_fn(TokenSpan::of(&sig.generics, fallback)));
        registrable = false;
    } else {
        for input in &sig.inputs {
            match input {
                FnArg::Typed(arg) if matches!(&*arg.pat, Pat::Ident(_) | Pat::Wild(_)) => {}
                FnArg::Typed(arg) => {
                    diagnostics.push(diag::server_arg_pattern(TokenSpan::of(&arg.pat, fallback)))
                }
                FnArg::Receiver(receiver) => {
                    diagnostics.push(diag::server_method(TokenSpan::of(receiver, fallback)))
                }
            }
        }
    }
    ServerSignature { rate, diagnostics, registrable }
}

/// `rate = "10/s"`, the only argument.
fn read_args(
    args: TokenStream,
    diagnostics: &mut Vec<Diagnostic<TokenSpan>>,
) -> Option<syn::LitStr> {
    let fallback = proc_macro2::Span::call_site();
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
                            let span = TokenSpan::of(lit, fallback);
                            diagnostics.push(diag::invalid_rate(span, &lit.value()));
                        }
                        rate = Some(lit.clone());
                    }
                    _ => {
                        let written = quote::ToTokens::to_token_stream(&pair).to_string();
                        diagnostics.push(diag::invalid_server_arguments(
                            TokenSpan::of(&pair, fallback),
                            &format!("found `{written}`"),
                        ));
                    }
                }
            }
        }
        Err(err) => diagnostics
            .push(diag::invalid_server_arguments(TokenSpan::of_error(&err), &err.to_string())),
    }
    rate
}

fn valid_rate(rate: &str) -> bool {
    let Some((count, unit)) = rate.split_once('/') else { return false };
    count.trim().parse::<u32>().is_ok_and(|n| n >= 1)
        && matches!(unit.trim(), "s" | "sec" | "min" | "m" | "h" | "hour")
}
