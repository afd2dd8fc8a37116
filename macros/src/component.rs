//! `#[component]`: a function becomes a props struct, its builder and a render call.
//!
//! ```text
//! #[component] fn Row(id: u32, #[prop(optional)] note: Option<String>) -> View { … }
//! ```
//! expands to `RowProps { id, note }`, `RowProps::builder()` whose `build()` only
//! exists once every required prop is set (a missing one is an error naming it),
//! `impl Component for RowProps` that runs the body writing straight into the parent's
//! buffer, and `fn Row(props: RowProps) -> View` for calling it from Rust.

use std::sync::Arc;

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::ItemFn;

use resuma_analysis::component_env::env_from_fn;
use resuma_analysis::lower::{lower_component, lower_island, ComponentBody};
use resuma_analysis::rs2js::Structs;
use resuma_analysis::signature::component::read_component;
use resuma_analysis::signature::island::read_island;

use crate::builder::{builder_tokens, PropsGenerics};
use crate::emit::{parse_fn, Errors};
use crate::print::{self, html_ident};
use crate::props::Prop;

/// Which attribute is expanded: both make a component.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `#[component]` (and `#[layout]`).
    Component,
    /// `#[island(load = "…")]`.
    Island,
}

/// Expands `#[component]` on `item`.
pub(crate) fn expand(args: TokenStream, item: TokenStream, structs: Structs) -> TokenStream {
    expand_kind(Kind::Component, args, item, structs)
}

