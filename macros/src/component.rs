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
use syn::{FnArg, ItemFn, ReturnType, Stmt, Type};

use resuma_analysis::rs2js::env_from_fn;

use crate::chunk::{Expander, Expansion};
use crate::emit::Errors;
use crate::props::{parse_props, Prop, PropKind};
use crate::view::{html_ident, render_view};

/// Expands `#[component]` on `item`.
pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    if !args.is_empty() {
        errors.push(syn::Error::new_spanned(&args, "#[component] takes no arguments"));
    }
    let function = match syn::parse2::<ItemFn>(item.clone()) {
        Ok(function) => function,
        Err(err) => {
            errors.push(err);
            let errors = errors.into_tokens();
            return quote! { #errors #item };
        }
    };
    if let Err(err) = check_signature(&function) {
        errors.push(err);
        let errors = errors.into_tokens();
        // Keep the signature so that callers still resolve, but not the body: it was
        // written for an expansion that did not happen and would only add errors.
        let (attrs, vis, sig) = (&function.attrs, &function.vis, &function.sig);
        return quote! { #errors #(#attrs)* #[allow(unused_variables)] #vis #sig { ::core::unimplemented!() } };
    }
    let props = parse_props(&function, &mut errors);
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

fn check_signature(function: &ItemFn) -> syn::Result<()> {
    let sig = &function.sig;
    if let Some(asyncness) = &sig.asyncness {
        return Err(syn::Error::new_spanned(asyncness, "a component cannot be async: it renders once, synchronously; load data before rendering"));
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        return Err(syn::Error::new_spanned(
            &sig.generics,
            "generic components are not supported yet: make the prop types concrete",
        ));
    }
    if let Some(FnArg::Receiver(receiver)) = sig.inputs.first() {
        return Err(syn::Error::new_spanned(
            receiver,
            "a component is a free function, not a method",
        ));
    }
    if matches!(sig.output, ReturnType::Default) {
        return Err(syn::Error::new_spanned(
            &sig.ident,
            "a component returns a view: add `-> View`",
        ));
    }
    Ok(())
}

fn generate(function: &ItemFn, props: &[Prop], body: TokenStream) -> TokenStream {
    let vis = &function.vis;
    let name = &function.sig.ident;
    let name_str = name.to_string();
    let props_name = format_ident!("{}Props", name);
    let builder_name = format_ident!("{}PropsBuilder", name);
    let fn_attrs = &function.attrs;
    let html = html_ident();

    let field_defs = props.iter().map(|prop| {
        let (field, ty) = (&prop.ident, &prop.ty);
        let doc = format!("The `{field}` prop.");
        quote! { #[doc = #doc] pub #field: #ty }
    });
    let bindings = props.iter().map(|prop| {
        let (field, mutability) = (&prop.ident, &prop.mutability);
        quote! { #mutability #field }
    });

    let required: Vec<&Prop> =
        props.iter().filter(|it| matches!(it.kind, PropKind::Required)).collect();
    let slots: Vec<Ident> = (0..required.len()).map(|i| format_ident!("__P{}", i)).collect();
    let builder = builder_tokens(vis, name, &props_name, &builder_name, props, &required, &slots);

    let doc =
        format!("Props of the [`{name}`] component; build them with `{props_name}::builder()`.");
    let view_fn = if props.is_empty() {
        quote! {
            #(#fn_attrs)*
            #[allow(non_snake_case, clippy::new_without_default)]
            #vis fn #name() -> ::resuma::View {
                ::resuma::View::new(|#html: &mut ::resuma::Html| {
                    ::resuma::Component::render(#props_name {}, #html)
                })
            }
        }
    } else {
        quote! {
            #(#fn_attrs)*
            #[allow(non_snake_case)]
            #vis fn #name(props: #props_name) -> ::resuma::View {
                ::resuma::View::new(move |#html: &mut ::resuma::Html| {
                    ::resuma::Component::render(props, #html)
                })
            }
        }
    };
    quote! {
        #[doc = #doc]
        #vis struct #props_name { #(#field_defs,)* }

        #builder

        impl ::resuma::Component for #props_name {
            const NAME: &'static str = #name_str;
            #[allow(unused_mut, clippy::let_unit_value)]
            fn render(self, #html: &mut ::resuma::Html) {
                let #props_name { #(#bindings,)* } = self;
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

fn builder_tokens(
    vis: &syn::Visibility,
    component: &Ident,
    props_name: &Ident,
    builder_name: &Ident,
    props: &[Prop],
    required: &[&Prop],
    slots: &[Ident],
) -> TokenStream {
    let missing = quote!(::resuma::__private::Missing);
    let initial_slots = slots.iter().map(|_| &missing);
    let required_fields: Vec<&Ident> = required.iter().map(|it| &it.ident).collect();
    let optional: Vec<&Prop> =
        props.iter().filter(|it| !matches!(it.kind, PropKind::Required)).collect();
    let optional_fields: Vec<&Ident> = optional.iter().map(|it| &it.ident).collect();
    let optional_types: Vec<&Type> = optional.iter().map(|it| &it.ty).collect();

    let required_setters = required.iter().enumerate().map(|(i, prop)| {
        let field = &prop.ident;
        let ty = &prop.ty;
        let out_slots = slots.iter().enumerate().map(|(j, slot)| {
            if i == j {
                quote!(::resuma::__private::Set<#ty>)
            } else {
                quote!(#slot)
            }
        });
        let moves = required_fields.iter().enumerate().map(|(j, other)| {
            if i == j {
                quote!(#other: ::resuma::__private::Set(value))
            } else {
                quote!(#other: self.#other)
            }
        });
        let (param, convert) = setter_param(prop, ty);
        let doc = format!("Sets the required `{field}` prop.");
        quote! {
            #[doc = #doc]
            #[allow(non_snake_case)]
            #vis fn #field(self, value: #param) -> #builder_name<#(#out_slots),*> {
                let value = #convert;
                #builder_name { #(#moves,)* #(#optional_fields: self.#optional_fields,)* }
            }
        }
    });
    let optional_setters = optional.iter().map(|prop| {
        let field = &prop.ident;
        let inner = prop.option_inner.as_ref().unwrap_or(&prop.ty);
        let (param, convert) = setter_param(prop, inner);
        let store = if prop.option_inner.is_some() {
            quote!(::core::option::Option::Some(value))
        } else {
            quote!(value)
        };
        let doc = format!("Sets the optional `{field}` prop.");
        quote! {
            #[doc = #doc]
            #[allow(non_snake_case)]
            #vis fn #field(mut self, value: #param) -> Self {
                let value = #convert;
                self.#field = ::core::option::Option::Some(#store);
                self
            }
        }
    });
    let traits: Vec<Ident> =
        required.iter().map(|it| format_ident!("{}Requires_{}", props_name, it.ident)).collect();
    let required_traits = required.iter().zip(&traits).map(|(prop, trait_name)| {
        let message = format!("missing required prop `{}` on <{}>", prop.ident, component);
        let label = format!("<{}> needs `{}=…`", component, prop.ident);
        let note = format!("set it in view! as <{} {}={{…}}>, or give the parameter #[prop(optional)] or #[prop(default = …)]", component, prop.ident);
        quote! {
            #[doc(hidden)]
            #[allow(non_camel_case_types)]
            #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
            #vis trait #trait_name<T> { #[doc(hidden)] fn __take(self) -> T; }
            impl<T> #trait_name<T> for ::resuma::__private::Set<T> { fn __take(self) -> T { self.0 } }
        }
    });
    let required_types: Vec<&Type> = required.iter().map(|it| &it.ty).collect();
    let finish_optional = optional.iter().map(|prop| {
        let field = &prop.ident;
        match &prop.kind {
            PropKind::Default(expr) => quote!(#field: self.#field.unwrap_or_else(|| #expr)),
            _ => quote!(#field: self.#field.unwrap_or_default()),
        }
    });
    let builder_doc =
        format!("Builds [`{props_name}`]; `build()` exists once every required prop is set.");
    quote! {
        impl #props_name {
            /// Starts building the props; every required prop must be set before `build()`.
            #vis fn builder() -> #builder_name<#(#initial_slots),*> {
                #builder_name {
                    #(#required_fields: ::resuma::__private::Missing,)*
                    #(#optional_fields: ::core::option::Option::None,)*
                }
            }
        }

        #[doc = #builder_doc]
        #[must_use]
        #vis struct #builder_name<#(#slots),*> {
            #(#required_fields: #slots,)*
            #(#optional_fields: ::core::option::Option<#optional_types>,)*
        }

        #(#required_traits)*

        impl<#(#slots),*> #builder_name<#(#slots),*> {
            #(#required_setters)*
            #(#optional_setters)*

            /// The props, once every required prop is set.
            #vis fn build(self) -> #props_name
            where #(#slots: #traits<#required_types>,)*
            {
                #props_name {
                    #(#required_fields: self.#required_fields.__take(),)*
                    #(#finish_optional,)*
                }
            }
        }
    }
}

/// The setter's parameter type and the expression turning `value` into `target`.
fn setter_param(prop: &Prop, target: &Type) -> (TokenStream, TokenStream) {
    if prop.into {
        (quote!(impl ::core::convert::Into<#target>), quote!(::core::convert::Into::into(value)))
    } else {
        (
            quote!(impl ::resuma::__private::Prop<#target>),
            quote!(::resuma::__private::Prop::into_prop(value)),
        )
    }
}
