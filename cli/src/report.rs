//! Diagnostics from `resuma-analysis` as miette reports (for people) and as JSON (for CI).
//!
//! The wording is analysis's; this module only chooses how it looks.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use resuma_analysis::{Diagnostic, LineIndex, Severity, TextRange};
use serde::Serialize;

/// One diagnostic of one file, ready for miette.
struct Report<'a> {
    diagnostic: &'a Diagnostic<TextRange>,
    source: NamedSource<String>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.code.as_str()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic.help.as_ref().map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary = LabeledSpan::new_primary_with_span(
            Some(self.diagnostic.code.title().to_owned()),
            span_of(self.diagnostic.span),
        );
        let secondary = self.diagnostic.labels.iter().map(|label| {
            LabeledSpan::new_with_span(Some(label.message.clone()), span_of(label.span))
        });
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

fn span_of(range: TextRange) -> SourceSpan {
    SourceSpan::new((range.start as usize).into(), range.len_bytes() as usize)
}

/// A diagnostic as text with the source snippet, the label, the help and the code.
pub(crate) fn render(path: &str, text: &str, diagnostic: &Diagnostic<TextRange>) -> String {
    let report = Report { diagnostic, source: NamedSource::new(path, text.to_owned()) };
    let mut out = String::new();
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor());
    if handler.render_report(&mut out, &report).is_err() {
        out = format!("{path}: {}: {}\n", diagnostic.code, diagnostic.message);
    }
    out
}

/// A position as editors show it: 1-based line, 1-based column in chars.
#[derive(Serialize)]
pub(crate) struct Position {
    line: u32,
    column: u32,
}

/// The JSON form of one diagnostic.
#[derive(Serialize)]
pub(crate) struct JsonDiagnostic {
    file: String,
    code: &'static str,
    severity: &'static str,
    message: String,
    help: Option<String>,
    start: Position,
    end: Position,
    /// Byte offsets in the file.
    range: [u32; 2],
}

impl JsonDiagnostic {
    pub(crate) fn new(
        path: &str,
        text: &str,
        diagnostic: &Diagnostic<TextRange>,
    ) -> JsonDiagnostic {
        let index = LineIndex::new(text);
        let position = |offset: u32| {
            let at = index.line_col(offset);
            let line_start = offset - at.col_bytes;
            let column = text
                .get(line_start as usize..offset as usize)
                .map_or(at.col_bytes, |it| it.chars().count() as u32);
            Position { line: at.line + 1, column: column + 1 }
        };
        JsonDiagnostic {
            file: path.to_owned(),
            code: diagnostic.code.as_str(),
            severity: match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            message: diagnostic.message.clone(),
            help: diagnostic.help.clone(),
            start: position(diagnostic.span.start),
            end: position(diagnostic.span.end),
            range: [diagnostic.span.start, diagnostic.span.end],
        }
    }
}
