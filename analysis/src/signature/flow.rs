//! `#[load]`, `#[middleware]` and `#[submit]`, Flow's fns besides pages: their arguments and
//! signatures, read from syn items into plain data and diagnostics (R080, R081, R083).
//!
//! A load is `async fn(cx: LoadCx) -> Result<Data, LoadError>`, a middleware
//! `async fn(req: Request, next: Next) -> impl IntoResponse`; the types are the
//! compiler's to check, the shape is checked here so every surface says the same.

use proc_macro2::TokenStream;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{FnArg, ItemFn};

use crate::diagnostics::{self as diag, Diagnostic, InvalidLoad, InvalidMiddleware, InvalidSubmit};
use crate::span::TokenSpan;

/// What `#[load]` reads from its arguments and function.
pub struct LoadSignature {
    /// `cache = "…"`, when valid.
    pub cache: Option<syn::LitStr>,
    /// The name of the `LoadCx` argument when it is a plain name (`cx`).
    pub cx: Option<syn::Ident>,
    /// Every mistake, in source order.
    pub diagnostics: Vec<Diagnostic<TokenSpan>>,
}

/// Reads `#[load(args)]` on `function`.
///
/// ```
/// use resuma_analysis::signature::flow::read_load;
/// let function = syn::parse_str("async fn load(cx: LoadCx) -> Result<u8, LoadError> { Ok(1) }").unwrap();
/// let read = read_load("cache = \"public, max-age=60\"".parse().unwrap(), &function);
/// assert!(read.diagnostics.is_empty());
/// assert_eq!(read.cache.unwrap().value(), "public, max-age=60");
///
/// let function = syn::parse_str("fn load() -> u8 { 1 }").unwrap();
/// let read = read_load(Default::default(), &function);
/// assert_eq!(read.diagnostics[0].code.as_str(), "R080");
/// ```
pub fn read_load(args: TokenStream, function: &ItemFn) -> LoadSignature {
    let mut diagnostics = Vec::new();
    let cache = read_load_args(args, &mut diagnostics);
    let sig = &function.sig;
    let fallback = sig.ident.span();
    let mut cx = None;
    if sig.asyncness.is_none() {
        diagnostics.push(diag::invalid_load(
            TokenSpan::of(&sig.fn_token, fallback),
            InvalidLoad::NotAsync,
        ));
    }
    if !sig.generics.params.is_empty() {
        diagnostics
            .push(diag::invalid_load(TokenSpan::of(&sig.generics, fallback), InvalidLoad::Generic));
    }
    if let Some(FnArg::Receiver(receiver)) = sig.inputs.first() {
        diagnostics
            .push(diag::invalid_load(TokenSpan::of(receiver, fallback), InvalidLoad::Method));
    } else if sig.inputs.len() != 1 {
        let span = if sig.inputs.is_empty() {
            TokenSpan::single(sig.paren_token.span.join())
        } else {
            TokenSpan::of(&sig.inputs, fallback)
        };
        diagnostics.push(diag::invalid_load(span, InvalidLoad::Arguments(sig.inputs.len())));
    } else if let Some(FnArg::Typed(arg)) = sig.inputs.first() {
        if let syn::Pat::Ident(pat) = &*arg.pat {
            cx = Some(pat.ident.clone());
        }
    }
    LoadSignature { cache, cx, diagnostics }
}

/// `cache = "…"`, the only argument.
fn read_load_args(
    args: TokenStream,
    diagnostics: &mut Vec<Diagnostic<TokenSpan>>,
) -> Option<syn::LitStr> {
    let fallback = proc_macro2::Span::call_site();
    let parser = Punctuated::<syn::MetaNameValue, syn::Token![,]>::parse_terminated;
    let pairs = match parser.parse2(args) {
        Ok(pairs) => pairs,
        Err(err) => {
            let found = err.to_string();
            let form = InvalidLoad::UnknownArgument(&found);
            diagnostics.push(diag::invalid_load(TokenSpan::of_error(&err), form));
            return None;
        }
    };
    let mut cache = None;
    for pair in pairs {
        match (&pair.path, &pair.value) {
            (path, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(lit), .. }))
                if path.is_ident("cache") =>
            {
                let value = lit.value();
                // What `http::HeaderValue::from_str` accepts: visible ASCII, space, tab.
                if value.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b)) {
                    cache = Some(lit.clone());
                } else {
                    let form = InvalidLoad::InvalidCache(&value);
                    diagnostics.push(diag::invalid_load(TokenSpan::of(lit, fallback), form));
                }
            }
            _ => {
                let written = quote::ToTokens::to_token_stream(&pair).to_string();
                let form = InvalidLoad::UnknownArgument(&written);
                diagnostics.push(diag::invalid_load(TokenSpan::of(&pair, fallback), form));
            }
        }
    }
    cache
}

