//! Open documents as ropes, edited in place by incremental changes.
//!
//! Positions arrive in LSP units (line, UTF-16 code unit), turned into chars by
//! [`rope_char`]; ropey counts chars and lines
//! that end at `\n`, `\r\n` or `\r` (its `cr_lines` feature, without Unicode line
//! breaks), as LSP does. Every position is clamped: an edit past the end of a line or of
//! the document applies at the end, it never panics.
//!
//! [`change`] is what a `didChange` does. Should applying one panic all the same (a bug),
//! the rope may be half-edited, so the document is dropped rather than kept wrong; it
//! comes back with the editor's whole text: `didOpen`, or a change without a range.

use std::panic::{catch_unwind, AssertUnwindSafe};

use ropey::Rope;

use crate::convert::rope_char;
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

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

/// What a `didChange` did (see [`change`]).
#[derive(Debug)]
pub(crate) enum Changed {
    /// The open document is at the new version.
    Applied,
    /// An old or duplicate change: dropped (see [`Applied::Stale`]).
    Stale,
    /// Applying panicked: the caller drops the document, whose text may be half-edited.
    Dropped,
    /// The document was not open (dropped after a panic, say) and the change carried its
    /// whole text: here it is again, at the change's version.
    Reopened(Document),
    /// The document is not open and the change has no whole text to start from.
    NotOpen,
}

/// Applies a `didChange`'s `changes` to `doc`, the open document (`None`: not open).
pub(crate) fn change(
    doc: Option<&mut Document>,
    changes: &[TextDocumentContentChangeEvent],
    version: i32,
) -> Changed {
    match doc {
        Some(doc) => match catch_unwind(AssertUnwindSafe(|| doc.apply(changes, version))) {
            Ok(Applied::Applied) => Changed::Applied,
            Ok(Applied::Stale) => Changed::Stale,
            Err(_) => Changed::Dropped,
        },
        None => {
            // The last whole text, then the edits made after it.
            let Some(full) = changes.iter().rposition(|it| it.range.is_none()) else {
                return Changed::NotOpen;
            };
            let mut doc = Document::new(&changes[full].text, version);
            let rest = &changes[full + 1..];
            let mut apply = || {
                doc.version = i32::MIN;
                doc.apply(rest, version)
            };
            match catch_unwind(AssertUnwindSafe(&mut apply)) {
                Ok(_) => {
                    doc.version = version;
                    Changed::Reopened(doc)
                }
                Err(_) => Changed::NotOpen,
            }
        }
    }
}

/// A change whose text makes [`Document::apply`] panic, in unit tests only: the one way
/// to test what a panic (a bug) does.
#[cfg(test)]
pub(crate) const PANIC_FOR_TESTS: &str = "\u{0}panic for the test\u{0}";

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
            #[cfg(test)]
            assert_ne!(change.text, PANIC_FOR_TESTS, "a bug, for the test");
            match change.range {
                None => self.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let start = rope_char(&self.rope, range.start);
                    let end = rope_char(&self.rope, range.end).max(start);
                    self.rope.remove(start..end);
                    self.rope.insert(start, &change.text);
                }
            }
        }
        self.version = version;
        Applied::Applied
    }
}

#[cfg(test)]
mod tests {
    use tower_lsp_server::ls_types::{Position, Range};

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

    /// Issue #12: after a panic while applying a change, the server said the document was
    /// reset but kept the half-edited text. It is dropped, and the next change with the
    /// whole text opens it again.
    #[test]
    fn a_panicking_change_drops_the_document_until_its_whole_text_comes() {
        let mut doc = Document::new("abc", 1);
        let panics = change((0, 1), (0, 1), PANIC_FOR_TESTS);
        assert!(matches!(super::change(Some(&mut doc), &[panics], 2), Changed::Dropped));

        let edit = change((0, 0), (0, 0), "x");
        assert!(matches!(super::change(None, std::slice::from_ref(&edit), 3), Changed::NotOpen));
        let whole = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "hello".to_owned(),
        };
        let Changed::Reopened(doc) = super::change(None, &[edit.clone(), whole, edit], 4) else {
            panic!("the whole text opens the document again")
        };
        assert_eq!((doc.text().as_str(), doc.version()), ("xhello", 4));
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
