//! rs2js never panics, on random token trees and on random closures built from a small
//! Rust grammar (mostly ill-typed, as fuzz input should be); it either translates or
//! reports at least one diagnostic; and what it translates is valid JavaScript syntax
//! (checked with `node --check`). Raise `PROPTEST_CASES` for a longer run.

use std::collections::BTreeSet;
use std::process::Command;
use std::str::FromStr;

use proc_macro2::{Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use proptest::prelude::*;

mod common;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRng, TestRunner};
use resuma_analysis::rs2js::{helpers_source, translate_closure, Env, Ty};

/// The scope random closures see: signals, a plain value and an unserialisable one.
fn env() -> Env {
    let mut env = Env::new();
    env.insert("count", Ty::Signal(Box::new(Ty::I32)));
    env.insert("name", Ty::Signal(Box::new(Ty::String)));
    env.insert("items", Ty::Signal(Box::new(Ty::Vec(Box::new(Ty::String)))));
    env.insert("step", Ty::U8);
    env.insert_unserialisable("callback", "a closure");
    env
}

const WORDS: &[&str] = &[
    "move", "let", "mut", "if", "else", "match", "loop", "while", "for", "in", "break", "continue",
    "return", "as", "Some", "None", "Ok", "Err", "x", "e", "count", "name", "items", "step",
    "callback", "set", "get", "update", "with", "len", "push", "map", "unwrap", "i32", "u8",
    "String", "Vec", "format", "vec", "unsafe", "async", "self", "MAX", "r#type", "é",
];

const PUNCTS: &[char] =
    &['|', '+', '-', '*', '/', '%', '=', '<', '>', '!', '&', '.', ',', ';', ':', '?', '#', '\''];

fn token_tree(depth: u32) -> impl Strategy<Value = TokenTree> {
    let leaf = prop_oneof![
        (prop::sample::select(PUNCTS), any::<bool>()).prop_map(|(ch, joint)| {
            TokenTree::Punct(Punct::new(ch, if joint { Spacing::Joint } else { Spacing::Alone }))
        }),
        prop::sample::select(WORDS).prop_map(|w| {
            TokenTree::Ident(match w.strip_prefix("r#") {
                Some(raw) => Ident::new_raw(raw, Span::call_site()),
                None => Ident::new(w, Span::call_site()),
            })
        }),
        ".{0,6}".prop_map(|s: String| TokenTree::Literal(Literal::string(&s))),
        any::<i64>().prop_map(|n| TokenTree::Literal(Literal::i64_unsuffixed(n))),
        any::<u8>().prop_map(|n| TokenTree::Literal(Literal::u8_suffixed(n))),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| TokenTree::Literal(Literal::f64_unsuffixed(f))),
        any::<char>().prop_map(|c| TokenTree::Literal(Literal::character(c))),
    ];
    common::token_trees(leaf, depth)
}

/// Random Rust expressions: well-formed syntax, random types.
fn expr(depth: u32) -> BoxedStrategy<String> {
    let leaf = prop::sample::select(vec![
        "0",
        "1",
        "-3",
        "255u8",
        "1.5",
        "\"é😀\"",
        "'x'",
        "true",
        "x",
        "s",
        "v",
        "o",
        "r",
        "count",
        "name",
        "items",
        "step",
        "e.value",
        "e.key",
        "i32::MAX",
        "None",
        "String::new()",
        "Vec::new()",
        "callback",
        "unknown",
        "MAX",
    ])
    .prop_map(str::to_owned);
    leaf.prop_recursive(depth, 48, 3, |inner| {
        let binop = prop::sample::select(vec![
            "+", "-", "*", "/", "%", "==", "!=", "<", ">=", "&&", "||", "&", "|", "^", "<<", ">>",
        ]);
        let method = prop::sample::select(vec![
            "len()",
            "pop()",
            "trim()",
            "chars().count()",
            "iter().sum::<i32>()",
            "to_string()",
            "clone()",
            "is_some()",
            "abs()",
            "unwrap()",
            "unwrap_or(0)",
            "get()",
            "set(1)",
            "update(|c| *c += 1)",
            "with(|v| v.len())",
            "parse::<i32>()",
            "map(|y| y + 1)",
            "checked_add(2)",
            "pow(2)",
            "push(1)",
            "frobnicate()",
            "iter().map(|y| y * 2).collect::<Vec<_>>()",
            "to_uppercase()",
            "is_empty()",
            "ok()",
            "rev()",
            "min(3)",
            "prevent_default()",
        ]);
        let ty =
            prop::sample::select(vec!["i32", "u8", "i64", "f64", "usize", "char", "String", "f32"]);
        prop_oneof![
            (inner.clone(), binop, inner.clone()).prop_map(|(a, op, b)| format!("({a} {op} {b})")),
            (prop::sample::select(vec!["-", "!", "*", "&"]), inner.clone())
                .prop_map(|(op, a)| format!("{op}{a}")),
            (inner.clone(), method).prop_map(|(a, m)| format!("{a}.{m}")),
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(c, a, b)| format!("if {c} {{ {a} }} else {{ {b} }}")),
            (inner.clone(), inner.clone(), inner.clone()).prop_map(|(s, a, b)| format!(
                "match {s} {{ 0 | 1 => {a}, Some(y) if y > 2 => y, _ => {b} }}"
            )),
            (inner.clone(), inner.clone())
                .prop_map(|(a, b)| format!("{{ let mut y = {a}; y += 1; {b} }}")),
            (inner.clone(), inner.clone())
                .prop_map(|(a, b)| format!("format!(\"{{}} {{:?}} {{:.2}}\", {a}, {b}, 1.5)")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}, {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("vec![{a}, {b}]")),
            inner.clone().prop_map(|a| format!("Some({a})")),
            inner.clone().prop_map(|a| format!("{a}?")),
            (inner.clone(), ty).prop_map(|(a, t)| format!("({a} as {t})")),
            inner.clone().prop_map(|a| format!("loop {{ break {a}; }}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!(
                "{{ for y in 0..{a} {{ if y > 3 {{ continue; }} {b}; }} 0 }}"
            )),
            inner.clone().prop_map(|a| format!("(|y: i32| {a})(2)")),
            inner.clone().prop_map(|a| format!("{{ while let Some(y) = v.pop() {{ {a}; }} 1 }}")),
            inner
                .prop_map(|a| format!("count.update(|c| {{ if *c > 9 {{ return; }} *c = {a}; }})")),
        ]
    })
    .boxed()
}

