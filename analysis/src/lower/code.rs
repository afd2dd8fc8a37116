//! Rust code inside a component: its `view!`s and `computed!`/`effect!`/`debounce!`
//! calls, at any depth, are lowered in place, so their exports join the component's chunk.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};

use super::plan::{Code, CodePiece, ReactiveParts, ReactivePlan};
use super::Lowering;
use crate::reactive::{
    find_ident, missing_dependencies, parse_reactive, uncapturable_captures, ReactiveKind,
};
use crate::rs2js::{is_async_closure, translate_effect, translate_fn};
use crate::span::TokenSpan;

/// Groups nested deeper than this are kept as written (the compiler reports what is
/// wrong with them); the walk never recurses without bound.
const MAX_CODE_DEPTH: usize = 128;

impl Lowering {
    /// `tokens` with every `view!` and reactive macro lowered.
    pub(super) fn code(&mut self, tokens: TokenStream) -> Code {
        self.code_at(tokens, 0)
    }

    fn code_at(&mut self, tokens: TokenStream, depth: usize) -> Code {
        let mut pieces = Vec::new();
        let mut pending: Vec<TokenTree> = Vec::new();
        let mut trees = tokens.into_iter().peekable();
        while let Some(tree) = trees.next() {
            match tree {
                TokenTree::Ident(ident)
                    if ident == "view" || ReactiveKind::from_name(&ident.to_string()).is_some() =>
                {
                    let is_bang =
                        matches!(trees.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!');
                    if !is_bang {
                        pending.push(TokenTree::Ident(ident));
                        continue;
                    }
                    let bang = trees.next();
                    match trees.next() {
                        Some(TokenTree::Group(group)) if group.delimiter() != Delimiter::None => {
                            drop_macro_path(&mut pending);
                            flush(&mut pending, &mut pieces);
                            let piece = match ReactiveKind::from_name(&ident.to_string()) {
                                Some(kind) => CodePiece::Reactive(self.reactive(
                                    kind,
                                    group.stream(),
                                    ident.span(),
                                    depth,
                                )),
                                None => {
                                    self.views.push(TokenSpan::single(ident.span()));
                                    let knows_scope =
                                        std::mem::replace(&mut self.knows_scope, false);
                                    let view = self.view(group.stream());
                                    self.knows_scope = knows_scope;
                                    CodePiece::View(view)
                                }
                            };
                            pieces.push(piece);
                        }
                        other => {
                            pending.push(TokenTree::Ident(ident));
                            pending.extend(bang);
                            pending.extend(other);
                        }
                    }
                }
                TokenTree::Group(group) if depth < MAX_CODE_DEPTH => {
                    flush(&mut pending, &mut pieces);
                    let code = self.code_at(group.stream(), depth + 1);
                    pieces.push(CodePiece::Group {
                        delimiter: group.delimiter(),
                        span: group.span(),
                        code,
                    });
                }
                other => pending.push(other),
            }
        }
        flush(&mut pending, &mut pieces);
        Code(pieces)
    }

    /// `kind!(tokens)` at `span`: its thunk joins the chunk.
    fn reactive(
        &mut self,
        kind: ReactiveKind,
        tokens: TokenStream,
        span: Span,
        depth: usize,
    ) -> ReactivePlan {
        let call = match parse_reactive(kind, tokens, span) {
            Ok(call) => call,
            Err(diagnostic) => {
                self.diagnostics.push(diagnostic);
                return ReactivePlan { kind, span, call: None };
            }
        };
        // Views inside the body come first, as they are written before the thunk.
        let closure = self.code_at(call.closure.clone(), depth + 1);
        let (translated, mut diagnostics) = match kind {
            ReactiveKind::Computed => translate_fn(call.closure.clone(), &self.env, Vec::new()),
            ReactiveKind::Effect | ReactiveKind::Debounce => {
                translate_effect(call.closure.clone(), &self.env)
            }
        };
        let is_async = is_async_closure(call.closure.clone());
        if let Some(translated) = &translated {
            diagnostics.extend(missing_dependencies(&call, translated, &self.env));
            diagnostics.extend(uncapturable_captures(translated, TokenSpan::single(span)));
        }
        let exported = self.export('t', TokenSpan::single(span), (translated, diagnostics));
        let (address, captures, server_fns) = match exported {
            Some((name, closure)) => {
                // Each awaited callee must be a `#[server]` fn, as in a handler.
                let server_fns = closure
                    .server_fns
                    .iter()
                    .map(|callee| {
                        (callee.clone(), find_ident(&call.closure, callee).unwrap_or(span))
                    })
                    .collect();
                let captures = closure.captures.into_iter().map(|it| it.name).collect();
                (format!("#{name}"), captures, server_fns)
            }
            None => (String::new(), Vec::new(), Vec::new()),
        };
        ReactivePlan {
            kind,
            span,
            call: Some(ReactiveParts {
                address,
                captures,
                deps: call.deps,
                closure,
                delay: call.delay,
                is_async,
                server_fns,
            }),
        }
    }
}

fn flush(pending: &mut Vec<TokenTree>, pieces: &mut Vec<CodePiece>) {
    if !pending.is_empty() {
        pieces.push(CodePiece::Tokens(pending.drain(..).collect()));
    }
}

/// Removes the path before a macro just lowered (`resuma::view!`, `::resuma::view!`).
fn drop_macro_path(out: &mut Vec<TokenTree>) {
    loop {
        let n = out.len();
        let ends_with_colons = n >= 2
            && matches!((&out[n - 2], &out[n - 1]), (TokenTree::Punct(a), TokenTree::Punct(b)) if a.as_char() == ':' && b.as_char() == ':');
        if !ends_with_colons {
            return;
        }
        out.truncate(n - 2);
        if matches!(out.last(), Some(TokenTree::Ident(_))) {
            out.pop();
        }
    }
}
