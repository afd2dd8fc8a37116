//! The errors `resuma dev` shows in the browser's overlay, from either source: Resuma's
//! analysis (before building) or the compiler (through cargo's JSON messages).

use std::path::Path;

use resuma_analysis::{Diagnostic, LineIndex, TextRange};
use serde::Serialize;

/// One error as the overlay shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct OverlayError {
    /// The file, relative to the app's directory when it is inside it.
    pub(crate) file: String,
    /// 1-based line.
    pub(crate) line: u32,
    /// 1-based column, in characters.
    pub(crate) column: u32,
    /// `R005`, `E0308`, … when the error has a code.
    pub(crate) code: Option<String>,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
    /// The whole report as the terminal shows it (snippet, labels, help).
    pub(crate) rendered: String,
}

impl OverlayError {
    /// An analysis diagnostic of `text`, the contents of `file`.
    pub(crate) fn from_analysis(
        file: &str,
        text: &str,
        diagnostic: &Diagnostic<TextRange>,
    ) -> OverlayError {
        let at = LineIndex::new(text).line_col(diagnostic.span.start);
        let line_start = (diagnostic.span.start - at.col_bytes) as usize;
        let column = text
            .get(line_start..diagnostic.span.start as usize)
            .map_or(at.col_bytes, |it| it.chars().count() as u32);
        OverlayError {
            file: file.to_owned(),
            line: at.line + 1,
            column: column + 1,
            code: Some(diagnostic.code.as_str().to_owned()),
            message: diagnostic.message.clone(),
            help: diagnostic.help.clone(),
            rendered: crate::report::render(file, text, diagnostic),
        }
    }

    /// An error of cargo's `compiler-message` (rustc's JSON diagnostic), or `None` when
    /// it is not an error or only sums up the others ("aborting due to …").
    pub(crate) fn from_rustc(message: &serde_json::Value, app_dir: &Path) -> Option<OverlayError> {
        let level = message["level"].as_str()?;
        if level != "error" && level != "error: internal compiler error" {
            return None;
        }
        let text = message["message"].as_str()?.to_owned();
        let spans = message["spans"].as_array().map(Vec::as_slice).unwrap_or_default();
        let primary = spans.iter().find(|span| span["is_primary"] == true).or(spans.first());
        if primary.is_none() && text.starts_with("aborting due to") {
            return None;
        }
        let help = message["children"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|child| child["level"] == "help")
            .filter_map(|child| child["message"].as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let number = |span: Option<&serde_json::Value>, key: &str| {
            span.and_then(|it| it[key].as_u64()).unwrap_or(0) as u32
        };
        let file = primary.and_then(|span| span["file_name"].as_str()).unwrap_or("Cargo.toml");
        Some(OverlayError {
            file: relative(file, app_dir),
            line: number(primary, "line_start"),
            column: number(primary, "column_start"),
            code: message["code"]["code"].as_str().map(str::to_owned),
            message: text,
            help: (!help.is_empty()).then_some(help),
            rendered: message["rendered"].as_str().unwrap_or_default().to_owned(),
        })
    }

    /// A failure that is no diagnostic of a file: cargo's own error, or the app that
    /// would not start.
    pub(crate) fn general(what: &str, message: String) -> OverlayError {
        OverlayError {
            file: what.to_owned(),
            line: 0,
            column: 0,
            code: None,
            rendered: message.clone(),
            message: message.lines().next().unwrap_or_default().to_owned(),
            help: None,
        }
    }
}

/// `file` relative to `dir` when it is inside it (rustc names the app's files relative
/// to the workspace and dependencies' files absolutely).
fn relative(file: &str, dir: &Path) -> String {
    Path::new(file)
        .strip_prefix(dir)
        .map_or_else(|_| file.to_owned(), |it| it.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::OverlayError;

    #[test]
    fn a_rustc_error_keeps_its_place_code_and_help() {
        let message = serde_json::json!({
            "level": "error",
            "message": "mismatched types",
            "code": {"code": "E0308"},
            "spans": [
                {"file_name": "src/other.rs", "line_start": 1, "column_start": 1, "is_primary": false},
                {"file_name": "src/main.rs", "line_start": 7, "column_start": 13, "is_primary": true}
            ],
            "children": [{"level": "help", "message": "try `.to_string()`"}, {"level": "note", "message": "n"}],
            "rendered": "error[E0308]: mismatched types\n --> src/main.rs:7:13\n"
        });
        let error = OverlayError::from_rustc(&message, Path::new("/app")).unwrap();
        assert_eq!((error.file.as_str(), error.line, error.column), ("src/main.rs", 7, 13));
        assert_eq!(error.code.as_deref(), Some("E0308"));
        assert_eq!(error.help.as_deref(), Some("try `.to_string()`"));
        assert!(error.rendered.contains("--> src/main.rs:7:13"));
    }

    #[test]
    fn warnings_and_summaries_are_not_errors() {
        let warning = serde_json::json!({"level": "warning", "message": "unused", "spans": []});
        assert_eq!(OverlayError::from_rustc(&warning, Path::new("/")), None);
        let summary = serde_json::json!({"level": "error", "message": "aborting due to 2 previous errors", "spans": []});
        assert_eq!(OverlayError::from_rustc(&summary, Path::new("/")), None);
    }

    #[test]
    fn analysis_positions_are_one_based_in_characters() {
        let text = "fn f() {\n    view! { <p>\"é\" <b onClik={x}/></p> }\n}\n";
        let diagnostics = resuma_analysis::check(text);
        let first = diagnostics.first().expect("onClik is reported");
        let error = OverlayError::from_analysis("src/f.rs", text, first);
        assert_eq!(error.line, 2);
        assert_eq!(error.code.as_deref(), Some("R005"));
        assert_eq!(
            &text
                .lines()
                .nth(1)
                .unwrap()
                .chars()
                .skip(error.column as usize - 1)
                .collect::<String>()[..6],
            "onClik"
        );
    }
}
