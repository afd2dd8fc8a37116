//! surfaces: check lsp — the compiler reports the argument count itself; check and the server name the route's parameters
//! pages: index.rs blog/[slug].rs
pub fn links() -> String {
    crate::pages::blog::slug::path("2024", "hello")
                                //^^^^^^^^^^^^^^^^^ R076
}
