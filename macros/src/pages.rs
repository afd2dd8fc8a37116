//! `pages!()`: the page table `resuma_build::pages()` wrote, included where it is called.
//!
//! Invariant: expands to one `include!` of `$OUT_DIR/resuma_pages.rs`, so the page files
//! stay plain `#[path]` modules rust-analyzer follows; when cargo set `OUT_DIR` and the
//! file is not there, a compile error says what build script to add, and when it names
//! another checkout's page files, how to have it written again.

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
        Some(dir) => match stale(&std::path::Path::new(&dir).join(OUTPUT_FILE)) {
            Some(message) => syn::Error::new(Span::call_site(), message).to_compile_error(),
            None => quote! {
                ::core::include!(::core::concat!(::core::env!("OUT_DIR"), "/", #OUTPUT_FILE));
            },
        },
    }
}

/// Why the table at `file` is not this crate's, if it is not: its page files are under
/// another checkout's `src/pages/`. Cargo reruns the build script when `src/pages/`
/// changes, not when the same target directory serves a checkout somewhere else whose
/// files are older than the other's last build; the table would name the other's files.
fn stale(file: &std::path::Path) -> Option<String> {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")?;
    let pages = std::path::Path::new(&manifest).join("src").join("pages");
    stale_table(&std::fs::read_to_string(file).ok()?, &pages)
}

/// [`stale`] for the text of a table and this crate's `src/pages`.
fn stale_table(table: &str, pages: &std::path::Path) -> Option<String> {
    // The first page file the table names, as `#[path = "…"]` (a Rust string literal).
    let named = table.split("#[path = ").nth(1)?.split(']').next()?;
    let named = syn::parse_str::<syn::LitStr>(named).ok()?.value();
    if std::path::Path::new(&named).starts_with(pages) {
        return None;
    }
    let theirs =
        named.rfind("src/pages").map_or(named.as_str(), |at| &named[..at + "src/pages".len()]);
    Some(format!(
        "{OUTPUT_FILE} was generated from {theirs}, not from this crate's {} (a target \
         directory shared with another checkout): `touch src/pages` to have the build \
         script write it again",
        pages.display()
    ))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::stale_table;

    #[test]
    fn a_table_naming_another_checkouts_pages_is_stale() {
        let table = "// @generated\n#[allow(unreachable_pub)]\n#[path = \"/old/app/src/pages/index.rs\"]\npub mod index;\n";
        let message = stale_table(table, Path::new("/new/app/src/pages")).expect("stale");
        assert!(
            message.contains("/old/app/src/pages") && message.contains("/new/app/src/pages"),
            "{message}"
        );
        assert!(message.contains("touch src/pages"), "{message}");
        assert_eq!(stale_table(table, Path::new("/old/app/src/pages")), None);
        // No page yet, or a table this check does not understand: not called stale.
        assert_eq!(stale_table("// @generated\npub fn all() {}", Path::new("/x/src/pages")), None);
    }
}
