//! rs2js: Rust closures (event handlers) translated to JavaScript, faithfully or not
//! at all.
//!
//! [`translate_closure`] takes a handler's tokens and the names in scope ([`Env`]) and
//! returns an arrow function plus what it captures, or diagnostics (`R020`–`R036`) at
//! the exact span of what cannot be translated. Where Rust and JavaScript differ
//! (integer overflow and division, `len()` in UTF-8 bytes, `Option` as `null`,
//! `Result` as `{Ok: v}`/`{Err: e}`), the output calls a helper with Rust's meaning
//! ([`helpers_source`]); where the meaning depends on a type rs2js cannot see, it asks
//! for an annotation instead of guessing. `docs/rs2js.md` lists the subset.
//!
//! **Invariant:** pure, no IO, never panics on any input (property-tested); deep input
//! is refused before `syn` parses it, since `syn` recurses.

mod branch;
mod calls;
mod captures;
mod closure;
mod cx;
mod debug;
mod emit;
mod env;
mod expr;
mod float32;
mod format;
mod helper;
mod helpers;
mod helpers_more;
mod iter_mut;
mod methods;
mod numbers;
mod ops;
mod ordering;
mod output;
mod pat;
mod server;
mod slices;
mod stmt;
mod strings;
mod struct_expr;
mod structs;
mod template;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_diagnostics;
#[cfg(test)]
mod tests_server;
mod ty;
mod unicode;
mod vecs;
mod want;

use proc_macro2::{TokenStream, TokenTree};

pub(crate) use emit::js_string;
pub use env::Env;
pub use helpers::helpers_source;
pub use output::{Capture, Closure};
pub use structs::Structs;
pub(crate) use ty::int_suffix;
pub use ty::Ty;

use self::closure::Mode;
use self::cx::{span_of, span_of_tokens, Infer, Tx};
use crate::diagnostics::{handler_not_a_closure, handler_too_complex, invalid_handler, Diagnostic};
use crate::span::TokenSpan;

/// How many times the literal-type inference re-runs the translation at most.
const MAX_PASSES: usize = 4;

/// Translates the tokens of a handler (a closure) to JavaScript, with the names in
/// `env` in scope.
///
/// Returns the closure when it translates, and every diagnostic otherwise. Never
/// panics.
///
/// ```
/// use resuma_analysis::rs2js::{translate_closure, Env, Ty};
///
/// let mut env = Env::new();
/// env.insert("count", Ty::Signal(Box::new(Ty::I32)));
/// let tokens = "move |_| count.update(|c| *c += 1)".parse().unwrap();
/// let (closure, diagnostics) = translate_closure(tokens, &env);
/// assert!(diagnostics.is_empty());
/// let closure = closure.unwrap();
/// assert_eq!(closure.js, "($0, count) => count.update((c) => {\n  c = $add(c, 1, $i32);\n  return c;\n})");
/// assert_eq!(closure.captures[0].name, "count");
/// ```
pub fn translate_closure(
    tokens: TokenStream,
    env: &Env,
) -> (Option<Closure>, Vec<Diagnostic<TokenSpan>>) {
    translate(tokens, env, Mode::Handler)
}

/// Translates a closure whose parameters have the types `params` (a list's key
/// function: `|todo| todo.0`), like [`translate_closure`] otherwise.
pub fn translate_fn(
    tokens: TokenStream,
    env: &Env,
    params: Vec<Ty>,
) -> (Option<Closure>, Vec<Diagnostic<TokenSpan>>) {
    translate(tokens, env, Mode::Params(params))
}

/// Translates the body of an `effect!` or `debounce!` (`move || …`): a closure without
/// parameters, which may be async to await a `#[server]` fn (`move || async move { … }`).
pub fn translate_effect(
    tokens: TokenStream,
    env: &Env,
) -> (Option<Closure>, Vec<Diagnostic<TokenSpan>>) {
    translate(tokens, env, Mode::Effect)
}

/// Whether `tokens` are an async closure (`move || async move { … }`, `async || …`); false
/// for anything that is no closure.
pub fn is_async_closure(tokens: TokenStream) -> bool {
    syn::parse2::<syn::ExprClosure>(tokens).is_ok_and(|closure| closure::is_async_closure(&closure))
}

