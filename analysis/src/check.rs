//! `check`: a file's text in, every Resuma diagnostic out, with byte ranges; `analyze`
//! also returns what each component costs (see [`payload`](crate::payload)).
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
use std::sync::Arc;

use proc_macro2::TokenStream;

use crate::component_env::env_from_fn;
use crate::diagnostics::{self as diag, Diagnostic, UnbalancedDelimiter};
use crate::js_macro::js_macro_body;
use crate::lower::{lower_component, lower_island, lower_view, ComponentBody, Plan};
use crate::payload::{self, Budget, ComponentPayload};
use crate::rs2js::Structs;
use crate::scan::{find_views, DelimiterProblem, ViewSite};
use crate::signature;
use crate::signature::component::read_component;
use crate::signature::island::read_island;
use crate::signature::placement::misplaced_macros;
use crate::signature::server::read_server;
use crate::span::{TextRange, TokenSpan};
use crate::view::{document_order, parse, AttrValue, Block, Node, Parsed};
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

/// What a file is checked against: the app's settings, from its `Cargo.toml` (the
/// caller reads it) or the defaults.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Settings {
    /// Payload budgets per component.
    pub budget: Budget,
}

/// Everything `check` learns about a file: its diagnostics and what each component costs.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct FileAnalysis {
    /// All diagnostics, sorted by position.
    pub diagnostics: Vec<Diagnostic<TextRange>>,
    /// Each `#[component]` of the file, in source order; empty when the file does not
    /// parse as Rust.
    pub components: Vec<ComponentPayload>,
    /// Whether the file parses as Rust (when it does not, only its views were checked).
    pub rust_parses: bool,
}

/// All diagnostics of a file with the default [`Settings`], sorted by position.
///
/// ```
/// let diagnostics = resuma_analysis::check("fn f() { view! { <p>\"hi\"</b> } }");
/// assert_eq!(diagnostics[0].code.as_str(), "R002");
/// ```
pub fn check(text: &str) -> Vec<Diagnostic<TextRange>> {
    check_with(text, &Settings::default())
}

/// All diagnostics of a file, sorted by position: the views' syntax, their handlers'
/// translation and the components' payload against `settings`' budget.
pub fn check_with(text: &str, settings: &Settings) -> Vec<Diagnostic<TextRange>> {
    analyze(text, settings).diagnostics
}

/// Diagnostics and payloads of a file in one pass (each handler is translated once).
///
/// Handlers are translated only when the file parses as Rust: a half-typed file gets its
/// views' syntax checked, but without the enclosing component a handler's types are
/// unknown and its diagnostics would not be the compiler's.
///
/// A long-lived caller that analyses successive versions of a file (the language
/// server) keeps an [`AnalysisCache`](crate::incremental::AnalysisCache) and calls
/// [`analyze_cached`](crate::incremental::analyze_cached) instead: same result, only the
/// items that changed are analysed again.
pub fn analyze(text: &str, settings: &Settings) -> FileAnalysis {
    analyze_with_structs(text, settings, None)
}

/// [`analyze`], with the structs the component macros know given (those of the whole
/// file, when `text` is one of its items) or read from `text` itself (`None`).
pub(crate) fn analyze_with_structs(
    text: &str,
    settings: &Settings,
    structs: Option<&Structs>,
) -> FileAnalysis {
    // `js! { f('hi') }` is R037 for the compiler; proc-macro2 would not lex the file.
    let (repaired, quotes) = crate::js_quotes::repair(text);
    let mut analysis = analyze_lexable(&repaired, settings, structs);
    crate::js_quotes::widen(&mut analysis.diagnostics, &quotes);
    analysis
}

fn analyze_lexable(text: &str, settings: &Settings, structs: Option<&Structs>) -> FileAnalysis {
    let views = parse_views(text);
    let mut diagnostics: Vec<_> = views.iter().flat_map(FileView::diagnostics).collect();
    let mut components = Vec::new();
    let parsed_file = syn::parse_file(text);
    let rust_parses = parsed_file.is_ok();
    if let Ok(file) = parsed_file {
        diagnostics.extend(signature_diagnostics(&file.items));
        diagnostics.extend(misplaced_diagnostics(text, &file, &views));
        // The structs of the file are what the component macro knows too.
        let structs = Arc::new(match structs {
            Some(structs) => structs.clone(),
            None => Structs::from_items(&file.items),
        });
        let lowered = lower_file(text, &file, &views, &structs);
        diagnostics.extend(lowered.diagnostics);
        for (range, function, plan) in &lowered.components {
            let mut payload = payload::measure(function, *range, plan);
            payload.children = called_components(&views, *range);
            diagnostics.extend(payload::budget_diagnostics(&payload, &settings.budget));
            components.push(payload);
        }
    }
    diagnostics.sort_by_key(|it| (it.span.start, it.span.end));
    diagnostics.dedup();
    FileAnalysis { diagnostics, components, rust_parses }
}