/// Reads `#[middleware(args)]` on `function`: its diagnostics.
///
/// ```
/// use resuma_analysis::signature::flow::read_middleware;
/// let function = syn::parse_str("async fn guard(req: Request) -> Response { todo!() }").unwrap();
/// let read = read_middleware(Default::default(), &function);
/// assert_eq!(read[0].code.as_str(), "R081");
/// ```
pub fn read_middleware(args: TokenStream, function: &ItemFn) -> Vec<Diagnostic<TokenSpan>> {
    let mut diagnostics = Vec::new();
    let sig = &function.sig;
    let fallback = sig.ident.span();
    if !args.is_empty() {
        let span = TokenSpan::of(&args, fallback);
        diagnostics.push(diag::invalid_middleware(span, InvalidMiddleware::WithArguments));
    }
    if sig.asyncness.is_none() {
        let span = TokenSpan::of(&sig.fn_token, fallback);
        diagnostics.push(diag::invalid_middleware(span, InvalidMiddleware::NotAsync));
    }
    if !sig.generics.params.is_empty() {
        let span = TokenSpan::of(&sig.generics, fallback);
        diagnostics.push(diag::invalid_middleware(span, InvalidMiddleware::Generic));
    }
    if let Some(FnArg::Receiver(receiver)) = sig.inputs.first() {
        let span = TokenSpan::of(receiver, fallback);
        diagnostics.push(diag::invalid_middleware(span, InvalidMiddleware::Method));
    } else if sig.inputs.len() != 2 {
        let span = if sig.inputs.is_empty() {
            TokenSpan::single(sig.paren_token.span.join())
        } else {
            TokenSpan::of(&sig.inputs, fallback)
        };
        let form = InvalidMiddleware::Arguments(sig.inputs.len());
        diagnostics.push(diag::invalid_middleware(span, form));
    }
    diagnostics
}

/// What `#[submit]` reads from its function.
pub struct SubmitSignature {
    /// The form argument's pattern and type, when the fn takes two arguments.
    pub form: Option<(syn::Pat, syn::Type)>,
    /// Every mistake, in source order.
    pub diagnostics: Vec<Diagnostic<TokenSpan>>,
}

/// Reads `#[submit(args)]` on `function`: `async fn(cx: SubmitCx, form: T) -> Result<…>`.
///
/// ```
/// use resuma_analysis::signature::flow::read_submit;
/// let function = syn::parse_str(
///     "async fn save(cx: SubmitCx, form: Note) -> Result<Submitted, FormError> { todo!() }",
/// ).unwrap();
/// let read = read_submit(Default::default(), &function);
/// assert!(read.diagnostics.is_empty());
/// assert!(read.form.is_some());
///
/// let function = syn::parse_str("async fn save(form: Note) -> Result<Submitted, FormError> { todo!() }").unwrap();
/// assert_eq!(read_submit(Default::default(), &function).diagnostics[0].code.as_str(), "R083");
/// ```
pub fn read_submit(args: TokenStream, function: &ItemFn) -> SubmitSignature {
    let mut diagnostics = Vec::new();
    let sig = &function.sig;
    let fallback = sig.ident.span();
    let mut report = |span, form| diagnostics.push(diag::invalid_submit(span, form));
    if !args.is_empty() {
        report(TokenSpan::of(&args, fallback), InvalidSubmit::WithArguments);
    }
    if sig.asyncness.is_none() {
        report(TokenSpan::of(&sig.fn_token, fallback), InvalidSubmit::NotAsync);
    }
    if !sig.generics.params.is_empty() {
        report(TokenSpan::of(&sig.generics, fallback), InvalidSubmit::Generic);
    }
    let mut form = None;
    if let Some(FnArg::Receiver(receiver)) = sig.inputs.first() {
        report(TokenSpan::of(receiver, fallback), InvalidSubmit::Method);
    } else if sig.inputs.len() != 2 {
        let span = if sig.inputs.is_empty() {
            TokenSpan::single(sig.paren_token.span.join())
        } else {
            TokenSpan::of(&sig.inputs, fallback)
        };
        report(span, InvalidSubmit::Arguments(sig.inputs.len()));
    } else if let Some(FnArg::Typed(arg)) = sig.inputs.iter().nth(1) {
        form = Some(((*arg.pat).clone(), (*arg.ty).clone()));
    }
    if matches!(sig.output, syn::ReturnType::Default) {
        report(TokenSpan::single(sig.paren_token.span.join()), InvalidSubmit::NoReturn);
    }
    SubmitSignature { form, diagnostics }
}
