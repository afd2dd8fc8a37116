//! Turns analysis diagnostics into compiler errors.
//!
//! Errors go to an [`Errors`] collector passed explicitly; it de-duplicates and caps
//! them, and its tokens are emitted next to a best-effort expansion so that
//! rust-analyzer keeps hover and completion for the rest of the code.

use proc_macro2::{Punct, Spacing, TokenStream, TokenTree};
use quote::ToTokens;
use resuma_analysis::{Diagnostic, TokenSpan};

/// At most this many errors per macro call: past that they are noise.
const MAX_ERRORS: usize = 32;

/// The errors one macro call collects.
#[derive(Default)]
pub(crate) struct Errors {
    errors: Vec<syn::Error>,
    seen: Vec<String>,
}

impl Errors {
    /// Adds every diagnostic of a parsed view.
    pub(crate) fn extend_diagnostics(&mut self, diagnostics: &[Diagnostic<TokenSpan>]) {
        for diagnostic in diagnostics {
            self.push(spanned_error(diagnostic.span, &error_message(diagnostic)));
        }
    }

    /// Adds one error.
    pub(crate) fn push(&mut self, error: syn::Error) {
        // Same message at another place is another error: the span's debug form has its position.
        let key = format!("{error} {:?}", error.span());
        if self.errors.len() >= MAX_ERRORS || self.seen.contains(&key) {
            return;
        }
        self.seen.push(key);
        self.errors.push(error);
    }

    /// `compile_error!` invocations for everything collected.
    pub(crate) fn into_tokens(self) -> TokenStream {
        self.errors.into_iter().map(|it| it.to_compile_error()).collect()
    }
}

/// The text of a diagnostic as the compiler prints it: code, message and help.
fn error_message(diagnostic: &Diagnostic<TokenSpan>) -> String {
    let mut message = format!("{}: {}", diagnostic.code, diagnostic.message);
    if let Some(help) = &diagnostic.help {
        message.push_str("\n= help: ");
        message.push_str(help);
    }
    message
}

/// An error underlining the tokens from `span.start` to `span.end`.
pub(crate) fn spanned_error(span: TokenSpan, message: &str) -> syn::Error {
    let mut start = Punct::new('<', Spacing::Alone);
    start.set_span(span.start);
    let mut end = Punct::new('>', Spacing::Alone);
    end.set_span(span.end);
    let tokens: TokenStream =
        [TokenTree::Punct(start), TokenTree::Punct(end)].into_iter().collect();
    syn::Error::new_spanned(tokens.into_token_stream(), message)
}

/// `item` as a function, or — when it is not one — the tokens to emit instead: every
/// error collected so far plus the item unchanged, so the rest of the file still resolves.
pub(crate) fn parse_fn(item: TokenStream, errors: &mut Errors) -> Result<syn::ItemFn, TokenStream> {
    match syn::parse2::<syn::ItemFn>(item.clone()) {
        Ok(function) => Ok(function),
        Err(err) => {
            errors.push(err);
            let errors = std::mem::take(errors).into_tokens();
            Err(quote::quote! { #errors #item })
        }
    }
}
