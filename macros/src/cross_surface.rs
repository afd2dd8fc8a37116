//! The cross-surface test, compiler side: every code's fixture in `tests/diagnostics/`
//! (see `fixtures.rs` there) expanded as the compiler would, and the `compile_error!`s
//! of the output compared with the fixture's marks.
//!
//! The expansion runs outside the compiler (proc-macro2's fallback, with span
//! locations): each `#[component]`/`#[server]`/`#[load]`/`#[middleware]`/`#[submit]` item goes through the same `expand` its
//! entry point calls, on the item without its attribute, and the `view!`, `js!`,
//! `computed!`, `effect!` and `debounce!` invocations left in the output (or in other
//! items) are expanded in turn, as the compiler expands macros in macro output.

#[path = "../../tests/diagnostics/fixtures.rs"]
mod fixtures;

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::ToTokens;
use resuma_analysis::reactive::ReactiveKind;
use resuma_analysis::rs2js::Structs;
use resuma_analysis::signature::{attribute_args, is_attribute};

use fixtures::{Found, Surface};

#[test]
fn every_code_is_reported_by_the_macros_where_the_fixture_marks_it() {
    let mut mismatches = Vec::new();
    let mut n_checked = 0;
    for fixture in fixtures::all() {
        if !fixture.on(Surface::Macro) {
            continue;
        }
        n_checked += 1;
        let found = compile_errors(&expand_file(&fixture.text));
        mismatches.extend(fixtures::mismatch(Surface::Macro, &fixture, found));
    }
    assert!(n_checked > 40, "only {n_checked} fixtures ran");
    fixtures::assert_no_mismatch(mismatches);
}

/// The whole file as the compiler expands it.
fn expand_file(text: &str) -> TokenStream {
    let file = syn::parse_file(text).expect("a fixture on the macro surface parses");
    let structs = Structs::from_items(&file.items);
    file.items.iter().map(|item| expand_item(item, &structs)).collect()
}

fn expand_item(item: &syn::Item, structs: &Structs) -> TokenStream {
    match item {
        syn::Item::Mod(module) if module.content.is_some() => {
            let items = module.content.iter().flat_map(|(_, items)| items.iter());
            items.map(|item| expand_item(item, structs)).collect()
        }
        syn::Item::Impl(block) => block
            .items
            .iter()
            .map(|member| match member {
                syn::ImplItem::Fn(method) => {
                    let mut method = method.clone();
                    match attribute_position(&method.attrs) {
                        Some(at) => {
                            let attr = method.attrs.remove(at);
                            run_attribute(&attr, method.to_token_stream(), structs)
                        }
                        None => expand_bangs(method.to_token_stream(), 0),
                    }
                }
                other => expand_bangs(other.to_token_stream(), 0),
            })
            .collect(),
        other => {
            let mut other = other.clone();
            let attr = resuma_analysis::signature::item_attrs_mut(&mut other).and_then(|attrs| {
                let at = attribute_position(attrs)?;
                Some(attrs.remove(at))
            });
            match attr {
                Some(attr) => run_attribute(&attr, other.to_token_stream(), structs),
                None => expand_bangs(other.to_token_stream(), 0),
            }
        }
    }
}

fn attribute_position(attrs: &[syn::Attribute]) -> Option<usize> {
    const ATTRIBUTES: [&str; 7] =
        ["component", "layout", "island", "server", "load", "middleware", "submit"];
    attrs.iter().position(|it| ATTRIBUTES.iter().any(|name| is_attribute(it, name)))
}

fn run_attribute(attr: &syn::Attribute, item: TokenStream, structs: &Structs) -> TokenStream {
    let args = attribute_args(attr);
    let out = if is_attribute(attr, "server") {
        crate::server::expand(args, item)
    } else if is_attribute(attr, "load") {
        crate::flow::expand_load(args, item)
    } else if is_attribute(attr, "middleware") {
        crate::flow::expand_middleware(args, item)
    } else if is_attribute(attr, "submit") {
        crate::flow::expand_submit(args, item)
    } else if is_attribute(attr, "island") {
        crate::component::expand_kind(crate::component::Kind::Island, args, item, structs.clone())
    } else {
        crate::component::expand(args, item, structs.clone())
    };
    expand_bangs(out, 0)
}

/// `tokens` with every invocation of a Resuma function-like macro expanded.
fn expand_bangs(tokens: TokenStream, depth: usize) -> TokenStream {
    assert!(depth < 8, "macro output keeps invoking macros");
    let mut out: Vec<TokenTree> = Vec::new();
    let mut trees = tokens.into_iter().peekable();
    while let Some(tree) = trees.next() {
        match tree {
            TokenTree::Ident(ident) if is_resuma_macro(&ident.to_string()) => {
                let bang = matches!(trees.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!');
                if !bang {
                    out.push(TokenTree::Ident(ident));
                    continue;
                }
                let bang = trees.next();
                match trees.next() {
                    Some(TokenTree::Group(group)) if group.delimiter() != Delimiter::None => {
                        let input = group.stream();
                        let name = ident.to_string();
                        let expanded = match name.as_str() {
                            "view" => crate::view::expand(input),
                            "js" => crate::js_outside_handler(input),
                            _ => crate::reactive_outside_component(&name, input),
                        };
                        out.extend(expand_bangs(expanded, depth + 1));
                    }
                    other => {
                        out.push(TokenTree::Ident(ident));
                        out.extend(bang);
                        out.extend(other);
                    }
                }
            }
            TokenTree::Group(group) => {
                let mut inner =
                    proc_macro2::Group::new(group.delimiter(), expand_bangs(group.stream(), depth));
                inner.set_span(group.span());
                out.push(TokenTree::Group(inner));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

fn is_resuma_macro(name: &str) -> bool {
    matches!(name, "view" | "js") || ReactiveKind::from_name(name).is_some()
}

/// Code and byte range of each `compile_error!` in `tokens`, at any depth.
fn compile_errors(tokens: &TokenStream) -> Vec<Found> {
    let mut out = Vec::new();
    let mut stack: Vec<Vec<TokenTree>> = vec![tokens.clone().into_iter().collect()];
    while let Some(trees) = stack.pop() {
        for (at, tree) in trees.iter().enumerate() {
            match tree {
                TokenTree::Group(group) => stack.push(group.stream().into_iter().collect()),
                TokenTree::Ident(ident) if ident == "compile_error" => {
                    let Some(TokenTree::Group(group)) = trees.get(at + 2) else { continue };
                    let message = group
                        .stream()
                        .into_iter()
                        .find_map(|it| match it {
                            TokenTree::Literal(lit) => {
                                syn::parse_str::<syn::LitStr>(&lit.to_string()).ok()
                            }
                            _ => None,
                        })
                        .map(|it| it.value())
                        .unwrap_or_default();
                    let code = match message.split_once(':') {
                        Some((code, _)) if code.len() == 4 && code.starts_with('R') => {
                            code.to_owned()
                        }
                        _ => format!("(no code: {message})"),
                    };
                    out.push(Found {
                        code,
                        start: ident.span().byte_range().start as u32,
                        end: group.span().byte_range().end as u32,
                    });
                }
                _ => {}
            }
        }
    }
    out
}
