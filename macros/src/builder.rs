//! The props builder `#[component]` generates: a typestate builder whose `build()` only
//! exists once every required prop is set, so a missing prop is a compile error that
//! names it (through `#[diagnostic::on_unimplemented]` on one marker trait per prop).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use syn::{GenericParam, Generics, Type};

use crate::props::{Prop, PropKind};

/// The component's generic parameters, as the props struct and its builder use them.
pub(crate) struct PropsGenerics {
    /// The parameters with their bounds: `T: Display`.
    pub(crate) params: Vec<TokenStream>,
    /// The parameters as arguments: `T`.
    pub(crate) args: Vec<TokenStream>,
    /// `where …`, if any.
    pub(crate) where_clause: TokenStream,
    /// A field type that uses every type parameter, so none is unused.
    pub(crate) marker: TokenStream,
    /// The type parameters' names.
    pub(crate) type_names: Vec<String>,
}

impl PropsGenerics {
    pub(crate) fn new(generics: &Generics) -> PropsGenerics {
        let params = generics.params.iter().map(|it| quote!(#it)).collect();
        let args = generics
            .params
            .iter()
            .map(|it| match it {
                GenericParam::Type(ty) => {
                    let ident = &ty.ident;
                    quote!(#ident)
                }
                GenericParam::Const(c) => {
                    let ident = &c.ident;
                    quote!(#ident)
                }
                GenericParam::Lifetime(lt) => {
                    let lifetime = &lt.lifetime;
                    quote!(#lifetime)
                }
            })
            .collect();
        let types: Vec<&Ident> = generics.type_params().map(|it| &it.ident).collect();
        let where_clause = generics.where_clause.as_ref().map(|it| quote!(#it)).unwrap_or_default();
        let marker = quote!(::core::marker::PhantomData<fn() -> (#(#types,)*)>);
        let type_names = types.iter().map(|it| it.to_string()).collect();
        PropsGenerics { params, args, where_clause, marker, type_names }
    }

    /// Whether `ty` mentions a type parameter: its setter then takes the type exactly,
    /// since a conversion would leave the parameter ambiguous.
    fn is_generic(&self, ty: &Type) -> bool {
        fn mentions(tokens: TokenStream, names: &[String]) -> bool {
            tokens.into_iter().any(|tree| match tree {
                proc_macro2::TokenTree::Ident(ident) => names.iter().any(|it| ident == it),
                proc_macro2::TokenTree::Group(group) => mentions(group.stream(), names),
                _ => false,
            })
        }
        mentions(quote!(#ty), &self.type_names)
    }
}

pub(crate) fn builder_tokens(
    vis: &syn::Visibility,
    component: &Ident,
    props_name: &Ident,
    builder_name: &Ident,
    props: &[Prop],
    generics: &PropsGenerics,
) -> TokenStream {
    let required: Vec<&Prop> =
        props.iter().filter(|it| matches!(it.kind, PropKind::Required)).collect();
    let slots: Vec<Ident> = (0..required.len()).map(|i| format_ident!("__P{}", i)).collect();
    let PropsGenerics { params, args, where_clause, marker, .. } = generics;
    let missing = quote!(::resuma::__private::Missing);
    let initial_slots = slots.iter().map(|_| &missing);
    let required_fields: Vec<&Ident> = required.iter().map(|it| &it.ident).collect();
    let required = &required[..];
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
        let (param, convert) = setter_param(prop, ty, generics.is_generic(ty));
        let doc = format!("Sets the required `{field}` prop.");
        quote! {
            #[doc = #doc]
            #[allow(non_snake_case)]
            #vis fn #field(self, value: #param) -> #builder_name<#(#args,)* #(#out_slots),*> {
                let value = #convert;
                #builder_name {
                    #(#moves,)*
                    #(#optional_fields: self.#optional_fields,)*
                    __resuma_marker: ::core::marker::PhantomData,
                }
            }
        }
    });
    let optional_setters = optional.iter().map(|prop| {
        let field = &prop.ident;
        let inner = prop.option_inner.as_ref().unwrap_or(&prop.ty);
        let (param, convert) = setter_param(prop, inner, generics.is_generic(inner));
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
        impl<#(#params),*> #props_name<#(#args),*> #where_clause {
            /// Starts building the props; every required prop must be set before `build()`.
            #vis fn builder() -> #builder_name<#(#args,)* #(#initial_slots),*> {
                #builder_name {
                    #(#required_fields: ::resuma::__private::Missing,)*
                    #(#optional_fields: ::core::option::Option::None,)*
                    __resuma_marker: ::core::marker::PhantomData,
                }
            }
        }

        #[doc = #builder_doc]
        #[must_use]
        #vis struct #builder_name<#(#params,)* #(#slots),*> #where_clause {
            #(#required_fields: #slots,)*
            #(#optional_fields: ::core::option::Option<#optional_types>,)*
            __resuma_marker: #marker,
        }

        #(#required_traits)*

        impl<#(#params,)* #(#slots),*> #builder_name<#(#args,)* #(#slots),*> #where_clause {
            #(#required_setters)*
            #(#optional_setters)*

            /// The props, once every required prop is set.
            #[allow(clippy::type_complexity)]
            #vis fn build(self) -> #props_name<#(#args),*>
            where #(#slots: #traits<#required_types>,)*
            {
                #props_name {
                    #(#required_fields: self.#required_fields.__take(),)*
                    #(#finish_optional,)*
                    __resuma_marker: ::core::marker::PhantomData,
                }
            }
        }
    }
}

/// The setter's parameter type and the expression turning `value` into `target`.
fn setter_param(prop: &Prop, target: &Type, generic: bool) -> (TokenStream, TokenStream) {
    if generic && !prop.into {
        (quote!(#target), quote!(value))
    } else if prop.into {
        (quote!(impl ::core::convert::Into<#target>), quote!(::core::convert::Into::into(value)))
    } else {
        (
            quote!(impl ::resuma::__private::Prop<#target>),
            quote!(::resuma::__private::Prop::into_prop(value)),
        )
    }
}
