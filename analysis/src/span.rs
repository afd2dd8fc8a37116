//! Source positions in the units each consumer needs.
//!
//! Three units meet in Resuma: proc-macro2 columns count chars, miette counts bytes and
//! LSP counts UTF-16 code units. `analysis` speaks bytes ([`TextRange`]) and token spans
//! ([`TokenSpan`]); this module alone turns one into the other. UTF-16 belongs to the LSP.

use std::fmt;

/// A half-open range of byte offsets into a source text.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct TextRange {
    /// First byte of the range.
    pub start: u32,
    /// One past the last byte of the range.
    pub end: u32,
}

impl TextRange {
    /// A range from `start` to `end` (bytes); a reversed pair is put in order.
    pub fn new(start: u32, end: u32) -> TextRange {
        TextRange { start: start.min(end), end: start.max(end) }
    }

    /// Length of the range in bytes.
    pub fn len_bytes(self) -> u32 {
        self.end - self.start
    }

    /// Whether `offset` lies inside the range (an empty range contains its start).
    pub fn contains(self, offset: u32) -> bool {
        (self.start <= offset && offset < self.end) || (self.start == offset && self.end == offset)
    }

    /// The range moved `by` bytes to the right.
    pub fn shift(self, by: u32) -> TextRange {
        TextRange { start: self.start.saturating_add(by), end: self.end.saturating_add(by) }
    }

    /// The smallest range covering both.
    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

impl fmt::Debug for TextRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl fmt::Display for TextRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// A zero-based line and a zero-based column counted in bytes from the line start.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct LineCol {
    /// Zero-based line number.
    pub line: u32,
    /// Zero-based column, in bytes from the start of the line.
    pub col_bytes: u32,
}

/// Maps byte offsets of one text to lines and columns.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    len_bytes: u32,
}

impl LineIndex {
    /// Indexes the line starts of `text` (`\n` ends a line; `\r\n` counts as one end).
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i as u32 + 1),
        );
        LineIndex { line_starts, len_bytes: text.len() as u32 }
    }

    /// Line and byte column of `offset`; an offset past the end is clamped to the end.
    pub fn line_col(&self, offset: u32) -> LineCol {
        let offset = offset.min(self.len_bytes);
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        LineCol { line: line as u32, col_bytes: offset - self.line_starts[line] }
    }

    /// Byte offset of a line and byte column; `None` past the last line.
    pub fn offset(&self, at: LineCol) -> Option<u32> {
        let start = *self.line_starts.get(at.line as usize)?;
        Some((start + at.col_bytes).min(self.len_bytes))
    }

    /// Byte range of line `line` without its line ending, `None` past the last line.
    pub fn line_range(&self, line: u32, text: &str) -> Option<TextRange> {
        let start = *self.line_starts.get(line as usize)?;
        let mut end =
            self.line_starts.get(line as usize + 1).map_or(self.len_bytes, |&next| next - 1);
        if end > start && text.as_bytes().get(end as usize - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some(TextRange::new(start, end))
    }

    /// Number of lines (a text without a newline has one).
    pub fn n_lines(&self) -> u32 {
        self.line_starts.len() as u32
    }
}

/// The span of a run of tokens, from its first token to its last.
///
/// Kept as two spans rather than one joined span because `Span::join` is unavailable
/// inside proc macros on stable Rust; `syn::Error::new_spanned` can still underline the
/// whole run from a start and an end token.
#[derive(Clone, Copy, Debug)]
pub struct TokenSpan {
    /// Span of the first token.
    pub start: proc_macro2::Span,
    /// Span of the last token.
    pub end: proc_macro2::Span,
}

impl TokenSpan {
    /// The span of a single token.
    pub fn single(span: proc_macro2::Span) -> TokenSpan {
        TokenSpan { start: span, end: span }
    }

    /// From the start of `self` to the end of `other`.
    pub fn to(self, other: TokenSpan) -> TokenSpan {
        TokenSpan { start: self.start, end: other.end }
    }

    /// Byte range of the run in the text the tokens were lexed from, plus `base`.
    ///
    /// Only meaningful outside a proc macro (proc-macro2's fallback lexer with
    /// `span-locations`), which is where `check` runs.
    pub fn text_range(self, base: u32) -> TextRange {
        let start = self.start.byte_range().start as u32;
        let end = self.end.byte_range().end as u32;
        TextRange::new(start, end.max(start)).shift(base)
    }
}

impl TokenSpan {
    /// From the first to the last token of `tokens` (what `syn::Error::new_spanned`
    /// underlines); `fallback` when there are none.
    pub fn of(tokens: &impl quote::ToTokens, fallback: proc_macro2::Span) -> TokenSpan {
        let mut trees = tokens.to_token_stream().into_iter();
        let Some(first) = trees.next() else { return TokenSpan::single(fallback) };
        let last = trees.last().map_or(first.span(), |it| it.span());
        TokenSpan { start: first.span(), end: last }
    }

    /// Where a `syn` error points (its `compile_error!` spans the error's tokens).
    pub fn of_error(error: &syn::Error) -> TokenSpan {
        TokenSpan::of(&error.to_compile_error(), error.span())
    }
}

impl From<proc_macro2::Span> for TokenSpan {
    fn from(span: proc_macro2::Span) -> TokenSpan {
        TokenSpan::single(span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_maps_offsets_both_ways() {
        let text = "ab\r\ncé\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.n_lines(), 3);
        assert_eq!(index.line_col(0), LineCol { line: 0, col_bytes: 0 });
        assert_eq!(index.line_col(4), LineCol { line: 1, col_bytes: 0 });
        assert_eq!(index.line_col(7), LineCol { line: 1, col_bytes: 3 });
        assert_eq!(index.line_col(8), LineCol { line: 2, col_bytes: 0 });
        assert_eq!(index.line_col(999), LineCol { line: 2, col_bytes: 4 });
        assert_eq!(index.offset(LineCol { line: 2, col_bytes: 2 }), Some(10));
        assert_eq!(index.line_range(0, text), Some(TextRange::new(0, 2)));
        assert_eq!(index.line_range(1, text), Some(TextRange::new(4, 7)));
        assert_eq!(index.offset(LineCol { line: 3, col_bytes: 0 }), None);
    }
}
