//! Code actions for the diagnostics with a mechanical fix: a misspelled event name
//! (R005, the suggestion analysis makes), a char literal in the token form of `js!`
//! (R037, written with double quotes), a closing tag that does not match the open one
//! (R002, renamed to it) and, in a Flow crate, a link to a missing page (R075, one fix per
//! page analysis finds closest).

use std::collections::HashMap;

use resuma_analysis::routes::{closest_pages, RouteTable};
use resuma_analysis::view::suggest_event;
use resuma_analysis::{Code, TextRange};
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, NumberOrString, TextEdit, Uri,
    WorkspaceEdit,
};

use crate::convert::PositionIndex;

/// The fixes for `diagnostics` (as the client sent them back) in `text`; `table` is the
/// route table of its crate, in a Flow crate.
pub(crate) fn code_actions(
    uri: &Uri,
    text: &str,
    diagnostics: &[Diagnostic],
    table: Option<&RouteTable>,
) -> Vec<CodeActionOrCommand> {
    let index = PositionIndex::new(text);
    let mut out = Vec::new();
    for diagnostic in diagnostics {
        let Some(NumberOrString::String(code)) = &diagnostic.code else { continue };
        let start = index.offset(diagnostic.range.start) as usize;
        let end = index.offset(diagnostic.range.end) as usize;
        let Some(written) = text.get(start..end) else { continue };
        let fixes: Vec<_> = match code.as_str() {
            "R005" => suggest_event(written)
                .map(|it| (format!("Replace with `{it}`"), diagnostic.range, it))
                .into_iter()
                .collect(),
            "R037" => double_quoted(written)
                .map(|it| (format!("Write {it} with double quotes"), diagnostic.range, it))
                .into_iter()
                .collect(),
            "R002" => rename_closing_tag(text, start, end)
                .map(|(at, name)| (format!("Close with </{name}>"), index.range(at), name))
                .into_iter()
                .collect(),
            // The span is the module path after `pages::`.
            "R075" => table
                .map(|table| closest_pages(written, table))
                .unwrap_or_default()
                .into_iter()
                .map(|it| (format!("Link to `pages::{it}`"), diagnostic.range, it))
                .collect(),
            _ => Vec::new(),
        };
        for (fix_idx, (title, range, new_text)) in fixes.into_iter().enumerate() {
            let edit = TextEdit { range, new_text };
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(fix_idx == 0),
                ..CodeAction::default()
            }));
        }
    }
    out
}

/// The name of the closing tag at `start..end` and the name of the tag it should close:
/// the open tag of the R002 analysis reports there (its label), read from `text` again so
/// the fix does not depend on what the client kept of the diagnostic.
fn rename_closing_tag(text: &str, start: usize, end: usize) -> Option<(TextRange, String)> {
    let analysis = resuma_analysis::check(text);
    let found = analysis.iter().find(|it| {
        it.code == Code::MismatchedClose
            && it.span.start as usize == start
            && it.span.end as usize == end
    })?;
    let open = found.labels.first()?.span;
    let open_text = text.get(open.start as usize..open.end as usize)?;
    let name = tag_name(open_text.strip_prefix('<')?)?;
    let close_text = text.get(start..end)?;
    let after_slash = close_text.find('/')? + 1;
    let rest = &close_text[after_slash..];
    let skipped = rest.len() - rest.trim_start().len();
    let old = tag_name(rest.trim_start())?;
    let at = (start + after_slash + skipped) as u32;
    Some((TextRange::new(at, at + old.len() as u32), name.to_owned()))
}

/// The tag name at the start of `text` (`div`, `my-el`, `ui::Card`).
fn tag_name(text: &str) -> Option<&str> {
    let len = text
        .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | ':')))
        .unwrap_or(text.len());
    (len > 0).then(|| &text[..len])
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
