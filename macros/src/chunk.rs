//! One handler chunk per component: the handlers of every `view!` in it, translated to
//! JavaScript by rs2js, in one ES module registered at link time.
//!
//! A chunk's name carries the hash of its source, and the markup names the chunk, so the
//! expansion runs twice over the same tokens: a first pass translates the handlers (and
//! reports every diagnostic), a second writes the code knowing the chunk's name. Both
//! passes walk the same tokens in the same order, so handler `i` is the same in both.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::quote;
use resuma_analysis::chunk::{chunk_name, module_source};
use resuma_analysis::js_macro::{js_macro_body, translate_js};
use resuma_analysis::rs2js::{translate_closure, Closure, Env};
use resuma_analysis::view::Block;

use crate::emit::Errors;
use crate::view::{html_ident, render_view};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pass {
    Collect,
    Emit,
}

/// The state of one macro call's expansion: its errors and its chunk.
pub(crate) struct Expander<'a> {
    errors: Errors,
    env: &'a Env,
    pass: Pass,
    handlers: Vec<Option<Closure>>,
    cursor: usize,
    chunk_name: String,
}

/// A translated handler, as the markup refers to it.
pub(crate) struct HandlerRef {
    pub(crate) index: usize,
    pub(crate) captures: Vec<String>,
    pub(crate) prevent_default: bool,
    pub(crate) chunk_name: String,
    /// The `#[server]` functions the handler awaits, by name.
    pub(crate) server_fns: Vec<String>,
}

/// What an expansion produced.
pub(crate) struct Expansion {
    pub(crate) tokens: TokenStream,
    pub(crate) errors: Errors,
    /// The chunk's registration, when the code has handlers.
    pub(crate) chunk: TokenStream,
}

impl<'a> Expander<'a> {
    /// Runs `expand` twice (collect, then emit) and returns the second output with the
    /// chunk of `component`.
    pub(crate) fn run(
        component: &str,
        env: &'a Env,
        mut expand: impl FnMut(&mut Expander<'a>) -> TokenStream,
    ) -> Expansion {
        let mut expander = Expander {
            errors: Errors::default(),
            env,
            pass: Pass::Collect,
            handlers: Vec::new(),
            cursor: 0,
            chunk_name: String::new(),
        };
        let _ = expand(&mut expander);
        let source = module_source(
            expander
                .handlers
                .iter()
                .enumerate()
                .filter_map(|(index, it)| Some((format!("h{index}"), it.as_ref()?))),
        );
        expander.chunk_name = chunk_name(component, &source);
        expander.pass = Pass::Emit;
        let tokens = expand(&mut expander);
        let chunk = if expander.handlers.iter().any(Option::is_some) {
            let name = &expander.chunk_name;
            quote! {
                ::resuma::__private::inventory::submit! {
                    ::resuma::__private::Chunk { name: #name, source: #source }
                }
            }
        } else {
            TokenStream::new()
        };
        Expansion { tokens, errors: expander.errors, chunk }
    }

    /// Reports an error (once: only the first pass reports).
    pub(crate) fn error(&mut self, error: syn::Error) {
        if self.pass == Pass::Collect {
            self.errors.push(error);
        }
    }

    /// Reports the diagnostics of a parsed view (once).
    pub(crate) fn diagnostics(
        &mut self,
        diagnostics: &[resuma_analysis::Diagnostic<resuma_analysis::TokenSpan>],
    ) {
        if self.pass == Pass::Collect {
            self.errors.extend_diagnostics(diagnostics);
        }
    }

    /// The next handler: translated in the first pass, referenced in the second. `None`
    /// when it could not be translated (its diagnostics are reported).
    pub(crate) fn handler(&mut self, block: &Block) -> Option<HandlerRef> {
        if self.pass == Pass::Collect {
            let (closure, diagnostics) = match js_macro_body(&block.tokens) {
                Some(body) => translate_js(body),
                None => translate_closure(block.tokens.clone(), self.env),
            };
            self.errors.extend_diagnostics(&diagnostics);
            self.handlers.push(closure);
            return None;
        }
        let index = self.cursor;
        self.cursor += 1;
        let closure = self.handlers.get(index)?.as_ref()?;
        Some(HandlerRef {
            index,
            captures: closure.captures.iter().map(|it| it.name.clone()).collect(),
            prevent_default: closure.calls_prevent_default,
            chunk_name: self.chunk_name.clone(),
            server_fns: closure.server_fns.clone(),
        })
    }

    /// `tokens` with every `view!` in them (at any depth) expanded in place, so that the
    /// handlers of nested views join this chunk.
    pub(crate) fn rewrite(&mut self, tokens: TokenStream) -> TokenStream {
        let mut out: Vec<TokenTree> = Vec::new();
        let mut trees = tokens.into_iter().peekable();
        while let Some(tree) = trees.next() {
            match tree {
                TokenTree::Ident(ident) if ident == "view" => {
                    let is_bang =
                        matches!(trees.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!');
                    if !is_bang {
                        out.push(TokenTree::Ident(ident));
                        continue;
                    }
                    let bang = trees.next();
                    match trees.next() {
                        Some(TokenTree::Group(group)) if group.delimiter() != Delimiter::None => {
                            drop_macro_path(&mut out);
                            out.extend(self.view_expr(group.stream()));
                        }
                        other => {
                            out.push(TokenTree::Ident(ident));
                            out.extend(bang);
                            out.extend(other);
                        }
                    }
                }
                TokenTree::Group(group) => {
                    let mut rewritten = Group::new(group.delimiter(), self.rewrite(group.stream()));
                    rewritten.set_span(group.span());
                    out.push(TokenTree::Group(rewritten));
                }
                other => out.push(other),
            }
        }
        out.into_iter().collect()
    }

    /// A view as an expression of type `View`.
    pub(crate) fn view_expr(&mut self, tokens: TokenStream) -> TokenStream {
        let html = html_ident();
        let body = render_view(tokens, &html, self);
        quote! { ::resuma::View::new(move |#html: &mut ::resuma::Html| { #body }) }
    }
}

/// Removes the path before a `view!` just rewritten (`resuma::view!`, `::resuma::view!`).
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
