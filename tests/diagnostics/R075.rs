//! surfaces: check lsp — the compiler reports the missing module itself (an unresolved path); check and the server name the pages that exist
//! pages: index.rs blog/[slug].rs
pub fn links() -> String {
    crate::pages::blog::slgu::path("hello")
                //^^^^^^^^^^ R075
}
