//! [`Helper`]: one JavaScript helper of the chunks, as the helper tables (`helpers.rs`,
//! `helpers_more.rs`, `unicode.rs`) list them. A leaf, so the tables import only it.

/// One helper: its name, the helpers its body calls, and its body (empty for a Unicode
/// table, which `unicode.rs` computes when first needed).
pub(super) struct Helper {
    pub(super) name: &'static str,
    pub(super) deps: &'static [&'static str],
    pub(super) src: &'static str,
}
