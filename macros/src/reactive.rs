//! `computed!`, `effect!` and `debounce!` inside a component: each becomes a call that
//! runs the body on the server and records the thunk the browser replays
//! (`resuma::__private::{computed, effect, debounce}`).

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use resuma_analysis::reactive::{
    missing_dependencies, parse_reactive, uncapturable_captures, ReactiveKind,
};
use resuma_analysis::rs2js::translate_fn;
use resuma_analysis::TokenSpan;

use crate::chunk::Expander;
use crate::view::capture_ident;

impl Expander<'_> {
    /// The expansion of `kind!(tokens)`, written at `span`.
    pub(crate) fn reactive_macro(
        &mut self,
        kind: ReactiveKind,
        tokens: TokenStream,
        span: Span,
    ) -> TokenStream {
        let call = match parse_reactive(kind, tokens, span) {
            Ok(call) => call,
            Err(diagnostic) => {
                self.diagnostics(&[diagnostic]);
                // The error is reported; the rest of the body still type-checks.
                return match kind {
                    ReactiveKind::Computed => quote_spanned!(span=> ::core::unreachable!()),
                    _ => quote_spanned!(span=> ()),
                };
            }
        };
        let closure_tokens = call.closure.clone();
        let thunk = self.export_ref('t', |env| {
            let (closure, mut diagnostics) = translate_fn(closure_tokens, env, Vec::new());
            if let Some(closure) = &closure {
                diagnostics.extend(missing_dependencies(&call, closure, env));
                diagnostics.extend(uncapturable_captures(closure, TokenSpan::single(span)));
            }
            (closure, diagnostics)
        });
        let (address, captures) = match &thunk {
            Some(thunk) => (format!("{}#{}", thunk.chunk_name, thunk.name), thunk.captures.clone()),
            None => (String::new(), Vec::new()),
        };
        let mut capture_slots = Vec::new();
        for name in &captures {
            // A name without an identifier is reported with the translation (R045).
            if let Some(ident) = capture_ident(name, span) {
                capture_slots.push(quote! { ::resuma::__private::Capture::capture_slot(&#ident) });
            }
        }
        let deps = call.deps.iter().map(|(name, dep_span)| {
            // `r#type` is written raw; `Ident::new` panics on it.
            let ident = match name.strip_prefix("r#") {
                Some(raw) => proc_macro2::Ident::new_raw(raw, *dep_span),
                None => proc_macro2::Ident::new(name, *dep_span),
            };
            quote_spanned! {*dep_span=> ::resuma::__private::Dependency::dependency_slot(&#ident) }
        });
        let closure = &call.closure;
        // The slots are taken before the body runs: a `move` closure may move a capture.
        let head = quote! {
            let __resuma_captures: &[u32] = &[#(#capture_slots),*];
            let __resuma_deps: &[u32] = &[#(#deps),*];
        };
        let call_fn = match kind {
            ReactiveKind::Computed => quote_spanned! {span=>
                ::resuma::__private::computed(#address, __resuma_captures, __resuma_deps, #closure)
            },
            ReactiveKind::Effect => quote_spanned! {span=>
                ::resuma::__private::effect(#address, __resuma_captures, __resuma_deps, #closure)
            },
            ReactiveKind::Debounce => {
                let delay = call.delay.clone().unwrap_or_default();
                quote_spanned! {span=>
                    ::resuma::__private::debounce(#delay, #address, __resuma_captures, __resuma_deps, #closure)
                }
            }
        };
        quote! {{ #head #call_fn }}
    }
}