/// A parsed file lowered as the macros lower it.
struct Lowered<'a> {
    /// The `#[component]` functions, by range, with their plans.
    components: Vec<(TextRange, &'a syn::ItemFn, Plan<ComponentBody>)>,
    diagnostics: Vec<Diagnostic<TextRange>>,
}

/// Each component lowered as `#[component]` lowers it, and each `view!` no component
/// lowered (outside components, or inside a handler closure, which the compiler expands
/// on its own) as `view!` lowers it.
fn lower_file<'a>(
    text: &str,
    file: &'a syn::File,
    views: &[FileView],
    structs: &Arc<Structs>,
) -> Lowered<'a> {
    let mut found = Vec::new();
    collect_components(&file.items, &mut found);
    let mut diagnostics = Vec::new();
    let mut covered: Vec<u32> = Vec::new();
    let mut components = Vec::new();
    for (range, function) in found {
        let env = env_from_fn(function, structs.clone());
        // An island with a bad `load` expands as a plain component, as the macro does.
        let island = function.attrs.iter().find(|it| signature::is_attribute(it, "island"));
        let load =
            island.and_then(|attr| read_island(&signature::attribute_args(attr), function).load);
        let plan = match load {
            Some(load) => lower_island(function, &env, load),
            None => lower_component(function, &env),
        };
        diagnostics
            .extend(plan.diagnostics.iter().cloned().map(|it| it.map_span(|s| s.text_range(0))));
        covered.extend(plan.views.iter().map(|it| it.text_range(0).start));
        components.push((range, function, plan));
    }
    for view in views {
        if view.parsed.is_none() || covered.contains(&view.site.name.start) {
            continue;
        }
        let base = view.site.body.start;
        let body = text.get(view.site.body.start as usize..view.site.body.end as usize);
        let Some(Ok(tokens)) = body.map(TokenStream::from_str) else { continue };
        let plan = lower_view(tokens);
        diagnostics
            .extend(plan.diagnostics.into_iter().map(|it| it.map_span(|s| s.text_range(base))));
        covered.extend(plan.views.iter().map(|it| it.text_range(base).start));
    }
    Lowered { components, diagnostics }
}

