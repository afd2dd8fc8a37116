//! `computed!`, `effect!` and `debounce!`: their arguments, and the check that the
//! dependency list names every signal the body reads.
//!
//! The macros and `check` share this, so the editor reports a missing dependency exactly
//! where and how the compiler does.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};

use crate::diagnostics::{missing_dependency, Diagnostic};
use crate::rs2js::{Closure, Env, Ty};
use crate::span::TokenSpan;

pub use crate::reactive_macro::{parse_reactive, ReactiveCall, ReactiveKind};

/// Whether a captured name can be written as a Rust identifier in the expansion (a word
/// that is not `_`, `self`, `Self`, `super` or `crate`; an ASCII keyword becomes a raw
/// identifier). The macro takes a capture's slot by that identifier.
pub fn is_capturable(name: &str) -> bool {
    let is_word = name.chars().next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && name.chars().all(|c| c == '_' || c.is_alphanumeric());
    if !is_word || matches!(name, "_" | "self" | "Self" | "super" | "crate") {
        return false;
    }
    syn::parse_str::<syn::Ident>(name).is_ok() || name.is_ascii()
}

/// R045 for each capture of a reactive body (the macro at `span`) that
/// [is not capturable](is_capturable).
pub fn uncapturable_captures(closure: &Closure, span: TokenSpan) -> Vec<Diagnostic<TokenSpan>> {
    closure
        .captures
        .iter()
        .filter(|it| !is_capturable(&it.name))
        .map(|it| crate::diagnostics::uncapturable_name(span, &it.name))
        .collect()
}

/// A diagnostic for each signal `closure` reads that `call` does not list.
pub fn missing_dependencies(
    call: &ReactiveCall,
    closure: &Closure,
    env: &Env,
) -> Vec<Diagnostic<TokenSpan>> {
    let listed: Vec<String> = call.deps.iter().map(|it| it.0.clone()).collect();
    closure
        .captures
        .iter()
        .filter(|it| matches!(env.get(&it.name), Some(Ty::Signal(_))))
        .filter(|it| !listed.contains(&it.name))
        .filter(|it| is_read(&call.closure, &it.name))
        .map(|it| {
            let span = find_ident(&call.closure, &it.name).unwrap_or_else(Span::call_site);
            missing_dependency(TokenSpan::single(span), &it.name, &listed)
        })
        .collect()
}

/// Whether `tokens` read the signal `name`: use it other than as `name.set(…)` or
/// `name.update(…)`, which only write it (an effect that counts into a signal need not
/// re-run when that signal changes).
fn is_read(tokens: &TokenStream, name: &str) -> bool {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let is_bar =
        |tree: Option<&TokenTree>| matches!(tree, Some(TokenTree::Punct(p)) if p.as_char() == '|');
    let mut idx = 0;
    while idx < trees.len() {
        match &trees[idx] {
            // A closure whose parameters rebind `name` (`n.update(|n| *n += 1)`): its body
            // speaks of the parameter, not of the signal.
            TokenTree::Punct(p) if p.as_char() == '|' => {
                let params_end = (idx + 1..trees.len()).find(|&at| is_bar(trees.get(at)));
                let Some(params_end) = params_end else { return false };
                let rebinds = trees[idx + 1..params_end]
                    .iter()
                    .any(|tree| matches!(tree, TokenTree::Ident(ident) if ident == name));
                idx = params_end + 1;
                if rebinds {
                    idx = closure_body_end(&trees, idx);
                }
                continue;
            }
            TokenTree::Ident(ident) if ident == name => {
                let method = match (trees.get(idx + 1), trees.get(idx + 2)) {
                    (Some(TokenTree::Punct(dot)), Some(TokenTree::Ident(method)))
                        if dot.as_char() == '.' =>
                    {
                        Some(method.to_string())
                    }
                    _ => None,
                };
                if !matches!(method.as_deref(), Some("set" | "update")) {
                    return true;
                }
            }
            TokenTree::Group(group) if is_read(&group.stream(), name) => return true,
            _ => {}
        }
        idx += 1;
    }
    false
}

