//! Procedural macros of Resuma: `view!` and `#[component]`.
//!
//! Each entry point is one call. Parsing and diagnostics live in `resuma-analysis`, so
//! the compiler, `resuma check` and the language server report the same things; this
//! crate only turns the parsed tree into Rust and diagnostics into compile errors.
//! Use them through the `resuma` crate, which re-exports them.

use proc_macro::TokenStream;

mod component;
mod emit;
mod props;
mod view;

/// Markup with Rust values, rendered on the server into a `resuma::View`.
///
/// See the `resuma` crate for the full guide; in short: elements and components are
/// written as in HTML/JSX, text is a string literal, values go in braces.
#[proc_macro]
pub fn view(input: TokenStream) -> TokenStream {
    view::expand(input.into()).into()
}

/// Makes a function a component: a props struct with a builder, and a direct render
/// call when the component is used in `view!`.
#[proc_macro_attribute]
pub fn component(args: TokenStream, item: TokenStream) -> TokenStream {
    component::expand(args.into(), item.into()).into()
}
