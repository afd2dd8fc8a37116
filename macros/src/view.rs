//! `view!` outside a component: its plan printed as an expression of type `View`, its
//! handlers in a chunk of their own, named `View.HASH`.

use proc_macro2::TokenStream;
use quote::quote;
use resuma_analysis::lower::lower_view;

use crate::emit::Errors;
use crate::print;

/// `view! { … }` → an expression of type `resuma::View`.
pub(crate) fn expand(input: TokenStream) -> TokenStream {
    let plan = lower_view(input);
    let mut errors = Errors::default();
    errors.extend_diagnostics(&plan.diagnostics);
    let errors = errors.into_tokens();
    let chunk = print::chunk(plan.chunk.as_ref());
    let tokens = print::view_expr(&plan.body);
    quote! {{
        #errors
        #chunk
        #tokens
    }}
}
