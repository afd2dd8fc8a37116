//! Byte offsets (what analysis speaks) and rope chars (what documents are edited in) to
//! and from LSP positions (lines and UTF-16 code units), and analysis diagnostics to LSP
//! ones. The only place UTF-16 is counted.
//!
//! Never add a byte length to a UTF-16 column: every conversion goes through the text.

use resuma_analysis::{Diagnostic, Severity, TextRange};
use ropey::Rope;
use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, Location, NumberOrString, Position,
    Range, Uri,
};

/// Line starts of one text snapshot, with lines ending at `\n`, `\r\n` or `\r` as LSP
/// counts them.
pub(crate) struct PositionIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> PositionIndex<'a> {
    pub(crate) fn new(text: &'a str) -> PositionIndex<'a> {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    line_starts.push(i + 2);
                    i += 1;
                }
                b'\r' => line_starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        PositionIndex { text, line_starts }
    }

    /// The position of byte `offset` (clamped to the text, floored to a char boundary).
    pub(crate) fn position(&self, offset: u32) -> Position {
        let mut offset = (offset as usize).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let col = self.text[self.line_starts[line]..offset].encode_utf16().count();
        Position::new(line as u32, col as u32)
    }

    pub(crate) fn range(&self, range: TextRange) -> Range {
        Range::new(self.position(range.start), self.position(range.end))
    }

    /// The byte offset of an LSP position, clamped to its line and the text.
    pub(crate) fn offset(&self, position: Position) -> u32 {
        let Some(&start) = self.line_starts.get(position.line as usize) else {
            return self.text.len() as u32;
        };
        let end =
            self.line_starts.get(position.line as usize + 1).copied().unwrap_or(self.text.len());
        let line = &self.text[start..end];
        let mut units = 0usize;
        for (at, c) in line.char_indices() {
            if units >= position.character as usize || c == '\n' || c == '\r' {
                return (start + at) as u32;
            }
            units += c.len_utf16();
        }
        end as u32
    }
}

/// Where each code is explained.
fn docs_link(diagnostic: &Diagnostic<TextRange>) -> Option<CodeDescription> {
    let href = format!(
        "{}/blob/main/docs/diagnostics.md#{}",
        env!("CARGO_PKG_REPOSITORY"),
        diagnostic.code.docs_anchor()
    );
    Some(CodeDescription { href: href.parse().ok()? })
}

/// An analysis diagnostic as LSP shows it: same code, message and span; the help joins
/// the message (LSP has no help field), the labels become related information.
pub(crate) fn to_lsp(
    diagnostic: &Diagnostic<TextRange>,
    index: &PositionIndex<'_>,
    uri: &Uri,
) -> lsp::Diagnostic {
    let message = match &diagnostic.help {
        Some(help) => format!("{}\nhelp: {help}", diagnostic.message),
        None => diagnostic.message.clone(),
    };
    let related: Vec<_> = diagnostic
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), index.range(label.span)),
            message: label.message.clone(),
        })
        .collect();
    lsp::Diagnostic {
        range: index.range(diagnostic.span),
        severity: Some(match diagnostic.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(diagnostic.code.as_str().to_owned())),
        code_description: docs_link(diagnostic),
        source: Some("resuma".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The char index of an LSP position in `rope`, clamped to the line's end and the text's
/// end.
pub(crate) fn rope_char(rope: &Rope, position: Position) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let line_start = rope.line_to_char(line);
    let line_end = if line + 1 < rope.len_lines() {
        // The position of the line break: a column past it stays on this line.
        let next = rope.line_to_char(line + 1);
        let is_break = |at: usize| matches!(rope.char(at), '\n' | '\r');
        let mut end = next;
        while end > line_start && is_break(end - 1) {
            end -= 1;
        }
        end
    } else {
        rope.len_chars()
    };
    let start_cu = rope.char_to_utf16_cu(line_start);
    let end_cu = rope.char_to_utf16_cu(line_end);
    let at_cu = (start_cu + position.character as usize).min(end_cu);
    rope.utf16_cu_to_char(at_cu).clamp(line_start, line_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_utf16_units() {
        let text = "é🦀x\r\nab\rc";
        let index = PositionIndex::new(text);
        // "é" is 2 bytes and 1 unit, the crab 4 bytes and 2 units.
        assert_eq!(index.position(6), Position::new(0, 3));
        assert_eq!(index.position(9), Position::new(1, 0));
        assert_eq!(index.position(12), Position::new(2, 0));
        // Inside the crab: floored to its start.
        assert_eq!(index.position(4), Position::new(0, 1));
        assert_eq!(index.offset(Position::new(0, 3)), 6);
        assert_eq!(index.offset(Position::new(0, 40)), 7);
        assert_eq!(index.offset(Position::new(7, 0)), text.len() as u32);
        for offset in [0, 2, 6, 9, 11, 12, 13] {
            assert_eq!(index.offset(index.position(offset)), offset, "{offset}");
        }
    }
}
