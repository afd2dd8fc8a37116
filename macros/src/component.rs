//! `#[component]`: a function becomes a props struct, its builder and a render call.
//!
//! ```text
//! #[component] fn Row(id: u32, #[prop(optional)] note: Option<String>) -> View { … }
//! ```
//! expands to `RowProps { id, note }`, `RowProps::builder()` whose `build()` only
//! exists once every required prop is set (a missing one is an error naming it),
//! `impl Component for RowProps` that runs the body writing straight into the parent's
//! buffer, and `fn Row(props: RowProps) -> View` for calling it from Rust.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{ItemFn, ReturnType, Stmt};

use resuma_analysis::rs2js::env_from_fn;
use resuma_analysis::signature::component::read_component;

use crate::builder::{builder_tokens, PropsGenerics};
use crate::chunk::{Expander, Expansion};
use crate::emit::{parse_fn, Errors};
use crate::props::Prop;
use crate::view::{html_ident, render_view};

/// Expands `#[component]` on `item`.
pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let function = match parse_fn("component", item, &mut errors) {
        Ok(function) => function,
        Err(fallback) => return fallback,
    };
    let signature = read_component(&args, &function);
    errors.extend_diagnostics(&signature.diagnostics);
    if !signature.expandable {
        let errors = errors.into_tokens();
        // Keep the signature so that callers still resolve, but not the body: it was
        // written for an expansion that did not happen and would only add errors.
        let (attrs, vis, sig) = (&function.attrs, &function.vis, &function.sig);
        return quote! { #errors #(#attrs)* #[allow(unused_variables)] #vis #sig { ::core::unimplemented!() } };
    }
    let props = signature.props;
    let env = env_from_fn(&function);
    let html = html_ident();
    let Expansion { tokens: body, errors: body_errors, chunk } =
        Expander::run(&function.sig.ident.to_string(), &env, |expander| {
            component_body(&function, &html, expander)
        });
    let expansion = generate(&function, &props, body);
    let errors = errors.into_tokens();
    let body_errors = body_errors.into_tokens();
    quote! { #errors #body_errors #chunk #expansion }
}

fn generate(function: &ItemFn, props: &[Prop], body: TokenStream) -> TokenStream {
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
            #[allow(unused_mut, clippy::let_unit_value)]
            fn render(self, #html: &mut ::resuma::Html) {
                let #props_name { #(#bindings,)* .. } = self;
                #body
            }
        }

        #view_fn
    }
}

/// The body of `Component::render`. When the function ends in `view! { … }` (and has no
/// `return`), the view is expanded in place, writing into the parent's buffer with no
/// closure and no allocation; otherwise the body runs as written and its value renders.
fn component_body(function: &ItemFn, html: &Ident, expander: &mut Expander<'_>) -> TokenStream {
    let stmts = &function.block.stmts;
    let returns = {
        let mut finder = ReturnFinder(false);
        finder.visit_block(&function.block);
        finder.0
    };
    if let (false, Some((last, init))) = (returns, stmts.split_last()) {
        if let Some(tokens) = tail_view(last) {
            let init = expander.rewrite(quote! { #(#init)* });
            let render = render_view(tokens, html, expander);
            return quote! { #init #render };
        }
    }
    let output = match &function.sig.output {
        ReturnType::Type(_, ty) => ty.to_token_stream(),
        ReturnType::Default => quote!(()),
    };
    let block = expander.rewrite(function.block.to_token_stream());
    quote_spanned! {function.block.span()=>
        let __view: #output = (move || -> #output #block)();
        ::resuma::Render::render(__view, #html);
    }
}

/// The tokens of a `view!` that ends a block, if it does.
fn tail_view(stmt: &Stmt) -> Option<TokenStream> {
    let mac = match stmt {
        Stmt::Macro(stmt) if stmt.semi_token.is_none() => &stmt.mac,
        Stmt::Expr(syn::Expr::Macro(expr), None) => &expr.mac,
        _ => return None,
    };
    let is_view = mac.path.segments.last().is_some_and(|it| it.ident == "view");
    is_view.then(|| mac.tokens.clone())
}

/// Finds a `return` that belongs to the function (not to a closure or nested item).
struct ReturnFinder(bool);

impl Visit<'_> for ReturnFinder {
    fn visit_expr_return(&mut self, _: &syn::ExprReturn) {
        self.0 = true;
    }
    fn visit_expr_closure(&mut self, _: &syn::ExprClosure) {}
    fn visit_item(&mut self, _: &syn::Item) {}
    fn visit_expr_async(&mut self, _: &syn::ExprAsync) {}
}
