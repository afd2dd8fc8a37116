//! `pages!()`: the page table `resuma_build::pages()` wrote, included where it is called.
//!
//! Invariant: expands to one `include!` of `$OUT_DIR/resuma_pages.rs`, so the page files
//! stay plain `#[path]` modules rust-analyzer follows; when cargo set `OUT_DIR` and the
//! file is not there, a compile error says what build script to add.

use proc_macro2::{Span, TokenStream};
use quote::quote;

/// The file name `resuma_build::OUTPUT_FILE` writes (this crate cannot depend on it).
const OUTPUT_FILE: &str = "resuma_pages.rs";

/// Expands `pages!(input)`.
pub(crate) fn expand(input: TokenStream) -> TokenStream {
    if !input.is_empty() {
        return syn::Error::new_spanned(input, "`pages!()` takes no arguments").to_compile_error();
    }
    let help = "resuma::pages!() includes the page table of src/pages/: add a build.rs with \
                `fn main() { resuma_build::pages(); }` and `resuma-build` to [build-dependencies]";
    match std::env::var_os("OUT_DIR") {
        // Without a build script cargo sets no OUT_DIR.
        None => syn::Error::new(Span::call_site(), help).to_compile_error(),
        Some(dir) if !std::path::Path::new(&dir).join(OUTPUT_FILE).is_file() => syn::Error::new(
            Span::call_site(),
            format!("{OUTPUT_FILE} is missing from OUT_DIR: {help}"),
        )
        .to_compile_error(),
        Some(_) => {
            quote! { ::core::include!(::core::concat!(::core::env!("OUT_DIR"), "/", #OUTPUT_FILE)); }
        }
    }
}
