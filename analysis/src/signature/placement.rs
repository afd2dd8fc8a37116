//! Where `js!`, `computed!`, `effect!` and `debounce!` may stand.
//!
//! `js!` is read by `view!` as the whole value of an event attribute, and
//! `computed!`/`effect!`/`debounce!` are rewritten by `#[component]` in its body; anywhere
//! else the macro itself runs, and reports R039 or R044. [`misplaced_macros`] finds those
//! places in a file's tokens, for `check`.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};

use crate::diagnostics::{self as diag, Diagnostic};
use crate::reactive::ReactiveKind;
use crate::span::{TextRange, TokenSpan};

/// R039, for the `js!` macro run on its own: `input` is its tokens.
pub fn js_outside_handler(input: &TokenStream) -> Diagnostic<TokenSpan> {
    diag::js_outside_handler(TokenSpan::of(input, Span::call_site()))
}

/// R044, for `name!` (`computed`, `effect`, `debounce`) run on its own.
pub fn reactive_outside_component(name: &str, input: &TokenStream) -> Diagnostic<TokenSpan> {
    diag::reactive_outside_component(TokenSpan::of(input, Span::call_site()), name)
}

/// Every `js!` outside the ranges `view!` reads as a `js!` handler (`handlers`), and every
/// `computed!`/`effect!`/`debounce!` outside the `#[component]` fns (`components`), in
/// `tokens` lexed from a file's text (byte offsets).
pub fn misplaced_macros(
    tokens: TokenStream,
    handlers: &[TextRange],
    components: &[TextRange],
) -> Vec<Diagnostic<TextRange>> {
    let mut out = Vec::new();
    // An explicit stack: a file may nest groups deeper than recursion allows.
    let mut stack: Vec<Vec<TokenTree>> = vec![tokens.into_iter().collect()];
    while let Some(trees) = stack.pop() {
        for (at, tree) in trees.iter().enumerate() {
            if let TokenTree::Group(group) = tree {
                stack.push(group.stream().into_iter().collect());
                continue;
            }
            let TokenTree::Ident(ident) = tree else { continue };
            let name = ident.to_string();
            let is_js = name == "js";
            if !is_js && ReactiveKind::from_name(&name).is_none() {
                continue;
            }
            let bang = matches!(trees.get(at + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!');
            let Some(TokenTree::Group(group)) = trees.get(at + 2) else { continue };
            if !bang || group.delimiter() == Delimiter::None {
                continue;
            }
            let start = ident.span().byte_range().start as u32;
            let allowed = if is_js { handlers } else { components };
            if allowed.iter().any(|range| range.contains(start)) {
                continue;
            }
            let span = invocation_span(&trees, at, group);
            out.push(match is_js {
                true => diag::js_outside_handler(span),
                false => diag::reactive_outside_component(span, &name),
            });
        }
    }
    out.sort_by_key(|it| (it.span.start, it.span.end));
    out
}

/// What the macro's own error underlines: its tokens, or the whole invocation (path
/// included, as `Span::call_site()` is) when it has none.
fn invocation_span(trees: &[TokenTree], at: usize, group: &proc_macro2::Group) -> TextRange {
    let inner = group.stream();
    if !inner.is_empty() {
        return TokenSpan::of(&inner, group.span()).text_range(0);
    }
    // Walk back over `path ::` segments.
    let mut first = at;
    while first >= 2 {
        let colons = matches!((&trees[first - 2], &trees[first - 1]),
            (TokenTree::Punct(a), TokenTree::Punct(b)) if a.as_char() == ':' && b.as_char() == ':');
        if !colons {
            break;
        }
        first -= 2;
        if first >= 1 && matches!(trees[first - 1], TokenTree::Ident(_)) {
            first -= 1;
        }
    }
    TokenSpan { start: trees[first].span(), end: group.span() }.text_range(0)
}
