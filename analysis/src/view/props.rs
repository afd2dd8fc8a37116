//! The props of child components, `<For>` and `<Show>`: a component's are Rust
//! identifiers (R046); a block's have their own names and forms (R043).

use super::ast::{AttrValue, Attribute, Block, Name};
use crate::diagnostics::{self as diag, Diagnostic, InvalidBlockProps};
use crate::span::TokenSpan;

/// The props of a component, `<For>` or `<Show>`: each a Rust identifier, and the
/// blocks' own props in their forms.
pub(super) fn check_props(
    name: &Name,
    props: &[Attribute],
    open_span: TokenSpan,
) -> Vec<Diagnostic<TokenSpan>> {
    let mut diagnostics = Vec::new();
    match name.text.as_str() {
        "For" => {
            for prop in props {
                let known = match (prop.name.text.as_str(), &prop.value) {
                    ("each" | "key", AttrValue::Expr(_)) => true,
                    (other, AttrValue::Flag) => {
                        other.strip_prefix("let:").is_some_and(is_rust_ident)
                    }
                    _ => false,
                };
                if !known {
                    diagnostics
                        .push(diag::invalid_block_props(prop.span(), InvalidBlockProps::ForProp));
                }
            }
            let has = |key: &str| props.iter().any(|it| it.name.text == key);
            let has_item = props.iter().any(|it| it.name.text.starts_with("let:"));
            if !has("each") || !has_item {
                diagnostics
                    .push(diag::invalid_block_props(open_span, InvalidBlockProps::IncompleteFor));
            }
        }
        "Show" => {
            for prop in props {
                if !(prop.name.text == "when" && matches!(prop.value, AttrValue::Expr(_))) {
                    diagnostics
                        .push(diag::invalid_block_props(prop.span(), InvalidBlockProps::ShowProp));
                }
            }
            if !props.iter().any(|it| it.name.text == "when") {
                diagnostics.push(diag::invalid_block_props(open_span, InvalidBlockProps::ShowProp));
            }
        }
        _ => {
            for prop in props {
                if !is_rust_ident(&prop.name.text) {
                    diagnostics.push(diag::invalid_prop_name(
                        prop.name.span,
                        &prop.name.text,
                        &name.text,
                    ));
                }
            }
        }
    }
    diagnostics
}

/// Whether `name` can be a Rust identifier (a keyword is one, written raw).
pub fn is_rust_ident(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && name.chars().all(|c| c == '_' || c.is_alphanumeric())
        && !matches!(name, "_" | "self" | "Self" | "super" | "crate")
}

/// The block of the prop `key`, when it is written `key={…}`.
pub(super) fn prop_block(props: &[Attribute], key: &str) -> Option<Block> {
    props.iter().find(|it| it.name.text == key).and_then(|it| match &it.value {
        AttrValue::Expr(block) => Some(block.clone()),
        _ => None,
    })
}
