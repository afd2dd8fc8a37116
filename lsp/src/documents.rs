//! Open documents as ropes, edited in place by incremental changes.
//!
//! Positions arrive in LSP units (line, UTF-16 code unit); ropey counts chars and lines
//! that end at `\n`, `\r\n` or `\r` (its `cr_lines` feature, without Unicode line
//! breaks), as LSP does. Every position is clamped: an edit past the end of a line or of
//! the document applies at the end, it never panics.

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, TextDocumentContentChangeEvent};

/// One open document.
#[derive(Debug)]
pub(crate) struct Document {
    rope: Rope,
    /// The version of the last change applied.
    version: i32,
}

/// What happened to a change.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Applied {
    /// The document is at the new version.
    Applied,
    /// The change is not newer than the document (a duplicate or out-of-order message):
    /// dropped, so that an old edit never lands on newer text.
    Stale,
}

impl Document {
    pub(crate) fn new(text: &str, version: i32) -> Document {
        Document { rope: Rope::from_str(text), version }
    }

    pub(crate) fn version(&self) -> i32 {
        self.version
    }

    pub(crate) fn text(&self) -> String {
        self.rope.to_string()
    }

    /// Applies `changes` in order (each one's positions refer to the text after the
    /// previous one, as LSP says) and moves to `version`.
    pub(crate) fn apply(
        &mut self,
        changes: &[TextDocumentContentChangeEvent],
        version: i32,
    ) -> Applied {
        if version <= self.version {
            return Applied::Stale;
        }
        for change in changes {
            match change.range {
                None => self.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let start = self.char_at(range.start);
                    let end = self.char_at(range.end).max(start);
                    self.rope.remove(start..end);
                    self.rope.insert(start, &change.text);
                }
            }
        }
        self.version = version;
        Applied::Applied
    }

    /// The char index of an LSP position, clamped to the line's end and the text's end.
    fn char_at(&self, position: Position) -> usize {
        let rope = &self.rope;
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
}

#[cfg(test)]
mod tests {
    use tower_lsp_server::ls_types::Range;

    use super::*;

    fn change(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(start.0, start.1), Position::new(end.0, end.1))),
            range_length: None,
            text: text.to_owned(),
        }
    }

    #[test]
    fn edits_count_utf16_and_clamp() {
        let mut doc = Document::new("é🦀x\r\nline\n", 1);
        // The crab is two UTF-16 units: column 3 is after it.
        assert_eq!(doc.apply(&[change((0, 3), (0, 4), "y")], 2), Applied::Applied);
        assert_eq!(doc.text(), "é🦀y\r\nline\n");
        // A column past the line's end edits at its end, before the line break.
        doc.apply(&[change((0, 99), (0, 99), "!")], 3);
        assert_eq!(doc.text(), "é🦀y!\r\nline\n");
        // A line past the end appends.
        doc.apply(&[change((9, 0), (9, 5), "end")], 4);
        assert_eq!(doc.text(), "é🦀y!\r\nline\nend");
        // Changes apply in order, each on the result of the previous.
        doc.apply(&[change((1, 0), (1, 4), "a"), change((1, 1), (1, 1), "b")], 5);
        assert_eq!(doc.text(), "é🦀y!\r\nab\nend");
    }

    #[test]
    fn older_versions_are_dropped() {
        let mut doc = Document::new("abc", 5);
        assert_eq!(doc.apply(&[change((0, 0), (0, 0), "x")], 5), Applied::Stale);
        assert_eq!(doc.apply(&[change((0, 0), (0, 0), "x")], 4), Applied::Stale);
        assert_eq!(doc.text(), "abc");
        assert_eq!(doc.version(), 5);
    }
}
