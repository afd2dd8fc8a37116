//! `check`: a file's text in, every Resuma diagnostic out, with byte ranges.
//!
//! This is what `resuma check` and the language server call. It finds the views with
//! [`find_views`](crate::scan::find_views) (which survives half-typed files), lexes each
//! body with proc-macro2 and runs the same parser the macros run, so the diagnostics are
//! the compiler's, with the same codes, messages and spans.
//!
//! proc-macro2 records every lexed text in a thread-local source map that only grows; a
//! long-lived caller (the language server) resets it between runs with
//! `proc_macro2::extra::invalidate_current_thread_spans`.

use std::str::FromStr;

use proc_macro2::TokenStream;

use crate::diagnostics::{self as diag, Diagnostic};
use crate::js_macro::{js_macro_body, translate_js};
use crate::rs2js::{env_from_fn, translate_closure};
use crate::scan::{find_views, DelimiterProblem, ViewSite};
use crate::span::TextRange;
use crate::view::{parse, AttrValue, Block, Node, Parsed};
use syn::spanned::Spanned;

/// One `view!` of a file, parsed.
#[derive(Debug)]
pub struct FileView {
    /// Where it is.
    pub site: ViewSite,
    /// Its tree and diagnostics, with token spans; `None` when its tokens could not be
    /// read (the reason is in [`FileView::problem`]).
    pub parsed: Option<Parsed>,
    /// Why it was not parsed.
    pub problem: Option<Diagnostic<TextRange>>,
}

impl FileView {
    /// The view's diagnostics as byte ranges in the file.
    pub fn diagnostics(&self) -> Vec<Diagnostic<TextRange>> {
        let base = self.site.body.start;
        let mut out: Vec<_> = self.problem.iter().cloned().collect();
        if let Some(parsed) = &self.parsed {
            out.extend(
                parsed
                    .diagnostics
                    .iter()
                    .cloned()
                    .map(|it| it.map_span(|span| span.text_range(base))),
            );
        }
        out
    }
}

/// Every `view!` in `text`, parsed. Never fails, never panics.
pub fn parse_views(text: &str) -> Vec<FileView> {
    let sites = find_views(text);
    let broken: Vec<TextRange> =
        sites.iter().filter(|it| it.delimiter_problem.is_some()).map(|it| it.body).collect();
    sites
        .into_iter()
        .filter_map(|site| {
            let encloses_broken = broken.iter().any(|inner| {
                *inner != site.body
                    && site.body.start <= inner.start
                    && inner.start <= site.body.end
            });
            if encloses_broken {
                // The inner view's problem is the one to report; this body cannot lex.
                return None;
            }
            Some(parse_site(text, site))
        })
        .collect()
}

/// All diagnostics of a file, sorted by position: the views' syntax and, when the file
/// parses as Rust, their handlers' translation (a half-typed file gets the former only:
/// without the enclosing component, a handler's types are unknown and its diagnostics
/// would not be the compiler's).
pub fn check(text: &str) -> Vec<Diagnostic<TextRange>> {
    let views = parse_views(text);
    let mut out: Vec<_> = views.iter().flat_map(FileView::diagnostics).collect();
    out.extend(handler_diagnostics(text, &views));
    out.sort_by_key(|it| (it.span.start, it.span.end));
    out.dedup();
    out
}

/// What rs2js says of every handler, with the environment the macros give it: the
/// enclosing `#[component]` function's, or none for a view outside a component.
fn handler_diagnostics(text: &str, views: &[FileView]) -> Vec<Diagnostic<TextRange>> {
    let Ok(file) = syn::parse_file(text) else { return Vec::new() };
    let mut components = Vec::new();
    collect_components(&file.items, &mut components);
    let mut out = Vec::new();
    for view in views {
        let Some(parsed) = &view.parsed else { continue };
        let at = view.site.name.start;
        let env = components
            .iter()
            .filter(|(range, _)| range.contains(at))
            .min_by_key(|(range, _)| range.len_bytes())
            .map(|(_, function)| env_from_fn(function))
            .unwrap_or_default();
        let base = view.site.body.start;
        for block in handler_blocks(&parsed.tree.nodes) {
            let (_, diagnostics) = match js_macro_body(&block.tokens) {
                Some(body) => translate_js(body),
                None => translate_closure(block.tokens.clone(), &env),
            };
            out.extend(diagnostics.into_iter().map(|it| it.map_span(|span| span.text_range(base))));
        }
    }
    out
}

fn collect_components<'a>(items: &'a [syn::Item], out: &mut Vec<(TextRange, &'a syn::ItemFn)>) {
    for item in items {
        match item {
            syn::Item::Fn(function)
                if function.attrs.iter().any(|it| {
                    it.path().segments.last().is_some_and(|s| s.ident == "component")
                }) =>
            {
                let range = function.span().byte_range();
                out.push((TextRange::new(range.start as u32, range.end as u32), function));
            }
            syn::Item::Mod(module) => {
                if let Some((_, items)) = &module.content {
                    collect_components(items, out);
                }
            }
            _ => {}
        }
    }
}

/// The handler blocks of a tree, in document order (views nested in blocks are views of
/// their own and are visited as such).
fn handler_blocks(nodes: &[Node]) -> Vec<&Block> {
    let mut out = Vec::new();
    let mut stack: Vec<&Node> = nodes.iter().rev().collect();
    while let Some(node) = stack.pop() {
        let children = match node {
            Node::Element(element) => {
                for attr in &element.attrs {
                    if let (Some(_), AttrValue::Expr(block)) = (attr.event(), &attr.value) {
                        out.push(block);
                    }
                }
                &element.children
            }
            Node::Component(call) => &call.children,
            Node::Fragment(fragment) => &fragment.children,
            Node::Text(_) | Node::Expr(_) => continue,
        };
        stack.extend(children.iter().rev());
    }
    out
}

fn parse_site(text: &str, site: ViewSite) -> FileView {
    if let Some(problem) = &site.delimiter_problem {
        let problem = match *problem {
            DelimiterProblem::Unclosed { open, delimiter } => {
                diag::unclosed_delimiter(open, delimiter)
            }
            DelimiterProblem::Mismatched { found_at, found, open, opened } => {
                diag::mismatched_delimiter(found_at, found, open, opened)
            }
        };
        return FileView { site, parsed: None, problem: Some(problem) };
    }
    let body = text.get(site.body.start as usize..site.body.end as usize).unwrap_or("");
    match TokenStream::from_str(body) {
        Ok(tokens) => FileView { parsed: Some(parse(tokens)), site, problem: None },
        Err(err) => {
            let range = err.span().byte_range();
            let span = if range.is_empty() {
                site.body
            } else {
                TextRange::new(range.start as u32, range.end as u32).shift(site.body.start)
            };
            FileView { site, parsed: None, problem: Some(diag::unlexable(span)) }
        }
    }
}
