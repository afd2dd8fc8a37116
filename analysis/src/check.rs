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
use crate::scan::{find_views, DelimiterProblem, ViewSite};
use crate::span::TextRange;
use crate::view::{parse, Parsed};

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

/// All diagnostics of a file, sorted by position.
pub fn check(text: &str) -> Vec<Diagnostic<TextRange>> {
    let mut out: Vec<_> = parse_views(text).iter().flat_map(FileView::diagnostics).collect();
    out.sort_by_key(|it| (it.span.start, it.span.end));
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
