//! `js!{}`: a handler written in JavaScript, the escape hatch from rs2js.
//!
//! Two forms: tokens (`js! { state.q.set(event.target.value); }`) and one string literal
//! (`js!(r#"…"#)`). The Rust lexer cannot hold single-quoted strings, template literals
//! or regex literals, so those need the string form; a char literal in the token form (the
//! only single-quoted thing that lexes) is a diagnostic that says so. In both forms the
//! code sees `event` (the DOM event), `state.NAME` (the cell of the component's signal or
//! value `NAME`, captured like an rs2js capture) and `__resuma` (the runtime).

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

use crate::diagnostics::{self as diag, Diagnostic};
use crate::rs2js::{Capture, Closure, Ty};
use crate::span::TokenSpan;
use crate::view::unquote_str;

/// The tokens inside `js!(…)` when `handler` is a `js!` invocation (optionally by path:
/// `resuma::js!`), else `None`.
pub fn js_macro_body(handler: &TokenStream) -> Option<TokenStream> {
    let trees: Vec<TokenTree> = handler.clone().into_iter().collect();
    let bang =
        trees.iter().position(|it| matches!(it, TokenTree::Punct(p) if p.as_char() == '!'))?;
    let is_js =
        matches!(trees.get(bang.checked_sub(1)?), Some(TokenTree::Ident(name)) if name == "js");
    let path_ok = trees[..bang - 1].iter().all(|it| match it {
        TokenTree::Ident(_) => true,
        TokenTree::Punct(p) => p.as_char() == ':',
        _ => false,
    });
    match (is_js && path_ok, trees.get(bang + 1), trees.len() == bang + 2) {
        (true, Some(TokenTree::Group(group)), true) if group.delimiter() != Delimiter::None => {
            Some(group.stream())
        }
        _ => None,
    }
}

/// Translates the body of a `js!` handler into a handler closure.
pub fn translate_js(body: TokenStream) -> (Option<Closure>, Vec<Diagnostic<TokenSpan>>) {
    let mut diagnostics = Vec::new();
    let trees: Vec<TokenTree> = body.clone().into_iter().collect();
    let source = match trees.as_slice() {
        [TokenTree::Literal(lit)] if unquote_str(&lit.to_string()).is_some() => {
            unquote_str(&lit.to_string()).unwrap_or_default()
        }
        _ => {
            find_char_literals(&body, &mut diagnostics);
            tokens_to_js(&body)
        }
    };
    if !diagnostics.is_empty() {
        return (None, diagnostics);
    }
    let names = state_names(&source);
    let params: Vec<String> = (0..names.len()).map(|i| format!("$s{i}")).collect();
    let state = names
        .iter()
        .zip(&params)
        .map(|(name, param)| format!("{name}:{param}"))
        .collect::<Vec<_>>();
    let js = format!(
        "async(event{}{})=>{{const state={{{}}};\n{}\n}}",
        if params.is_empty() { "" } else { "," },
        params.join(","),
        state.join(","),
        source.trim()
    );
    let closure = Closure {
        js,
        captures: names.into_iter().map(|name| Capture { name, ty: Ty::Unknown }).collect(),
        helpers: Default::default(),
        calls_prevent_default: source.contains("preventDefault()"),
        server_fns: Vec::new(),
        ret: Ty::Unknown,
    };
    (Some(closure), diagnostics)
}

/// Every `state.NAME` of a `js!` body with the span from `state` to `NAME`, in source
/// order. In the string form the span is the string's: a literal has no sub-spans on
/// stable Rust.
pub fn state_references(body: &TokenStream) -> Vec<(String, TokenSpan)> {
    let trees: Vec<TokenTree> = body.clone().into_iter().collect();
    if let [TokenTree::Literal(lit)] = trees.as_slice() {
        if let Some(source) = unquote_str(&lit.to_string()) {
            let span = TokenSpan::single(lit.span());
            return state_names(&source).into_iter().map(|name| (name, span)).collect();
        }
    }
    let mut out = Vec::new();
    let mut stack = vec![trees];
    while let Some(trees) = stack.pop() {
        for (idx, tree) in trees.iter().enumerate() {
            if let TokenTree::Group(group) = tree {
                if stack.len() < 64 {
                    stack.push(group.stream().into_iter().collect());
                }
                continue;
            }
            let TokenTree::Ident(state) = tree else { continue };
            let after_dot =
                idx == 0 || !matches!(&trees[idx - 1], TokenTree::Punct(p) if p.as_char() == '.');
            let (Some(TokenTree::Punct(dot)), Some(TokenTree::Ident(name))) =
                (trees.get(idx + 1), trees.get(idx + 2))
            else {
                continue;
            };
            if state == "state" && after_dot && dot.as_char() == '.' {
                out.push((name.to_string(), TokenSpan { start: state.span(), end: name.span() }));
            }
        }
    }
    out.sort_by_key(|(_, span)| {
        let start = span.start.start();
        (start.line, start.column)
    });
    out
}

