//! Turns analysis diagnostics into compiler errors.
//!
//! Errors go to an [`Errors`] collector passed explicitly; it de-duplicates them on code
//! and place, caps them (saying how many more there were), and its tokens are emitted
//! next to a best-effort expansion so that rust-analyzer keeps hover and completion for
//! the rest of the code.

use proc_macro2::{Punct, Spacing, TokenStream, TokenTree};
use quote::ToTokens;
use resuma_analysis::diagnostics::more_errors;
use resuma_analysis::{Code, Diagnostic, TokenSpan};

/// At most this many errors per macro call: past that they are noise.
const MAX_ERRORS: usize = 32;

/// The errors one macro call collects.
#[derive(Default)]
pub(crate) struct Errors {
    errors: Vec<syn::Error>,
    seen: Vec<Key>,
    /// Errors past the cap, and where the first of them is.
    n_dropped: usize,
    first_dropped: Option<proc_macro2::Span>,
}

/// What makes two errors the same: the diagnostic's code and its place. A span's debug
/// form holds its byte range, in the compiler as outside it (where `byte_range()` is not
/// available on stable).
#[derive(PartialEq, Eq)]
struct Key(Code, String);

impl Errors {
    /// Adds diagnostics from analysis.
    pub(crate) fn extend_diagnostics(&mut self, diagnostics: &[Diagnostic<TokenSpan>]) {
        for diagnostic in diagnostics {
            let place = format!("{:?} {:?}", diagnostic.span.start, diagnostic.span.end);
            let error = spanned_error(diagnostic.span, &error_message(diagnostic));
            self.add(Key(diagnostic.code, place), error);
        }
    }

    fn add(&mut self, key: Key, error: syn::Error) {
        if self.seen.contains(&key) {
            return;
        }
        if self.errors.len() >= MAX_ERRORS {
            self.n_dropped += 1;
            self.first_dropped.get_or_insert(error.span());
            self.seen.push(key);
            return;
        }
        self.seen.push(key);
        self.errors.push(error);
    }

    /// `compile_error!` invocations for everything collected, and one saying how many
    /// more there were past the cap.
    pub(crate) fn into_tokens(self) -> TokenStream {
        let mut tokens: TokenStream =
            self.errors.into_iter().map(|it| it.to_compile_error()).collect();
        if let Some(span) = self.first_dropped {
            tokens.extend(syn::Error::new(span, more_errors(self.n_dropped)).to_compile_error());
        }
        tokens
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

/// The compile errors of `diagnostics` alone (for a macro that only reports).
pub(crate) fn diagnostics_tokens(diagnostics: &[Diagnostic<TokenSpan>]) -> TokenStream {
    let mut errors = Errors::default();
    errors.extend_diagnostics(diagnostics);
    errors.into_tokens()
}

/// `item` as a function, or — when it is not one — the tokens to emit instead: every
/// error collected so far (R058 among them) plus the item unchanged, so the rest of the
/// file still resolves. `attribute` names the macro.
pub(crate) fn parse_fn(
    attribute: &str,
    item: TokenStream,
    errors: &mut Errors,
) -> Result<syn::ItemFn, TokenStream> {
    match resuma_analysis::signature::parse_function(attribute, item.clone()) {
        Ok(function) => Ok(function),
        Err(diagnostic) => {
            errors.extend_diagnostics(&[diagnostic]);
            let errors = std::mem::take(errors).into_tokens();
            Err(quote::quote! { #errors #item })
        }
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use resuma_analysis::diagnostics::more_errors;
    use resuma_analysis::signature::placement::js_outside_handler;

    use super::*;

    /// The messages of the `compile_error!`s in `tokens`.
    fn messages(tokens: TokenStream) -> Vec<String> {
        let mut out = Vec::new();
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        for tree in trees {
            if let TokenTree::Group(group) = tree {
                for inner in group.stream() {
                    if let TokenTree::Literal(lit) = inner {
                        let lit: syn::LitStr = syn::parse_str(&lit.to_string()).unwrap();
                        out.push(lit.value());
                    }
                }
            }
        }
        out
    }

    /// One diagnostic per token of `text`, each at its own token.
    fn diagnostics(text: &str) -> Vec<Diagnostic<TokenSpan>> {
        TokenStream::from_str(text)
            .unwrap()
            .into_iter()
            .map(|tree| js_outside_handler(&tree.into_token_stream()))
            .collect()
    }

    #[test]
    fn the_same_code_at_the_same_place_is_reported_once() {
        let mut errors = Errors::default();
        let twice = diagnostics("a b");
        errors.extend_diagnostics(&twice);
        errors.extend_diagnostics(&twice[..1]);
        // Another code at the same place is another error.
        let mut other = twice[0].clone();
        other.code = Code::UnknownEvent;
        errors.extend_diagnostics(&[other]);
        let found = messages(errors.into_tokens());
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[2].starts_with("R005"), "{found:?}");
    }

    #[test]
    fn past_the_cap_one_error_says_how_many_more() {
        let mut errors = Errors::default();
        let text: Vec<String> = (0..40).map(|i| format!("t{i}")).collect();
        let many = diagnostics(&text.join(" "));
        errors.extend_diagnostics(&many);
        errors.extend_diagnostics(&many); // repeats are not counted as more
        let found = messages(errors.into_tokens());
        assert_eq!(found.len(), MAX_ERRORS + 1);
        assert_eq!(found[MAX_ERRORS], more_errors(40 - MAX_ERRORS));
        assert_eq!(found[MAX_ERRORS], "8 more errors not shown; fix these first");
    }
}
