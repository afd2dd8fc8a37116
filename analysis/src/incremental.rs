//! Incremental analysis for a long-lived caller: a file is cut into its top-level items,
//! and an item whose text (and whose file's structs and settings) did not change since
//! the last run reuses that run's result, moved to where the item now starts.
//!
//! Typing in one component of a 2,000-line file then re-analyses that component only:
//! the language server's latency follows the size of the edited item, not of the file.
//! The result is the one [`analyze`](crate::analyze) gives for the file, item by item
//! (tested on generated files and random edits).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::str::FromStr;

use proc_macro2::{Delimiter, TokenStream, TokenTree};

use crate::check::{analyze_with_structs, FileAnalysis, Settings};
use crate::rs2js::Structs;
use crate::span::TextRange;

/// Results of earlier runs, by item. Keep one per document.
#[derive(Default)]
pub struct AnalysisCache {
    items: HashMap<u64, FileAnalysis>,
    n_analysed: usize,
}

impl AnalysisCache {
    /// An empty cache.
    pub fn new() -> AnalysisCache {
        AnalysisCache::default()
    }

    /// How many items the last run analysed (the others came from the cache).
    pub fn n_analysed(&self) -> usize {
        self.n_analysed
    }
}

/// The same [`FileAnalysis`] as [`analyze`](crate::analyze), computed item by item with
/// `cache` when every item parses; a file that does not lex or parse is analysed whole.
///
/// ```
/// use resuma_analysis::incremental::{analyze_cached, AnalysisCache};
/// use resuma_analysis::{analyze, Settings};
///
/// let text = "fn a() {}\nfn b() { view! { <p>\"x\"</b> } }\n";
/// let mut cache = AnalysisCache::new();
/// assert_eq!(analyze_cached(text, &Settings::default(), &mut cache), analyze(text, &Settings::default()));
/// ```
pub fn analyze_cached(text: &str, settings: &Settings, cache: &mut AnalysisCache) -> FileAnalysis {
    let Ok(tokens) = TokenStream::from_str(text) else {
        return analyze_with_structs(text, settings, None);
    };
    let items = split_items(tokens);
    // Struct definitions change how every component's handlers translate: they are part
    // of each item's key.
    let struct_items: Vec<&str> = items
        .iter()
        .filter(|it| it.may_hold_structs)
        .filter_map(|it| text.get(it.range.start as usize..it.range.end as usize))
        .collect();
    let structs_key = hash_of(&struct_items);
    let mut structs: Option<Structs> = None;
    let mut out = FileAnalysis { rust_parses: true, ..FileAnalysis::default() };
    let mut used = HashMap::with_capacity(items.len());
    cache.n_analysed = 0;
    for item in &items {
        let Some(item_text) = text.get(item.range.start as usize..item.range.end as usize) else {
            continue;
        };
        let key = hash_of(&(item_text, structs_key, settings));
        let analysis = match cache.items.remove(&key) {
            Some(analysis) => analysis,
            None => {
                cache.n_analysed += 1;
                let structs = structs.get_or_insert_with(|| structs_of(&struct_items));
                analyze_with_structs(item_text, settings, Some(structs))
            }
        };
        let base = item.range.start;
        out.rust_parses &= analysis.rust_parses;
        out.diagnostics.extend(
            analysis.diagnostics.iter().cloned().map(|it| it.map_span(|span| span.shift(base))),
        );
        out.components.extend(analysis.components.iter().cloned().map(|mut it| {
            it.name_range = it.name_range.shift(base);
            it.range = it.range.shift(base);
            for handler in &mut it.handlers {
                handler.range = handler.range.shift(base);
            }
            it
        }));
        used.insert(key, analysis);
    }
    // The cache holds the items of this version only, so it does not grow over a session.
    cache.items = used;
    if !out.rust_parses {
        // A file that does not parse gets its views checked and nothing else, as
        // `analyze` (and the compiler, which expands no component of it) does.
        return analyze_with_structs(text, settings, None);
    }
    out.diagnostics.sort_by_key(|it| (it.span.start, it.span.end));
    out.diagnostics.dedup();
    out
}

/// A top-level item's extent, from its first token (attributes and doc comments
/// included) to its last.
struct Item {
    range: TextRange,
    /// Whether it may define structs (a `struct`, or a module that may hold one).
    may_hold_structs: bool,
}

/// Cuts a file's tokens into items: an item ends with a top-level `;`, or with a
/// top-level `{…}` group not followed by `;` (`fn`, `impl`, `mod`, `struct S {…}`; a
/// `static X: S = S {…};` keeps its `;`).
fn split_items(tokens: TokenStream) -> Vec<Item> {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut items = Vec::new();
    let mut start: Option<u32> = None;
    let mut may_hold_structs = false;
    for (at, tree) in trees.iter().enumerate() {
        let range = tree.span().byte_range();
        let first = *start.get_or_insert(range.start as u32);
        if let TokenTree::Ident(ident) = tree {
            may_hold_structs |= ident == "struct" || ident == "mod";
        }
        let ends = match tree {
            TokenTree::Punct(p) => p.as_char() == ';',
            TokenTree::Group(group) => {
                group.delimiter() == Delimiter::Brace
                    && !matches!(trees.get(at + 1), Some(TokenTree::Punct(p)) if p.as_char() == ';')
            }
            _ => false,
        };
        if ends || at + 1 == trees.len() {
            items.push(Item { range: TextRange::new(first, range.end as u32), may_hold_structs });
            start = None;
            may_hold_structs = false;
        }
    }
    items
}

fn structs_of(items: &[&str]) -> Structs {
    let parsed: Vec<syn::Item> = items
        .iter()
        .filter_map(|text| syn::parse_str::<syn::File>(text).ok())
        .flat_map(|it| it.items)
        .collect();
    Structs::from_items(&parsed)
}

fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests;
