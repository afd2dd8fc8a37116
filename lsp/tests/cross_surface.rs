//! The cross-surface test, editor side: every code's fixture in `tests/diagnostics/`
//! (see `fixtures.rs` there), opened in the real `resuma-lsp` from a crate of its own
//! (whose `Cargo.toml` the server reads for budgets), is published with exactly the
//! fixture's marks: the same codes, at the same spans, in UTF-16 positions.

mod common;

#[path = "../../tests/diagnostics/fixtures.rs"]
mod fixtures;

use common::Client;
use fixtures::{Found, Surface};
use serde_json::{json, Value};

#[test]
fn every_code_is_published_by_the_server_where_the_fixture_marks_it() {
    let root = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cross-surface-lsp");
    let _ = std::fs::remove_dir_all(&root);
    let fixtures: Vec<_> = fixtures::all().into_iter().filter(|it| it.on(Surface::Lsp)).collect();
    assert!(fixtures.len() > 40, "only {} fixtures ran", fixtures.len());
    let mut client = Client::start(json!({"debounceMs": 0}));
    let uris: Vec<String> = fixtures
        .iter()
        .map(|fixture| {
            let dir = fixtures::write_crate(&root, fixture);
            // A Flow fixture's text may be a page file: the route codes are about it.
            let path = dir.join(fixture.path()).display().to_string();
            let uri = format!("file://{}", path.replace('[', "%5B").replace(']', "%5D"));
            client.open(&uri, 1, &fixture.text);
            uri
        })
        .collect();
    let mut mismatches = Vec::new();
    for (fixture, uri) in fixtures.iter().zip(&uris) {
        let diagnostics = client.diagnostics(uri, 1);
        // The server's UTF-16 ranges back as byte ranges, to compare with the marks.
        let to_found = |it: &Value| -> Found {
            let position = |at: &Value| {
                (at["line"].as_u64().unwrap_or(0), at["character"].as_u64().unwrap_or(0))
            };
            let (start, end) = (position(&it["range"]["start"]), position(&it["range"]["end"]));
            let offset =
                |(line, col): (u64, u64)| byte_offset(&fixture.text, line as u32, col as u32);
            Found {
                code: it["code"].as_str().unwrap_or("").to_owned(),
                start: offset(start),
                end: offset(end),
            }
        };
        let found = diagnostics.iter().map(to_found).collect();
        mismatches.extend(fixtures::mismatch(Surface::Lsp, fixture, found));
    }
    fixtures::assert_no_mismatch(mismatches);
}

/// The byte offset of an LSP position (zero-based line, UTF-16 column).
fn byte_offset(text: &str, line: u32, col_utf16: u32) -> u32 {
    let line_start: usize = text.split_inclusive('\n').take(line as usize).map(str::len).sum();
    let mut units = 0;
    for (at, c) in text[line_start..].char_indices() {
        if units >= col_utf16 || c == '\n' {
            return (line_start + at) as u32;
        }
        units += c.len_utf16() as u32;
    }
    text.len() as u32
}
