//! The parser and the file scanner never panic: random token trees and random source
//! text, a bounded number of cases (raise `PROPTEST_CASES` for a longer run).

use proc_macro2::{Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use proptest::prelude::*;

mod common;
use resuma_analysis::view::parse;
use resuma_analysis::{check, LineIndex};

const WORDS: &[&str] = &[
    "div", "p", "input", "br", "Card", "ui", "onClick", "on", "click", "class", "value", "data",
    "r#type", "x", "move", "é",
];
const FRAGMENTS: &[&str] = &[
    "<",
    ">",
    "/",
    "</",
    "/>",
    "=",
    "-",
    ":",
    "::",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "\"",
    "\"text\"",
    "'",
    "'a",
    "r#\"",
    "\"#",
    "//",
    "/*",
    "*/",
    "\\",
    "view!",
    "view",
    "!",
    "div",
    "Card",
    "onClick",
    "on:click",
    "class=",
    "{x}",
    "é",
    "😀",
    "\n",
    " ",
    "\r\n",
    "42",
    "b'x'",
    "fn f() {",
    "#[component]",
];

fn token_tree(depth: u32) -> impl Strategy<Value = TokenTree> {
    let leaf = prop_oneof![
        prop::sample::select(vec!['<', '>', '/', '=', '-', ':', '!', '#', '*', '&']).prop_flat_map(
            |ch| any::<bool>().prop_map(move |joint| {
                TokenTree::Punct(Punct::new(
                    ch,
                    if joint { Spacing::Joint } else { Spacing::Alone },
                ))
            })
        ),
        prop::sample::select(WORDS).prop_map(|w| {
            let ident = match w.strip_prefix("r#") {
                Some(raw) => Ident::new_raw(raw, Span::call_site()),
                None => Ident::new(w, Span::call_site()),
            };
            TokenTree::Ident(ident)
        }),
        ".{0,8}".prop_map(|s: String| TokenTree::Literal(Literal::string(&s))),
        any::<i64>().prop_map(|n| TokenTree::Literal(Literal::i64_unsuffixed(n))),
        any::<char>().prop_map(|c| TokenTree::Literal(Literal::character(c))),
    ];
    common::token_trees(leaf, depth)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn parser_never_panics_on_token_trees(trees in prop::collection::vec(token_tree(3), 0..64)) {
        let parsed = parse(trees.into_iter().collect::<TokenStream>());
        for diagnostic in parsed.diagnostics {
            prop_assert!(diagnostic.code.as_str().starts_with('R'));
        }
    }

    #[test]
    fn check_never_panics_on_source_text(parts in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..80)) {
        let text = format!("fn f() -> View {{ view! {{ {} }} }}", parts.concat());
        let index = LineIndex::new(&text);
        for diagnostic in check(&text) {
            // Every range lies inside the text, on char boundaries.
            let range = diagnostic.span;
            prop_assert!(range.end as usize <= text.len());
            prop_assert!(text.is_char_boundary(range.start as usize) && text.is_char_boundary(range.end as usize));
            prop_assert!(index.line_col(range.start).line < index.n_lines());
        }
    }

    #[test]
    fn check_never_panics_on_arbitrary_text(text in "\\PC{0,200}") {
        let _ = check(&text);
        let _ = check(&format!("view! {{ {text} }}"));
    }
}