fn collect_components<'a>(items: &'a [syn::Item], out: &mut Vec<(TextRange, &'a syn::ItemFn)>) {
    for item in items {
        match item {
            syn::Item::Fn(function)
                if function.attrs.iter().any(|it| {
                    it.path().segments.last().is_some_and(|s| {
                        s.ident == "component" || s.ident == "layout" || s.ident == "island"
                    })
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

/// The mistakes of every `#[component]` and `#[server]` in `items` (modules and `impl`
/// blocks included), read by the functions the macros call, on the item each macro gets:
/// the item without its own attribute.
fn signature_diagnostics(items: &[syn::Item]) -> Vec<Diagnostic<TextRange>> {
    let mut out = Vec::new();
    let mut stack: Vec<&syn::Item> = items.iter().rev().collect();
    while let Some(item) = stack.pop() {
        match item {
            syn::Item::Mod(module) => {
                if let Some((_, items)) = &module.content {
                    stack.extend(items.iter().rev());
                }
            }
            syn::Item::Impl(block) => {
                for member in &block.items {
                    if let syn::ImplItem::Fn(method) = member {
                        let function = syn::ItemFn {
                            attrs: method.attrs.clone(),
                            vis: method.vis.clone(),
                            sig: method.sig.clone(),
                            block: Box::new(method.block.clone()),
                        };
                        out.extend(item_diagnostics(&syn::Item::Fn(function)));
                    }
                }
            }
            _ => {}
        }
        out.extend(item_diagnostics(item));
    }
    out.into_iter().map(|it| it.map_span(|span| span.text_range(0))).collect()
}

fn item_diagnostics(item: &syn::Item) -> Vec<Diagnostic<TokenSpan>> {
    let attrs: &[syn::Attribute] = match item {
        syn::Item::Fn(function) => &function.attrs,
        syn::Item::Struct(it) => &it.attrs,
        syn::Item::Enum(it) => &it.attrs,
        syn::Item::Const(it) => &it.attrs,
        syn::Item::Static(it) => &it.attrs,
        syn::Item::Type(it) => &it.attrs,
        syn::Item::Trait(it) => &it.attrs,
        syn::Item::Union(it) => &it.attrs,
        syn::Item::Mod(it) => &it.attrs,
        syn::Item::Impl(it) => &it.attrs,
        syn::Item::Use(it) => &it.attrs,
        _ => return Vec::new(),
    };
    const ATTRIBUTES: [&str; 7] =
        ["component", "layout", "island", "server", "load", "middleware", "submit"];
    let Some((at, name)) = attrs.iter().enumerate().find_map(|(at, attr)| {
        ATTRIBUTES.into_iter().find(|name| signature::is_attribute(attr, name)).map(|it| (at, it))
    }) else {
        return Vec::new();
    };
    let attr = &attrs[at];
    let args = signature::attribute_args(attr);
    let function = match item {
        syn::Item::Fn(function) => function.clone(),
        other => {
            // The macro gets the item without its attribute, and reports where syn stops.
            let mut other = other.clone();
            strip_attr(&mut other, at);
            return match signature::parse_function(name, quote::ToTokens::to_token_stream(&other)) {
                Ok(_) => Vec::new(),
                Err(diagnostic) => vec![diagnostic],
            };
        }
    };
    match name {
        "server" => read_server(args, &function).diagnostics,
        "load" => signature::flow::read_load(args, &function).diagnostics,
        "middleware" => signature::flow::read_middleware(args, &function),
        "submit" => signature::flow::read_submit(args, &function).diagnostics,
        "island" => read_island(&args, &function).component.diagnostics,
        _ => read_component(&args, &function).diagnostics,
    }
}

fn strip_attr(item: &mut syn::Item, at: usize) {
    if let Some(attrs) = signature::item_attrs_mut(item).filter(|it| at < it.len()) {
        attrs.remove(at);
    }
}

/// `js!` outside an event attribute and `computed!`/`effect!`/`debounce!` outside a
/// component, as the macros themselves report them when the compiler runs them.
fn misplaced_diagnostics(
    text: &str,
    file: &syn::File,
    views: &[FileView],
) -> Vec<Diagnostic<TextRange>> {
    let Ok(tokens) = TokenStream::from_str(text) else { return Vec::new() };
    let handlers: Vec<TextRange> = views
        .iter()
        .filter_map(|view| Some((view.site.body.start, view.parsed.as_ref()?)))
        .flat_map(|(base, parsed)| {
            handler_blocks(&parsed.tree.nodes)
                .into_iter()
                .filter(|block| js_macro_body(&block.tokens).is_some())
                .map(move |block| block.span.text_range(base))
        })
        .collect();
    let mut components = Vec::new();
    collect_components(&file.items, &mut components);
    let components: Vec<TextRange> = components.into_iter().map(|(range, _)| range).collect();
    misplaced_macros(tokens, &handlers, &components)
}

/// The components the views inside `range` call, by the last segment of their path, once
/// each in document order.
fn called_components(views: &[FileView], range: TextRange) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let inside = views
        .iter()
        .filter(|it| range.start <= it.site.body.start && it.site.body.end <= range.end);
    for parsed in inside.filter_map(|it| it.parsed.as_ref()) {
        for node in document_order(&parsed.tree.nodes) {
            if let Node::Component(call) = node {
                let name = call.name.text.rsplit("::").next().unwrap_or_default().trim();
                if !name.is_empty() && !out.iter().any(|it| it == name) {
                    out.push(name.to_owned());
                }
            }
        }
    }
    out
}

/// The handler blocks of a tree, in document order (views nested in blocks are views of
/// their own and are visited as such).
fn handler_blocks(nodes: &[Node]) -> Vec<&Block> {
    let mut out = Vec::new();
    for node in document_order(nodes) {
        if let Node::Element(element) = node {
            for attr in &element.attrs {
                if let (Some(_), AttrValue::Expr(block)) = (attr.event(), &attr.value) {
                    out.push(block);
                }
            }
        }
    }
    out
}

fn parse_site(text: &str, site: ViewSite) -> FileView {
    if let Some(problem) = &site.delimiter_problem {
        let problem = match *problem {
            DelimiterProblem::Unclosed { open, delimiter } => {
                diag::unbalanced_delimiter(open, UnbalancedDelimiter::Unclosed { delimiter })
            }
            DelimiterProblem::Mismatched { found_at, found, open, opened } => {
                diag::unbalanced_delimiter(
                    found_at,
                    UnbalancedDelimiter::Mismatched { found, open, opened },
                )
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
            FileView {
                site,
                parsed: None,
                problem: Some(diag::unbalanced_delimiter(span, UnbalancedDelimiter::Unlexable)),
            }
        }
    }
}
