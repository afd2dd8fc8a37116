//! `pages!()`: the page table `resuma_build::pages()` wrote, included where it is called.
//!
//! Invariant: expands to one `include!` of `$OUT_DIR/resuma_pages.rs`, so the page files
//! stay plain `#[path]` modules rust-analyzer follows; when cargo set `OUT_DIR` and the
//! file is not there, a compile error says what build script to add. When the file names
//! another checkout's page files (a target directory shared by two checkouts), the table
//! is generated here instead, by the same `resuma_build::generate` from this crate's
//! `src/pages/`, so the routes are always this crate's files.

use std::path::{Path, PathBuf};

use proc_macro2::{Span, TokenStream};
use quote::quote;
use resuma_build::OUTPUT_FILE;

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
        Some(dir) if !Path::new(&dir).join(OUTPUT_FILE).is_file() => syn::Error::new(
            Span::call_site(),
            format!("{OUTPUT_FILE} is missing from OUT_DIR: {help}"),
        )
        .to_compile_error(),
        Some(dir) => match stale(&Path::new(&dir).join(OUTPUT_FILE)) {
            Some(pages) => from_folder(&pages),
            None => quote! {
                ::core::include!(::core::concat!(::core::env!("OUT_DIR"), "/", #OUTPUT_FILE));
            },
        },
    }
}

/// This crate's `src/pages/` if the table at `file` is not its own: its page files are
/// under another checkout's `src/pages/`. Cargo reruns the build script when `src/pages/`
/// changes, not when the same target directory serves a checkout somewhere else whose
/// files are older than the other's last build; the table would name the other's files.
fn stale(file: &Path) -> Option<PathBuf> {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")?;
    let pages = Path::new(&manifest).join("src").join("pages");
    is_stale(&std::fs::read_to_string(file).ok()?, &pages).then_some(pages)
}

/// [`stale`] for the text of a table and this crate's `src/pages`.
fn is_stale(table: &str, pages: &Path) -> bool {
    // The first page file the table names, as `#[path = "…"]` (a Rust string literal).
    let Some(named) = table.split("#[path = ").nth(1).and_then(|it| it.split(']').next()) else {
        return false;
    };
    let Ok(named) = syn::parse_str::<syn::LitStr>(named) else { return false };
    // Canonical, as `generate` writes them (a checkout reached through a symlink).
    let pages = pages.canonicalize().unwrap_or_else(|_| pages.to_owned());
    !Path::new(&named.value()).starts_with(pages)
}

/// The page table of `pages`, as the build script would have written it, or its problems
/// as compile errors (the build script's own messages).
fn from_folder(pages: &Path) -> TokenStream {
    match resuma_build::generate(pages) {
        Ok(code) => code.parse().unwrap_or_else(|err| {
            syn::Error::new(Span::call_site(), format!("the page table does not parse: {err}"))
                .to_compile_error()
        }),
        Err(messages) => messages
            .iter()
            .map(|message| syn::Error::new(Span::call_site(), message).to_compile_error())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{from_folder, is_stale};

    #[test]
    fn a_table_naming_another_checkouts_pages_is_stale() {
        let table = "// @generated\n#[allow(unreachable_pub)]\n#[path = \"/old/app/src/pages/index.rs\"]\npub mod index;\n";
        assert!(is_stale(table, Path::new("/new/app/src/pages")));
        assert!(!is_stale(table, Path::new("/old/app/src/pages")));
        // No page yet, or a table this check does not understand: not called stale.
        assert!(!is_stale("// @generated\npub fn all() {}", Path::new("/x/src/pages")));
    }

    #[test]
    fn a_stale_table_is_replaced_by_this_folders() {
        let root = std::env::temp_dir().join(format!("resuma-pages-macro-{}", std::process::id()));
        let pages = root.join("src/pages");
        std::fs::create_dir_all(pages.join("blog")).unwrap();
        std::fs::write(pages.join("index.rs"), "#[component] pub fn Home() -> View { todo!() }")
            .unwrap();
        std::fs::write(
            pages.join("blog/[slug].rs"),
            "#[component] pub fn Post(slug: String) -> View { todo!() }",
        )
        .unwrap();
        let code = from_folder(&pages).to_string();
        let canonical = pages.canonicalize().unwrap();
        assert!(
            code.contains(&format!("{:?}", canonical.join("index.rs").display().to_string())),
            "{code}"
        );
        assert!(code.contains("\"/blog/{slug}\""), "{code}");
        // The table it made is this folder's: not stale.
        assert!(!is_stale(&code.replace("# [path =", "#[path ="), &pages), "{code}");

        // The build script's problems, as compile errors.
        std::fs::write(pages.join("blog/[id].rs"), "").unwrap();
        let errors = from_folder(&pages).to_string();
        assert!(errors.contains("compile_error") && errors.contains("R070"), "{errors}");
        std::fs::remove_dir_all(&root).unwrap();
    }
}
