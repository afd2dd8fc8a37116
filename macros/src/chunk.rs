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
use resuma_analysis::reactive::ReactiveKind;
use resuma_analysis::rs2js::{translate_closure, Closure, Env};
use resuma_analysis::template::ExportNumbers;
use resuma_analysis::view::Block;
use resuma_analysis::{Diagnostic, TokenSpan};

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
    /// The names in scope; a client list's body adds its item.
    pub(crate) env: Env,
    pass: Pass,
    /// The chunk's exports in expansion order: `h` handlers, `t` thunks, `b` blocks.
    exports: Vec<Export>,
    cursor: usize,
    chunk_name: String,
    _env: std::marker::PhantomData<&'a Env>,
}

/// One export of the chunk: `{prefix}{n}`, `n` counting the exports of its prefix.
struct Export {
    prefix: char,
    number: usize,
    closure: Option<Closure>,
}

/// A translated thunk or block, as the markup refers to it.
pub(crate) struct ExportRef {
    /// `t3`: the export's name in the chunk.
    pub(crate) name: String,
    /// The captures, in the order the JavaScript takes them.
    pub(crate) captures: Vec<String>,
    /// `Component.HASH` (empty in the first pass, whose output is discarded).
    pub(crate) chunk_name: String,
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
            env: env.clone(),
            pass: Pass::Collect,
            exports: Vec::new(),
            cursor: 0,
            chunk_name: String::new(),
            _env: std::marker::PhantomData,
        };
        let _ = expand(&mut expander);
        let source =
            module_source(expander.exports.iter().filter_map(|it| {
                Some((format!("{}{}", it.prefix, it.number), it.closure.as_ref()?))
            }));
        expander.chunk_name = chunk_name(component, &source);
        expander.pass = Pass::Emit;
        expander.env = env.clone();
        let tokens = expand(&mut expander);
        let chunk = if expander.exports.iter().any(|it| it.closure.is_some()) {
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
        let tokens = block.tokens.clone();
        let (index, closure) = self.export('h', |env| match js_macro_body(&tokens) {
            Some(body) => translate_js(body),
            None => translate_closure(tokens.clone(), env),
        })?;
        Some(HandlerRef {
            index,
            captures: closure.captures.iter().map(|it| it.name.clone()).collect(),
            prevent_default: closure.calls_prevent_default,
            chunk_name: self.chunk_name.clone(),
            server_fns: closure.server_fns.clone(),
        })
    }

    /// The numbers the next exports of each prefix get: a template names the exports of
    /// its content by number.
    pub(crate) fn numbers(&self) -> ExportNumbers {
        let seen = match self.pass {
            Pass::Collect => &self.exports[..],
            Pass::Emit => &self.exports[..self.cursor.min(self.exports.len())],
        };
        let mut numbers = ExportNumbers::new();
        for export in seen {
            *numbers.entry(export.prefix).or_insert(0) += 1;
        }
        numbers
    }

    /// The next thunk (`prefix` `t`) or block (`b`) export, translated by `translate` in
    /// the first pass.
    pub(crate) fn export_ref(
        &mut self,
        prefix: char,
        translate: impl FnOnce(&Env) -> (Option<Closure>, Vec<Diagnostic<TokenSpan>>),
    ) -> Option<ExportRef> {
        let (number, closure) = self.export(prefix, translate)?;
        Some(ExportRef {
            name: format!("{prefix}{number}"),
            captures: closure.captures.iter().map(|it| it.name.clone()).collect(),
            chunk_name: self.chunk_name.clone(),
        })
    }

    /// Adds (first pass) or finds (second pass) the next export; its number among its
    /// prefix's, and its closure when it translated. Both passes see the same exports in
    /// the same order, so the second finds the first's by position.
    fn export(
        &mut self,
        prefix: char,
        translate: impl FnOnce(&Env) -> (Option<Closure>, Vec<Diagnostic<TokenSpan>>),
    ) -> Option<(usize, Closure)> {
        if self.pass == Pass::Collect {
            let (closure, diagnostics) = translate(&self.env);
            self.errors.extend_diagnostics(&diagnostics);
            let number = self.exports.iter().filter(|it| it.prefix == prefix).count();
            self.exports.push(Export { prefix, number, closure: closure.clone() });
            return Some((number, closure?));
        }
        let export = self.exports.get(self.cursor)?;
        self.cursor += 1;
        debug_assert_eq!(export.prefix, prefix, "both passes export in the same order");
        Some((export.number, export.closure.clone()?))
    }

    /// `tokens` with every `view!` in them (at any depth) expanded in place, so that the
    /// handlers of nested views join this chunk.
    pub(crate) fn rewrite(&mut self, tokens: TokenStream) -> TokenStream {
        let mut out: Vec<TokenTree> = Vec::new();
        let mut trees = tokens.into_iter().peekable();
        while let Some(tree) = trees.next() {
            match tree {
                TokenTree::Ident(ident)
                    if ident == "view" || ReactiveKind::from_name(&ident.to_string()).is_some() =>
                {
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
                            match ReactiveKind::from_name(&ident.to_string()) {
                                Some(kind) => {
                                    let args = self.rewrite(group.stream());
                                    out.extend(self.reactive_macro(kind, args, ident.span()));
                                }
                                None => out.extend(self.view_expr(group.stream())),
                            }
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
