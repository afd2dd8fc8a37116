//! Flow in the editor (#14): the real server on a crate with `src/pages/`. Typed links to
//! missing pages (R075) and with the wrong argument count (R076) are published with
//! exact UTF-16 ranges; a page file gets the route table's diagnostics about it; `href`
//! strings complete the crate's routes (parameterised ones as snippets) and `pages::`
//! paths complete the page modules; a quick fix links to the closest page; a page added on disk counts at the next analysis;
//! half-typed text is answered, never fatal.

mod common;

use std::path::{Path, PathBuf};

use common::{range, summary, Client};
use serde_json::{json, Value};

/// Line 3 has `é🦀` before the flagged span, line 4 a `é` inside the flagged arguments.
const MAIN: &str = r#"mod pages { resuma::pages!(); }

fn links() {
    let _ = ("é🦀", pages::blog::slgu::path("x"));
    let _ = pages::blog::slug::path("é", 2);
    view! { <a href="/">"home"</a> }
}
"#;

fn flow_crate(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for page in ["index.rs", "about.rs", "blog/index.rs", "blog/[slug].rs", "_draft.rs"] {
        let path = dir.join("src/pages").join(page);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "").unwrap();
    }
    std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"flow\"\nversion = \"0.0.0\"\n")
        .unwrap();
    dir
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display()).replace('[', "%5B").replace(']', "%5D")
}

fn complete(client: &mut Client, uri: &str, line: u32, character: u32) -> Value {
    client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    )
}

/// Each item as `label -> new text (format)`.
fn items(result: &Value) -> Vec<String> {
    result.as_array().map_or(Vec::new(), |items| {
        items
            .iter()
            .map(|it| {
                format!(
                    "{} -> {} ({})",
                    it["label"].as_str().unwrap_or(""),
                    it["textEdit"]["newText"].as_str().unwrap_or(""),
                    it["insertTextFormat"]
                )
            })
            .collect()
    })
}

#[test]
fn links_to_missing_pages_are_published_with_the_closest_pages() {
    let dir = flow_crate("lsp-flow-links");
    let main = uri(&dir.join("src/main.rs"));
    let mut client = Client::start(json!({"debounceMs": 0}));
    client.open(&main, 1, MAIN);
    let diagnostics = client.diagnostics(&main, 1);
    assert_eq!(
        summary(&diagnostics),
        vec![
            // In bytes `blog` starts at column 30: a byte/UTF-16 mix-up shows here.
            ("R075".to_owned(), range((3, 27), (3, 37))),
            // The `é` inside the span is one UTF-16 unit.
            ("R076".to_owned(), range((4, 35), (4, 43))),
        ]
    );
    assert_eq!(
        diagnostics[0]["message"],
        "`pages::blog::slgu` is no page of src/pages/\nhelp: did you mean `pages::blog::slug`?"
    );
    // The quick fix links to the closest page.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": main},
            "range": range((3, 0), (3, 60)),
            "context": {"diagnostics": [diagnostics[0]]},
        }),
    );
    assert_eq!(actions[0]["title"], "Link to `pages::blog::slug`");
    assert_eq!(
        actions[0]["edit"]["changes"][&main][0],
        json!({"range": range((3, 27), (3, 37)), "newText": "blog::slug"})
    );
    assert_eq!(
        diagnostics[1]["message"],
        "`pages::blog::slug::path` takes 1 argument (`slug`), found 2\nhelp: pass one value per \
         route parameter, in URL order: `path(slug)`"
    );

    // A page added on disk is seen at the next analysis: the module exists now, but its
    // route `/blog/slgu` takes no argument.
    std::fs::write(dir.join("src/pages/blog/slgu.rs"), "").unwrap();
    client.change(&main, 2, (6, 0), (6, 0), " ");
    assert_eq!(
        summary(&client.diagnostics(&main, 2)),
        vec![
            ("R076".to_owned(), range((3, 43), (3, 48))),
            ("R076".to_owned(), range((4, 35), (4, 43))),
        ]
    );

    // A page file gets the table's diagnostics about it, at its start.
    let draft = uri(&dir.join("src/pages/_draft.rs"));
    client.open(&draft, 1, "// a draft\n");
    assert_eq!(
        summary(&client.diagnostics(&draft, 1)),
        vec![("R071".to_owned(), range((0, 0), (0, 0)))]
    );
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn hrefs_complete_routes_and_pages_paths_complete_modules() {
    let dir = flow_crate("lsp-flow-completion");
    let main = uri(&dir.join("src/main.rs"));
    let mut client = Client::start(json!({"debounceMs": 0}));
    client.open(&main, 1, MAIN);
    client.diagnostics(&main, 1);

    // Inside `href="/"`, after the `/`: every route, replacing what is typed.
    let hrefs = complete(&mut client, &main, 5, 22);
    assert_eq!(
        items(&hrefs),
        [
            "/ -> / (1)",
            "/about -> /about (1)",
            "/blog -> /blog (1)",
            "/blog/{slug} -> /blog/${1:slug} (2)",
        ]
    );
    assert_eq!(hrefs[0]["textEdit"]["range"], range((5, 21), (5, 22)));
    assert_eq!(hrefs[3]["detail"], "src/pages/blog/[slug].rs");

    // After `pages::` (line 4, past the `é🦀` string): the modules; then under `blog::`.
    client.change(&main, 2, (4, 44), (4, 44), "; pages::");
    let modules = complete(&mut client, &main, 4, 53);
    assert_eq!(items(&modules), ["about -> about (1)", "blog -> blog (1)", "index -> index (1)"]);
    client.change(&main, 3, (4, 53), (4, 53), "blog::sl");
    let blog = complete(&mut client, &main, 4, 61);
    assert_eq!(items(&blog), ["index -> index (1)", "slug -> slug (1)"]);
    assert_eq!(blog[1]["textEdit"]["range"], range((4, 59), (4, 61)));
    client.change(&main, 4, (4, 59), (4, 61), "slug::");
    let path = complete(&mut client, &main, 4, 65);
    assert_eq!(items(&path), ["path -> path(${1:slug}) (2)"]);

    // Half-typed text, and positions past the end: answered, the server stays up.
    client.change(&main, 5, (0, 0), (0, 0), "fn x() { view! { <a href=\"/b pages::( r#\"");
    for (line, character) in [(0, 30), (0, 45), (0, 60), (9, 0), (99, 99)] {
        let _ = complete(&mut client, &main, line, character);
    }
    let inside = complete(&mut client, &main, 0, 29);
    assert_eq!(items(&inside).len(), 4, "{inside}");
    assert_eq!(client.shutdown(), Some(0));
}