/// Expands `#[component]` or `#[island]` on `item`.
pub(crate) fn expand_kind(
    kind: Kind,
    args: TokenStream,
    item: TokenStream,
    structs: Structs,
) -> TokenStream {
    let mut errors = Errors::default();
    let attribute = if kind == Kind::Island { "island" } else { "component" };
    let function = match parse_fn(attribute, item, &mut errors) {
        Ok(function) => function,
        Err(fallback) => return fallback,
    };
    let (signature, load) = match kind {
        Kind::Component => (read_component(&args, &function), None),
        Kind::Island => {
            let read = read_island(&args, &function);
            (read.component, read.load)
        }
    };
    errors.extend_diagnostics(&signature.diagnostics);
    if !signature.expandable {
        let errors = errors.into_tokens();
        // Keep the signature so that callers still resolve, but not the body: it was
        // written for an expansion that did not happen and would only add errors.
        let (attrs, vis, sig) = (&function.attrs, &function.vis, &function.sig);
        return quote! { #errors #(#attrs)* #[allow(unused_variables)] #vis #sig { ::core::unimplemented!() } };
    }
    let props = signature.props;
    let env = env_from_fn(&function, Arc::new(structs));
    let plan = match load {
        Some(load) => lower_island(&function, &env, load),
        None => lower_component(&function, &env),
    };
    errors.extend_diagnostics(&plan.diagnostics);
    let chunk = print::chunk(plan.chunk.as_ref());
    let mut body = component_body(&plan.body);
    if plan.island.is_some() {
        // The whole render is the island's scope: what its `effect!`s record (before the
        // view, and in child components) belongs to it. The guard leaves it on drop.
        body = quote! { let __resuma_island = ::resuma::__private::enter_island(); #body };
    }
    let edges = match &plan.body {
        ComponentBody::Inline { head, tail, .. } => (head.as_str(), tail.as_str()),
        ComponentBody::Value { .. } => ("", ""),
    };
    let expansion = generate(&function, &props, body, edges);
    let errors = errors.into_tokens();
    quote! { #errors #chunk #expansion }
}

/// The expansion; `(head, tail)` is the view's leading and trailing markup, which
/// `render` writes around `render_body` and a parent may join with its own.
fn generate(
    function: &ItemFn,
    props: &[Prop],
    body: TokenStream,
    (head, tail): (&str, &str),
) -> TokenStream {
    let vis = &function.vis;
    let name = &function.sig.ident;
    let name_str = name.to_string();
    let props_name = format_ident!("{}Props", name);
    let builder_name = format_ident!("{}PropsBuilder", name);
    let fn_attrs = &function.attrs;
    let html = html_ident();

    let generics = PropsGenerics::new(&function.sig.generics);
    let PropsGenerics { params, args, where_clause, marker, .. } = &generics;
    let field_defs = props.iter().map(|prop| {
        let (field, ty) = (&prop.ident, &prop.ty);
        let doc = format!("The `{field}` prop.");
        quote! { #[doc = #doc] pub #field: #ty }
    });
    let bindings = props.iter().map(|prop| {
        let (field, mutability) = (&prop.ident, &prop.mutability);
        quote! { #mutability #field }
    });
    let builder = builder_tokens(vis, name, &props_name, &builder_name, props, &generics);

    // The plain function wraps the props in a `View`, which outlives the call: the type
    // parameters must be `'static` there (the direct call from `view!` has no such need).
    // Every bound moves to the `where` clause, so none is stated in two places.
    let generics = &function.sig.generics;
    let fn_params = generics.params.iter().map(|param| match param {
        syn::GenericParam::Type(ty) => {
            let ident = &ty.ident;
            quote!(#ident)
        }
        other => quote!(#other),
    });
    let inline_bounds = generics.type_params().map(|ty| {
        let (ident, bounds) = (&ty.ident, &ty.bounds);
        if bounds.is_empty() {
            quote!(#ident: 'static)
        } else {
            quote!(#ident: #bounds + 'static)
        }
    });
    let existing = generics.where_clause.iter().flat_map(|it| it.predicates.iter());
    let static_where = quote! { where #(#inline_bounds,)* #(#existing,)* };
    let doc =
        format!("Props of the [`{name}`] component; build them with `{props_name}::builder()`.");
    let view_fn = if props.is_empty() {
        quote! {
            #(#fn_attrs)*
            #[allow(non_snake_case, clippy::new_without_default)]
            #vis fn #name<#(#fn_params),*>() -> ::resuma::View #static_where {
                ::resuma::View::new(|#html: &mut ::resuma::Html| {
                    ::resuma::Component::render(
                        #props_name::<#(#args),*> { __resuma_marker: ::core::marker::PhantomData },
                        #html,
                    )
                })
            }
        }
    } else {
        quote! {
            #(#fn_attrs)*
            #[allow(non_snake_case)]
            #vis fn #name<#(#fn_params),*>(props: #props_name<#(#args),*>) -> ::resuma::View
            #static_where
            {
                ::resuma::View::new(move |#html: &mut ::resuma::Html| {
                    ::resuma::Component::render(props, #html)
                })
            }
        }
    };
    // The props type under the component's own name, in the type namespace (the function
    // is in the value namespace): `view!` writes `<Card …/>` as `Card::builder()`, so
    // importing `Card` brings everything `<Card/>` needs.
    let alias_params = function.sig.generics.params.iter().map(|param| match param {
        syn::GenericParam::Type(ty) => {
            let ident = &ty.ident;
            quote!(#ident)
        }
        syn::GenericParam::Const(c) => {
            let (ident, ty) = (&c.ident, &c.ty);
            quote!(const #ident: #ty)
        }
        syn::GenericParam::Lifetime(lt) => {
            let lifetime = &lt.lifetime;
            quote!(#lifetime)
        }
    });
    let alias_doc =
        format!("The props of [`{name}`] (`{props_name}`), under the component's name.");
    // Writing the head before the body's statements run is the same output: they cannot
    // write to the buffer.
    let push_head = (!head.is_empty()).then(|| quote! { #html.push_static(#head); });
    let push_tail = (!tail.is_empty()).then(|| quote! { #html.push_static(#tail); });
    quote! {
        #[doc = #alias_doc]
        #[allow(non_camel_case_types)]
        #vis type #name<#(#alias_params),*> = #props_name<#(#args),*>;

        #[doc = #doc]
        #vis struct #props_name<#(#params),*> #where_clause {
            #(#field_defs,)*
            #[doc(hidden)]
            pub __resuma_marker: #marker,
        }

        #builder

        impl<#(#params),*> ::resuma::Component for #props_name<#(#args),*> #where_clause {
            const NAME: &'static str = #name_str;
            const HEAD: &'static str = #head;
            const TAIL: &'static str = #tail;

            // Hints, so that a small child's code joins its parent's (one call fewer per
            // row of a list); the compiler still decides for large ones.
            #[inline]
            fn render(self, #html: &mut ::resuma::Html) {
                #push_head
                ::resuma::Component::render_body(self, #html);
                #push_tail
            }

            #[inline]
            #[allow(unused_mut, clippy::let_unit_value)]
            fn render_body(self, #html: &mut ::resuma::Html) {
                let #props_name { #(#bindings,)* .. } = self;
                #body
            }
        }

        #view_fn
    }
}

/// The body of `Component::render`: an inline view writes straight into the parent's
/// buffer with no closure and no allocation; any other body runs and its value renders.
fn component_body(body: &ComponentBody) -> TokenStream {
    let html = html_ident();
    match body {
        ComponentBody::Inline { init, view, .. } => {
            let init = print::code(init);
            let view = print::statements(view);
            quote! { #init #view }
        }
        ComponentBody::Value { output, block, span } => {
            let block = print::code(block);
            quote_spanned! {*span=>
                // A closure, so that `return` in the body returns its view.
                #[allow(clippy::redundant_closure_call)]
                let __view: #output = (move || -> #output #block)();
                ::resuma::Render::render(__view, #html);
            }
        }
    }
}
