//! Code actions for the diagnostics with a mechanical fix: a misspelled event name
//! (R005, the suggestion analysis makes) and a char literal in the token form of `js!`
//! (R037, written with double quotes).

use std::collections::HashMap;

use resuma_analysis::view::suggest_event;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, NumberOrString, TextEdit, Uri,
    WorkspaceEdit,
};

use crate::convert::PositionIndex;

/// The fixes for `diagnostics` (as the client sent them back) in `text`.
pub(crate) fn code_actions(
    uri: &Uri,
    text: &str,
    diagnostics: &[Diagnostic],
) -> Vec<CodeActionOrCommand> {
    let index = PositionIndex::new(text);
    let mut out = Vec::new();
    for diagnostic in diagnostics {
        let Some(NumberOrString::String(code)) = &diagnostic.code else { continue };
        let start = index.offset(diagnostic.range.start) as usize;
        let end = index.offset(diagnostic.range.end) as usize;
        let Some(written) = text.get(start..end) else { continue };
        let fix = match code.as_str() {
            "R005" => suggest_event(written).map(|it| (format!("Replace with `{it}`"), it)),
            "R037" => {
                double_quoted(written).map(|it| (format!("Write {it} with double quotes"), it))
            }
            _ => None,
        };
        let Some((title, new_text)) = fix else { continue };
        let edit = TextEdit { range: diagnostic.range, new_text };
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diagnostic.clone()]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                ..WorkspaceEdit::default()
            }),
            is_preferred: Some(true),
            ..CodeAction::default()
        }));
    }
    out
}

/// `'x'` as `"x"`: the escapes Rust chars and JavaScript strings share stay as they are;
/// a quote changes its escaping.
fn double_quoted(literal: &str) -> Option<String> {
    let inner = literal.strip_prefix('\'')?.strip_suffix('\'')?;
    let inner = match inner {
        "\\'" => "'",
        "\"" => "\\\"",
        other => other,
    };
    Some(format!("\"{inner}\""))
}

#[cfg(test)]
mod tests {
    use super::double_quoted;

    #[test]
    fn char_literals_become_strings() {
        assert_eq!(double_quoted("'x'").as_deref(), Some("\"x\""));
        assert_eq!(double_quoted("'\\''").as_deref(), Some("\"'\""));
        assert_eq!(double_quoted("'\"'").as_deref(), Some("\"\\\"\""));
        assert_eq!(double_quoted("'\\n'").as_deref(), Some("\"\\n\""));
        assert_eq!(double_quoted("x"), None);
    }
}
