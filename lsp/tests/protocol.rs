//! The language server as an editor sees it: the real binary, JSON-RPC over stdio.

mod common;

use common::{range, summary, Client};
use serde_json::{json, Value};

const URI: &str = "file:///tmp/resuma-lsp-test/src/main.rs";

/// Non-ASCII text before the errors (line 2, and line 7 before `onKlick`) and inside a
/// flagged span (the crab of line 8).
const FILE: &str = r#"use resuma::prelude::*;

/// Grüße 🦀 — non-ASCII before the errors.
#[component]
fn Greeting() -> View {
    let count = use_signal(0);
    view! {
        <p title="é🦀">"Grüße 🦀"</p><button onKlick={move |_| count.update(|c| *c += 1)}>"+"</button>
        <em onClick={js! { count.set('🦀') }}>"x"</em>
    }
}
"#;

fn start() -> Client {
    // No debounce: each edit is analysed, so each version's diagnostics are published.
    let mut client = Client::start(json!({"debounceMs": 0}));
    client.open(URI, 1, FILE);
    client
}

#[test]
fn diagnostics_have_exact_utf16_ranges_and_codes() {
    let mut client = start();
    let diagnostics = client.diagnostics(URI, 1);
    assert_eq!(
        summary(&diagnostics),
        vec![
            // In bytes `onKlick` starts at column 52: a byte/UTF-16 mix-up shows here.
            ("R005".to_owned(), range((7, 45), (7, 52))),
            ("R037".to_owned(), range((8, 37), (8, 41))),
        ]
    );
    let onklick = &diagnostics[0];
    assert_eq!(onklick["severity"], 1);
    assert_eq!(onklick["source"], "resuma");
    assert_eq!(onklick["message"], "unknown event `onKlick`\nhelp: did you mean `onClick`?");
    assert!(onklick["codeDescription"]["href"].as_str().unwrap().ends_with("diagnostics.md#r005"));
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn incremental_edits_fix_and_rebreak() {
    let mut client = start();
    assert_eq!(client.diagnostics(URI, 1).len(), 2);
    // Fix the event name: only the js! quote is left.
    client.change(URI, 2, (7, 45), (7, 52), "onClick");
    assert_eq!(
        summary(&client.diagnostics(URI, 2)),
        vec![("R037".to_owned(), range((8, 37), (8, 41)))]
    );
    // Fix the quotes: clean.
    client.change(URI, 3, (8, 37), (8, 41), "\"🦀\"");
    assert_eq!(client.diagnostics(URI, 3), Vec::<Value>::new());
    // Two changes in one notification, the second on the result of the first.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": URI, "version": 4},
            "contentChanges": [
                {"range": range((7, 47), (7, 48)), "text": ""},
                {"range": range((7, 47), (7, 47)), "text": "K"},
            ],
        }),
    );
    assert_eq!(
        summary(&client.diagnostics(URI, 4)),
        vec![("R005".to_owned(), range((7, 45), (7, 52)))]
    );
    // A change not newer than the document is dropped: version 4 stays as it is.
    client.change(URI, 4, (0, 0), (0, 0), "garbage");
    // A break inside a handler, after the dropped change: the positions prove it was dropped.
    client.change(URI, 5, (7, 45), (7, 52), "onClick");
    assert_eq!(client.diagnostics(URI, 5), Vec::<Value>::new());
    client.change(URI, 6, (5, 28), (5, 28), "u8");
    assert_eq!(client.diagnostics(URI, 6), Vec::<Value>::new());
    client.change(URI, 7, (7, 63), (7, 88), "std::process::exit(1)");
    let broken = client.diagnostics(URI, 7);
    assert_eq!(summary(&broken), vec![("R021".to_owned(), range((7, 63), (7, 81)))]);
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn hover_shows_the_handler_js_and_the_component_payload() {
    let mut client = start();
    client.diagnostics(URI, 1);
    let on_handler = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 7, "character": 60}}),
    );
    let text = on_handler["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**Handler `h0` of `Greeting`** in chunk `Greeting."), "{text}");
    assert!(text.contains("```javascript\n($0, count) => count.update("), "{text}");
    assert!(text.contains(" B gzip · captures `count`"), "{text}");
    assert_eq!(on_handler["range"]["start"], json!({"line": 7, "character": 53}));

    let on_name = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 4, "character": 5}}),
    );
    let text = on_name["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**`Greeting`** payload"), "{text}");
    assert!(
        text.contains("(budget 2048 B)") && text.contains("state **3 B** (budget 4096 B)"),
        "{text}"
    );

    let elsewhere = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 2}}),
    );
    assert_eq!(elsewhere, Value::Null);
    assert_eq!(client.shutdown(), Some(0));
}