/// A closure around a random body, with typed parameters.
fn closure() -> impl Strategy<Value = String> {
    let head = prop::sample::select(vec![
        "move |e|",
        "|x: i32, s: String, v: Vec<i32>, o: Option<i32>, r: Result<i32, String>|",
        "|x: u8, s: &str, v: Vec<String>, o: Option<u64>, r: Result<f64, String>| -> Option<i32>",
        "move |_|",
    ]);
    (head, expr(4)).prop_map(|(head, body)| format!("{head} {body}"))
}

#[track_caller]
fn translate_checked(tokens: TokenStream) -> Option<String> {
    let (closure, diagnostics) = translate_closure(tokens, &env());
    assert_eq!(
        closure.is_some(),
        diagnostics.is_empty(),
        "a translation or a diagnostic, not both"
    );
    for diagnostic in &diagnostics {
        assert!(diagnostic.code.as_str().starts_with("R0"));
        assert!(diagnostic.help.is_some(), "{} has a way out", diagnostic.code);
    }
    closure.map(|it| it.js)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_token_trees(trees in prop::collection::vec(token_tree(3), 0..48)) {
        translate_checked(trees.into_iter().collect());
    }

    #[test]
    fn never_panics_on_closures_of_random_tokens(trees in prop::collection::vec(token_tree(2), 0..24)) {
        let body: TokenStream = trees.into_iter().collect();
        let tokens = TokenStream::from_str("move |e|").map(|mut head| { head.extend(body); head });
        if let Ok(tokens) = tokens {
            translate_checked(tokens);
        }
    }

    #[test]
    fn never_panics_on_random_closures(src in closure()) {
        if let Ok(tokens) = TokenStream::from_str(&src) {
            translate_checked(tokens);
        }
    }

    #[test]
    fn never_panics_on_arbitrary_text(text in "\\PC{0,120}") {
        if let Ok(tokens) = TokenStream::from_str(&text) {
            translate_checked(tokens);
        }
    }
}

#[test]
fn deep_input_is_refused_not_overflowed() {
    for src in [
        format!("|x: i32| {}x{}", "(".repeat(5000), ")".repeat(5000)),
        format!("|x: i32| {}x", "!".repeat(5000)),
        format!("|x: i32| {}x", "|y| ".repeat(3000)),
        format!("|x: i32| x{}", " = x".repeat(3000)),
        format!("|x: i32| {}x{}", "{".repeat(5000), "}".repeat(5000)),
        format!("|x: i32| {}", "-".repeat(5000) + "x"),
    ] {
        let tokens = TokenStream::from_str(&src).expect("lexes");
        assert!(translate_checked(tokens).is_none());
    }
}

/// Every translation of a random closure parses as JavaScript: one module with all of
/// them (and every helper), checked by `node --check`.
#[test]
fn translations_are_valid_javascript() {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(Config::default().rng_algorithm),
    );
    let strategy = closure();
    let mut module = String::new();
    let mut helpers = BTreeSet::new();
    let mut n_translated = 0;
    for idx in 0..1500 {
        let Ok(tree) = strategy.new_tree(&mut runner) else { continue };
        let src = tree.current();
        let Ok(tokens) = TokenStream::from_str(&src) else { continue };
        let (closure, _) = translate_closure(tokens, &env());
        if let Some(closure) = closure {
            helpers.extend(closure.helpers.iter().copied());
            module.push_str(&format!(
                "// {}\nexport const h{idx} = {};\n",
                src.replace('\n', " "),
                closure.js
            ));
            n_translated += 1;
        }
    }
    assert!(n_translated > 50, "only {n_translated} random closures translated");
    let all_helpers = helpers_source(&helpers);
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("rs2js_syntax.mjs");
    std::fs::write(&path, format!("{all_helpers}{module}")).expect("writes the module");
    let output = match Command::new("node").arg("--check").arg(&path).output() {
        Ok(output) => output,
        Err(err) => panic!("this test needs Node.js (`node` on PATH; CI has it): {err}"),
    };
    assert!(
        output.status.success(),
        "generated JavaScript does not parse ({}):\n{}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}