/// The names `NAME` of every `state.NAME` in `source`, in first-use order.
fn state_names(source: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let bytes = source.as_bytes();
    let mut from = 0;
    while let Some(at) = source[from..].find("state") {
        let start = from + at;
        from = start + 5;
        let before_ok = start == 0 || !is_ident_byte(bytes[start - 1]) && bytes[start - 1] != b'.';
        let rest = source[from..].trim_start();
        let Some(after_dot) = rest.strip_prefix('.') else { continue };
        let after_dot = after_dot.trim_start();
        let name: String = after_dot
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
            .collect();
        if before_ok
            && !name.is_empty()
            && !name.starts_with(|c: char| c.is_ascii_digit())
            && !names.contains(&name)
        {
            names.push(name);
        }
    }
    names
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// JavaScript text from Rust tokens. A newline goes where the source had one (when the
/// spans know lines), so that JavaScript's automatic semicolons still work; otherwise
/// tokens are joined with the spacing JavaScript needs.
fn tokens_to_js(tokens: &TokenStream) -> String {
    let mut out = String::new();
    let mut last_line = None;
    write_tokens(tokens, &mut out, &mut last_line);
    out
}

fn write_tokens(tokens: &TokenStream, out: &mut String, last_line: &mut Option<usize>) {
    let mut after_alone_punct = false;
    for tree in tokens.clone() {
        let line = tree.span().start().line;
        if matches!(*last_line, Some(previous) if line > previous && line > 0) {
            out.push('\n');
        }
        *last_line = Some(line);
        match &tree {
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("", ""),
                };
                push_token(out, open, false);
                write_tokens(&group.stream(), out, last_line);
                out.push_str(close);
                *last_line = Some(group.span_close().start().line);
                after_alone_punct = false;
            }
            TokenTree::Punct(punct) => {
                push_token(out, &punct.as_char().to_string(), after_alone_punct);
                after_alone_punct = punct.spacing() == Spacing::Alone;
            }
            other => {
                push_token(out, &other.to_string(), false);
                after_alone_punct = false;
            }
        }
    }
}

/// Appends `text` with a space only where JavaScript needs one: between two words
/// (`const x`), and between two operators that were apart in the source (`a - -b` must
/// not become `a--b`).
fn push_token(out: &mut String, text: &str, apart_operators: bool) {
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    let is_operator = |c: char| "+-*/%<>=!&|^~?:.".contains(c);
    let needs_space = match (out.chars().last(), text.chars().next()) {
        (Some(a), Some(b)) => {
            (is_word(a) && is_word(b)) || (apart_operators && is_operator(a) && is_operator(b))
        }
        _ => false,
    };
    if needs_space {
        out.push(' ');
    }
    out.push_str(text);
}

fn find_char_literals(tokens: &TokenStream, diagnostics: &mut Vec<Diagnostic<TokenSpan>>) {
    for tree in tokens.clone() {
        match tree {
            TokenTree::Group(group) => find_char_literals(&group.stream(), diagnostics),
            TokenTree::Literal(lit) if lit.to_string().starts_with('\'') => {
                diagnostics.push(diag::js_single_quote(TokenSpan::single(lit.span())));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn js(handler: &str) -> (String, Vec<String>, bool) {
        let tokens = TokenStream::from_str(handler).unwrap();
        let body = js_macro_body(&tokens).expect("a js! invocation");
        let (closure, diagnostics) = translate_js(body);
        match closure {
            Some(it) => {
                (it.js, it.captures.into_iter().map(|c| c.name).collect(), it.calls_prevent_default)
            }
            None => (
                diagnostics.iter().map(|d| format!("{} {}", d.code, d.message)).collect(),
                vec![],
                false,
            ),
        }
    }

    #[test]
    fn token_form_with_state_and_await() {
        let (code, captures, prevent) = js(
            "js! {\n state.query.set(event.target.value);\n const r = await __resuma.action(\"search\", [event.target.value]);\n state.results.set(r);\n}",
        );
        assert_eq!(captures, ["query", "results"]);
        assert!(!prevent);
        assert_eq!(
            code,
            "async(event,$s0,$s1)=>{const state={query:$s0,results:$s1};\nstate.query.set(event.target.value);\nconst r=await __resuma.action(\"search\",[event.target.value]);\nstate.results.set(r);\n}"
        );
    }

    #[test]
    fn string_form_keeps_the_text() {
        let (code, captures, prevent) = js(
            r###"resuma::js!(r#"event.preventDefault(); state.n.update((n) => n + 1); console.log(`n is ${'x'}`)"#)"###,
        );
        assert_eq!(captures, ["n"]);
        assert!(prevent);
        assert!(code.ends_with("console.log(`n is ${'x'}`)\n}"), "{code}");
    }

    #[test]
    fn char_literals_in_the_token_form_are_refused() {
        let (message, ..) = js("js! { state.q.set('x') }");
        assert!(message.starts_with("R0"), "{message}");
        assert!(message.contains("single-quoted"), "{message}");
    }

    #[test]
    fn only_js_invocations_are_recognised() {
        for text in ["move |_| js!{ x }", "js { x }", "other!{ x }", "js!{ x } + 1"] {
            assert!(js_macro_body(&TokenStream::from_str(text).unwrap()).is_none(), "{text}");
        }
    }
}