/// Issue #12: hover on an event attribute's name said nothing; it describes the event and
/// shows the handler's JavaScript, as hover on the closure does, for the name's range.
#[test]
fn hover_on_an_event_name_describes_the_event_and_its_handler() {
    let mut client = start();
    client.change(URI, 2, (7, 45), (7, 52), "onClick");
    client.diagnostics(URI, 2);
    let on_name = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 7, "character": 47}}),
    );
    assert_eq!(on_name["range"], range((7, 45), (7, 52)), "{on_name}");
    let text = on_name["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**`onClick`**: the DOM event `click`"), "{text}");
    assert!(text.contains("**Handler `h0` of `Greeting`** in chunk `Greeting."), "{text}");
    assert!(text.contains("```javascript\n($0, count) => count.update("), "{text}");
    assert!(text.contains(" B gzip · captures `count`"), "{text}");
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn completion_inside_views_only() {
    let mut client = start();
    client.diagnostics(URI, 1);
    // `<em ` + cursor: attributes and events.
    let labels = |result: &Value| -> Vec<String> {
        result.as_array().map_or(Vec::new(), |items| {
            items.iter().map(|it| it["label"].as_str().unwrap_or("").to_owned()).collect()
        })
    };
    let in_tag = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": URI}, "position": {"line": 8, "character": 12}}),
    );
    let in_tag = labels(&in_tag);
    assert!(in_tag.contains(&"onClick".to_owned()) && in_tag.contains(&"class".to_owned()));
    // After typing `<` at the end of line 8: tags.
    client.change(URI, 2, (8, 51), (8, 51), "<");
    let tags = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": URI}, "position": {"line": 8, "character": 52}}),
    );
    let tags = labels(&tags);
    assert!(tags.contains(&"div".to_owned()) && tags.contains(&"button".to_owned()), "{tags:?}");
    // Outside a view: nothing (rust-analyzer's turf).
    let outside = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": URI}, "position": {"line": 5, "character": 8}}),
    );
    assert_eq!(outside, Value::Null);
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn code_actions_fix_the_event_name_and_the_js_quotes() {
    let mut client = start();
    let diagnostics = client.diagnostics(URI, 1);
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": URI},
            "range": range((7, 0), (8, 60)),
            "context": {"diagnostics": diagnostics},
        }),
    );
    let edits: Vec<(String, Value)> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|it| (it["title"].as_str().unwrap().to_owned(), it["edit"]["changes"][URI][0].clone()))
        .collect();
    assert_eq!(
        edits,
        vec![
            (
                "Replace with `onClick`".to_owned(),
                json!({"range": range((7, 45), (7, 52)), "newText": "onClick"})
            ),
            (
                "Write \"🦀\" with double quotes".to_owned(),
                json!({"range": range((8, 37), (8, 41)), "newText": "\"🦀\""})
            ),
        ]
    );
    // Applying both (as the editor would) leaves a clean file.
    client.change(URI, 2, (8, 37), (8, 41), "\"🦀\"");
    client.change(URI, 3, (7, 45), (7, 52), "onClick");
    assert_eq!(client.diagnostics(URI, 3), Vec::<Value>::new());
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn the_crate_budget_applies_and_the_editor_budget_fills_in() {
    let dir = std::env::temp_dir().join(format!("resuma-lsp-budget-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"app\"\n[package.metadata.resuma]\nchunk-budget-gz = 10\n",
    )
    .unwrap();
    let uri = format!("file://{}/src/main.rs", dir.display());
    let mut client = Client::start(json!({"debounceMs": 0, "stateBudget": 1}));
    let fixed = FILE.replace("onKlick", "onClick").replace("'🦀'", "\"🦀\"");
    client.open(&uri, 1, &fixed);
    let diagnostics = client.diagnostics(&uri, 1);
    let messages: Vec<_> = diagnostics.iter().map(|it| it["message"].as_str().unwrap()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].contains("over its budget of 10"), "{messages:?}");
    assert!(
        messages[1].starts_with("`Greeting`'s estimated state is 3 bytes, over its budget of 1")
    );
    assert_eq!(diagnostics[0]["severity"], 2);
    assert_eq!(diagnostics[0]["code"], "R038");
    assert_eq!(diagnostics[0]["range"], range((4, 3), (4, 11)));
    assert_eq!(client.shutdown(), Some(0));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn garbage_is_answered_not_fatal() {
    let mut client = start();
    client.diagnostics(URI, 1);
    // Out-of-range positions, an unknown document, a malformed request.
    client.change(URI, 2, (999, 999), (1000, 3), "view! { <p");
    client.diagnostics(URI, 2);
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.rs"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(hover, Value::Null);
    let bad = client.request_raw("textDocument/hover", json!({"nonsense": true}));
    assert!(bad.get("error").is_some(), "{bad}");
    let completion = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": URI}, "position": {"line": 4000000000u32, "character": 4000000000u32}}),
    );
    assert!(completion.is_null() || completion.is_array());
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn a_burst_of_edits_is_analysed_once_on_the_latest_text() {
    let mut client = Client::start(json!({"debounceMs": 400}));
    client.open(URI, 1, FILE);
    // Opening analyses at once.
    assert_eq!(client.diagnostics(URI, 1).len(), 2);
    // Five keystrokes inside the window: `onKlick` → `onClick` then `x`, `y`, `z`, undo.
    client.change(URI, 2, (7, 47), (7, 48), "C");
    client.change(URI, 3, (7, 52), (7, 52), "x");
    client.change(URI, 4, (7, 53), (7, 53), "y");
    client.change(URI, 5, (7, 53), (7, 54), "");
    client.change(URI, 6, (7, 52), (7, 53), "");
    // One analysis, at the end of the window, of version 6 only.
    assert_eq!(
        summary(&client.diagnostics(URI, 6)),
        vec![("R037".to_owned(), range((8, 37), (8, 41)))]
    );
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 4, "character": 5}}),
    );
    assert!(hover["contents"]["value"].as_str().unwrap().contains("Greeting"));
    let early: Vec<_> = client
        .backlog_of("textDocument/publishDiagnostics")
        .into_iter()
        .map(|it| it["params"]["version"].clone())
        .collect();
    assert_eq!(early, Vec::<Value>::new(), "versions 2 to 5 were published");
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn a_mismatched_closing_tag_is_renamed_to_the_open_one() {
    let uri = "file:///tmp/resuma-lsp-test/src/close.rs";
    let text = "use resuma::prelude::*;\n\npub fn page() -> View {\n    view! { <section title=\"é🦀\">\"Grüße\"</ section> <p>\"🦀\"</b> }\n}\n";
    let mut client = Client::start(json!({"debounceMs": 0}));
    client.open(uri, 1, text);
    let diagnostics = client.diagnostics(uri, 1);
    assert_eq!(summary(&diagnostics), vec![("R002".to_owned(), range((3, 59), (3, 63)))]);
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": range((3, 0), (3, 66)),
            "context": {"diagnostics": diagnostics},
        }),
    );
    let action = &actions[0];
    assert_eq!(action["title"], "Close with </p>");
    // Only the name changes: `</b>` becomes `</p>`.
    assert_eq!(
        action["edit"]["changes"][uri][0],
        json!({"range": range((3, 61), (3, 62)), "newText": "p"})
    );
    client.change(uri, 2, (3, 61), (3, 62), "p");
    assert_eq!(client.diagnostics(uri, 2), Vec::<Value>::new());
    assert_eq!(client.shutdown(), Some(0));
}
