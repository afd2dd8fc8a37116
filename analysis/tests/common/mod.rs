//! Strategies shared by the never-panic property tests.

use proc_macro2::{Delimiter, Group, TokenTree};
use proptest::prelude::*;

/// Token trees of at most `depth` nested groups (any delimiter) built from `leaf`.
pub(crate) fn token_trees(
    leaf: impl Strategy<Value = TokenTree> + 'static,
    depth: u32,
) -> impl Strategy<Value = TokenTree> {
    leaf.prop_recursive(depth, 64, 8, |inner| {
        (
            prop::sample::select(vec![
                Delimiter::Brace,
                Delimiter::Parenthesis,
                Delimiter::Bracket,
                Delimiter::None,
            ]),
            prop::collection::vec(inner, 0..8),
        )
            .prop_map(|(delimiter, trees)| {
                TokenTree::Group(Group::new(delimiter, trees.into_iter().collect()))
            })
    })
}