/// Translates an expression that the browser re-evaluates when a signal it reads
/// changes (`{format!("{} chars", len.get())}` in a view) into a thunk: an arrow function
/// taking one cell per capture and returning the value.
///
/// ```
/// use resuma_analysis::rs2js::{translate_thunk, Env, Ty};
///
/// let mut env = Env::new();
/// env.insert("q", Ty::Signal(Box::new(Ty::String)));
/// let (thunk, diagnostics) = translate_thunk("q.get().is_empty()".parse().unwrap(), &env);
/// assert!(diagnostics.is_empty());
/// let thunk = thunk.unwrap();
/// assert_eq!(thunk.js, r#"(q) => q.get() === """#);
/// assert_eq!(thunk.ret, Ty::Bool);
/// ```
pub fn translate_thunk(
    expr: TokenStream,
    env: &Env,
) -> (Option<Closure>, Vec<Diagnostic<TokenSpan>>) {
    if expr.is_empty() {
        return (None, vec![handler_not_a_closure(span_of_tokens(&expr), "nothing")]);
    }
    let mut body = proc_macro2::Group::new(proc_macro2::Delimiter::Parenthesis, expr.clone());
    if let Some(first) = expr.clone().into_iter().next() {
        body.set_span(first.span());
    }
    let tokens: TokenStream = quote::quote! { move || #body };
    translate(tokens, env, Mode::Params(Vec::new()))
}

fn translate(
    tokens: TokenStream,
    env: &Env,
    mode: Mode,
) -> (Option<Closure>, Vec<Diagnostic<TokenSpan>>) {
    if let Err(diagnostic) = check_nesting(&tokens) {
        return (None, vec![diagnostic]);
    }
    if tokens.is_empty() {
        return (None, vec![handler_not_a_closure(span_of_tokens(&tokens), "nothing")]);
    }
    let last = span_of_tokens(&tokens).end;
    let expr = match syn::parse2::<syn::Expr>(tokens) {
        Ok(expr) => expr,
        Err(err) => {
            // The end of the handler's tokens has no place of its own (syn says
            // `call_site`, offset 0 of whatever was parsed): it is at the last token, so a
            // file and its item re-analysed on their own point at the same place.
            let at = err.span().byte_range();
            let span = if at.is_empty() && at.start == 0 { last } else { err.span() };
            return (None, vec![invalid_handler(TokenSpan::single(span), &err.to_string())]);
        }
    };
    let mut inner = &expr;
    while let syn::Expr::Paren(p) = inner {
        inner = &p.expr;
    }
    let closure = match inner {
        syn::Expr::Closure(closure) => closure,
        other => {
            let what = expr::describe(other);
            return (None, vec![handler_not_a_closure(span_of(other), &what)]);
        }
    };
    let mut resolved = Vec::new();
    let mut pass = 1;
    let (f, tx) = loop {
        let mut tx = Tx::new(env, Infer::new(resolved.clone()));
        let f = tx.closure_fn(closure, mode.clone(), None);
        let found = tx.infer.finish();
        // A literal typed by a later use is only known after a pass; diagnostics of an
        // earlier pass may come from the default type, so only the last pass reports.
        if found == resolved || pass == MAX_PASSES {
            break (f, tx);
        }
        resolved = found;
        pass += 1;
    };
    let Some(f) = f.filter(|_| tx.diags.is_empty()) else {
        return (None, tx.diags);
    };
    let js = f.arrow(&tx.capture_js);
    let closure = Closure {
        js,
        captures: tx.captures,
        helpers: tx.helpers,
        calls_prevent_default: tx.prevent_default,
        server_fns: tx.server_fns,
        ret: f.val.ty.clone(),
    };
    (Some(closure), Vec::new())
}

/// How deep (weighted) the tokens may nest before `syn` might exhaust a 2 MB stack:
/// measured on unoptimised `syn` 2, ~100 nested blocks, ~240 nested unary operators or
/// closures, or ~1,000 chained assignments overflow it.
const MAX_NESTING_SCORE: u32 = 256;

/// Refuses token trees nested deeper than `syn` parses safely. A group counts 8; a run
/// of prefix operators and keywords (`!`, `-`, `*`, `&`, `return`, `move`, …) counts 2
/// each; `|` and `=` count 2 each until the next `;` or `,` (closures and assignments
/// nest without groups). Summed along the path from the root; iterative, so it cannot
/// overflow itself.
fn check_nesting(tokens: &TokenStream) -> Result<(), Diagnostic<TokenSpan>> {
    struct Frame {
        trees: proc_macro2::token_stream::IntoIter,
        base: u32,
        acc: u32,
        run: u32,
    }
    let mut stack = vec![Frame { trees: tokens.clone().into_iter(), base: 0, acc: 0, run: 0 }];
    while let Some(frame) = stack.last_mut() {
        let Some(tree) = frame.trees.next() else {
            stack.pop();
            continue;
        };
        match &tree {
            TokenTree::Punct(p) if matches!(p.as_char(), ';' | ',') => {
                frame.acc = 0;
                frame.run = 0;
            }
            TokenTree::Punct(p) if matches!(p.as_char(), '|' | '=') => frame.acc += 2,
            TokenTree::Punct(p) if matches!(p.as_char(), '!' | '-' | '*' | '&') => frame.run += 2,
            TokenTree::Ident(i)
                if matches!(
                    i.to_string().as_str(),
                    "return" | "move" | "break" | "box" | "async"
                ) =>
            {
                frame.run += 2;
            }
            _ => frame.run = 0,
        }
        let score = frame.base + frame.acc + frame.run;
        if score > MAX_NESTING_SCORE {
            let limit = MAX_NESTING_SCORE as usize / 8;
            return Err(handler_too_complex(TokenSpan::single(tree.span()), limit));
        }
        if let TokenTree::Group(group) = tree {
            stack.push(Frame {
                trees: group.stream().into_iter(),
                base: score + 8,
                acc: 0,
                run: 0,
            });
        }
    }
    Ok(())
}
