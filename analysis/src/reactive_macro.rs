//! The arguments of `computed!`, `effect!` and `debounce!`, split without translating
//! anything: the dependency list, the closure, `debounce!`'s delay.
//!
//! A leaf: it knows tokens and diagnostics only, so the typing of a component's
//! `let`s (`crate::component_env`), the dependency check (`crate::reactive`) and the
//! macros all read a call the same way without depending on each other.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};

use crate::diagnostics::{invalid_reactive_macro, Diagnostic};
use crate::span::TokenSpan;

/// Which reactive macro.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ReactiveKind {
    /// `computed!([deps], || value)`: a signal derived from others.
    Computed,
    /// `effect!([deps], || …)`: runs when a dependency changes.
    Effect,
    /// `debounce!(ms, [deps], || …)`: runs once a burst of changes has been quiet for `ms`.
    Debounce,
}

impl ReactiveKind {
    /// The kind a macro name denotes.
    pub fn from_name(name: &str) -> Option<ReactiveKind> {
        match name {
            "computed" => Some(ReactiveKind::Computed),
            "effect" => Some(ReactiveKind::Effect),
            "debounce" => Some(ReactiveKind::Debounce),
            _ => None,
        }
    }

    /// The macro's name.
    pub fn name(self) -> &'static str {
        match self {
            ReactiveKind::Computed => "computed",
            ReactiveKind::Effect => "effect",
            ReactiveKind::Debounce => "debounce",
        }
    }
}

/// The arguments of one reactive macro call.
#[derive(Clone, Debug)]
pub struct ReactiveCall {
    /// Which macro.
    pub kind: ReactiveKind,
    /// `debounce!`'s delay expression, in milliseconds.
    pub delay: Option<TokenStream>,
    /// The dependency list: names, with their spans.
    pub deps: Vec<(String, Span)>,
    /// The closure, as written.
    pub closure: TokenStream,
}

/// Splits the arguments of `kind!(…)`; `span` is the macro's, for errors about its form.
///
/// ```
/// use resuma_analysis::reactive::{parse_reactive, ReactiveKind};
/// let call = parse_reactive(ReactiveKind::Debounce, "250, [q, n], move || q.get()".parse().unwrap(),
///     proc_macro2::Span::call_site()).unwrap();
/// assert_eq!(call.delay.unwrap().to_string(), "250");
/// assert_eq!(call.deps.iter().map(|d| d.0.as_str()).collect::<Vec<_>>(), ["q", "n"]);
/// assert_eq!(call.closure.to_string(), "move || q . get ()");
/// ```
pub fn parse_reactive(
    kind: ReactiveKind,
    tokens: TokenStream,
    span: Span,
) -> Result<ReactiveCall, Diagnostic<TokenSpan>> {
    let name = kind.name();
    let fail = |span: Span, problem: &str| {
        Err(invalid_reactive_macro(TokenSpan::single(span), name, problem))
    };
    let mut args = split_commas(tokens, 1 + usize::from(kind == ReactiveKind::Debounce));
    let delay = if kind == ReactiveKind::Debounce {
        let starts_with_list = matches!(args.first().and_then(|it| it.clone().into_iter().next()),
            Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket);
        if args.is_empty() || args[0].is_empty() || starts_with_list {
            return fail(span, "the delay in milliseconds comes first");
        }
        Some(args.remove(0))
    } else {
        None
    };
    if args.len() != 2 {
        return fail(span, "expected a dependency list and a closure");
    }
    let closure = args.pop().unwrap_or_default();
    let list = args.pop().unwrap_or_default();
    let mut trees = list.into_iter();
    let group = match (trees.next(), trees.next()) {
        (Some(TokenTree::Group(group)), None) if group.delimiter() == Delimiter::Bracket => group,
        (Some(first), _) => {
            return fail(first.span(), "the dependency list is written in brackets: [a, b]")
        }
        (None, _) => return fail(span, "the dependency list is missing"),
    };
    let mut deps = Vec::new();
    for dep in split_commas(group.stream(), usize::MAX) {
        let mut trees = dep.into_iter();
        match (trees.next(), trees.next()) {
            (Some(TokenTree::Ident(ident)), None) => deps.push((ident.to_string(), ident.span())),
            (Some(first), _) => return fail(first.span(), "a dependency is a signal's name"),
            (None, _) => {}
        }
    }
    if closure.is_empty() {
        return fail(span, "the closure is missing");
    }
    Ok(ReactiveCall { kind, delay, deps, closure })
}

/// `tokens` split at top-level commas, at most `max_splits` times (the rest, commas and
/// all, is the last part: a closure may contain commas only inside groups, but a delay
/// expression may not). A trailing comma adds no empty part.
fn split_commas(tokens: TokenStream, max_splits: usize) -> Vec<TokenStream> {
    let mut parts = vec![Vec::new()];
    let mut splits = 0;
    // `|a, b|` closure parameters hold commas outside any group.
    let mut in_params = false;
    for tree in tokens {
        match &tree {
            TokenTree::Punct(p) if p.as_char() == '|' => in_params = !in_params,
            TokenTree::Punct(p) if p.as_char() == ',' && !in_params && splits < max_splits => {
                splits += 1;
                parts.push(Vec::new());
                continue;
            }
            _ => {}
        }
        parts.last_mut().expect("never empty").push(tree);
    }
    if parts.len() > 1 && parts.last().is_some_and(Vec::is_empty) {
        parts.pop();
    }
    parts.into_iter().map(|it| it.into_iter().collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_calls_say_what_form_is_expected() {
        let err = |kind, source: &str| {
            let diag =
                parse_reactive(kind, source.parse().unwrap(), Span::call_site()).unwrap_err();
            format!("{}: {}", diag.message, diag.help.unwrap())
        };
        assert_eq!(
            err(ReactiveKind::Computed, "q, move || q.get()"),
            "computed!: the dependency list is written in brackets: [a, b]: write computed!([signal, …], move || …)"
        );
        assert_eq!(
            err(ReactiveKind::Debounce, "[q], move || q.get()"),
            "debounce!: the delay in milliseconds comes first: write debounce!(MILLISECONDS, [signal, …], move || …)"
        );
        assert_eq!(err(ReactiveKind::Effect, "[q]"), "effect!: expected a dependency list and a closure: write effect!([signal, …], move || …)");
        assert_eq!(
            err(ReactiveKind::Effect, "[q.get()], || 1"),
            "effect!: a dependency is a signal's name: write effect!([signal, …], move || …)"
        );
    }

    #[test]
    fn closure_parameters_with_commas_stay_one_argument() {
        let call = parse_reactive(
            ReactiveKind::Effect,
            "[q], |a, b| a".parse().unwrap(),
            Span::call_site(),
        )
        .unwrap();
        assert_eq!(call.closure.to_string(), "| a , b | a");
    }
}