/// Where the closure body starting at `start` ends: after a braced block, or at the next
/// `,` or `;` of this token level.
fn closure_body_end(trees: &[TokenTree], start: usize) -> usize {
    match trees.get(start) {
        Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Brace => start + 1,
        _ => (start..trees.len())
            .find(
                |&at| matches!(&trees[at], TokenTree::Punct(p) if matches!(p.as_char(), ',' | ';')),
            )
            .unwrap_or(trees.len()),
    }
}

/// Whether `tokens` name a signal of `env` (so an expression showing them must follow it
/// in the browser). Names inside a nested `view!` do not count: that view's own handlers
/// and bindings are its business, not this expression's.
pub fn reads_signal(tokens: &TokenStream, env: &Env) -> bool {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let mut idx = 0;
    while idx < trees.len() {
        match &trees[idx] {
            TokenTree::Ident(ident) if ident == "view" => {
                let is_macro = matches!(trees.get(idx + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!')
                    && matches!(trees.get(idx + 2), Some(TokenTree::Group(_)));
                if is_macro {
                    idx += 3;
                    continue;
                }
            }
            TokenTree::Ident(ident)
                if matches!(env.get(&ident.to_string()), Some(Ty::Signal(_))) =>
            {
                return true;
            }
            TokenTree::Group(group) if reads_signal(&group.stream(), env) => return true,
            _ => {}
        }
        idx += 1;
    }
    false
}

/// The span of the first identifier `name` in `tokens`, at any depth.
pub fn find_ident(tokens: &TokenStream, name: &str) -> Option<Span> {
    tokens.clone().into_iter().find_map(|tree| match tree {
        TokenTree::Ident(ident) if ident == name => Some(ident.span()),
        TokenTree::Group(group) => find_ident(&group.stream(), name),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rs2js::translate_closure;

    fn env() -> Env {
        let mut env = Env::new();
        env.insert("q", Ty::Signal(Box::new(Ty::String)));
        env.insert("n", Ty::Signal(Box::new(Ty::I32)));
        env.insert("limit", Ty::I32);
        env
    }

    fn missing(source: &str) -> Vec<String> {
        let call =
            parse_reactive(ReactiveKind::Computed, source.parse().unwrap(), Span::call_site())
                .unwrap();
        let (closure, diags) = translate_closure(call.closure.clone(), &env());
        assert!(diags.is_empty(), "{diags:?}");
        missing_dependencies(&call, &closure.unwrap(), &env())
            .into_iter()
            .map(|it| format!("{}: {} / {}", it.code, it.message, it.help.unwrap()))
            .collect()
    }

    #[test]
    fn a_signal_missing_from_the_list_is_reported_with_the_fixed_list() {
        assert_eq!(
            missing("[q], move || q.get().len() as i32 + n.get() + limit"),
            ["R040: `n` is read here but is not in the dependency list / the browser re-runs the body only when a listed signal changes: write [q, n]"]
        );
        assert!(missing("[q, n], move || q.get().len() as i32 + n.get() + limit").is_empty());
        assert!(missing("[q, n,], move || q.get()").is_empty());
        // Written, not read (and a parameter of the same name is not the signal).
        assert!(missing("[q], move || n.update(|n| *n += q.get().len() as i32)").is_empty());
        assert_eq!(
            missing("[q], move || { n.update(|v| *v += 1); q.get().len() as i32 + n.get() }").len(),
            1
        );
        // Written, not read: no dependency.
        assert!(missing("[q], move || { n.update(|v| *v += 1); n.set(q.get().len() as i32) }")
            .is_empty());
        assert_eq!(missing("[q], move || n.update(|v| *v += n.get())").len(), 1);
    }
}
