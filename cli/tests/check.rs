//! `resuma check` as a user runs it: the real binary on fixture crates.

use std::process::Command;

fn resuma_check(args: &[&str]) -> (i32, String, String) {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let out = Command::new(env!("CARGO_BIN_EXE_resuma-cli"))
        .arg("check")
        .args(args)
        .current_dir(fixtures)
        .output()
        .expect("resuma runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_clean_crate_passes() {
    let (code, stdout, _) = resuma_check(&["clean"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("resuma check: 0 errors, 0 warnings in 1 file"), "{stdout}");
}

#[test]
fn a_broken_crate_fails_with_file_line_and_code() {
    let (code, stdout, stderr) = resuma_check(&["broken"]);
    assert_eq!(code, 1, "{stdout}");
    for expected in [
        "R005",
        "R021",
        "R002",
        "R009",
        "did you mean `onClick`?",
        "src/main.rs:10:17",
        "src/half_typed.rs:2",
    ] {
        assert!(stdout.contains(expected), "missing {expected:?} in:\n{stdout}");
    }
    assert!(stderr.contains("cannot read") && stderr.contains("binary.rs"), "{stderr}");
    assert!(stdout.contains("resuma check: 5 errors, 0 warnings in 3 files"), "{stdout}");
}

#[test]
fn json_output_for_ci() {
    let (code, stdout, _) = resuma_check(&["broken", "--format", "json"]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    assert_eq!(json["files"], 3);
    assert_eq!(json["errors"], 5);
    assert_eq!(json["unreadable"][0], "broken/src/binary.rs");
    let first = &json["diagnostics"][0];
    assert_eq!(first["code"], "R009");
    let onclik =
        json["diagnostics"].as_array().unwrap().iter().find(|it| it["code"] == "R005").unwrap();
    assert_eq!(onclik["file"], "broken/src/main.rs");
    assert_eq!(onclik["start"], serde_json::json!({"line": 10, "column": 17}));
    assert_eq!(onclik["severity"], "error");
}

#[test]
fn a_missing_path_is_a_clear_error() {
    let (code, _, stderr) = resuma_check(&["no-such-crate"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no-such-crate does not exist"), "{stderr}");
}

#[test]
fn the_summary_lists_each_component_and_its_payload() {
    let (code, stdout, _) = resuma_check(&["clean"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("payload (budget per component: chunk 2048 B gzip, state 4096 B):"));
    let line = stdout.lines().find(|it| it.trim_start().starts_with("Counter")).expect(&stdout);
    assert!(line.contains("1 handler") && line.contains("clean/src/main.rs:4"), "{line}");
    assert!(stdout.contains("in 1 file, 1 component"), "{stdout}");

    let (_, json, _) = resuma_check(&["clean", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let counter = &json["components"][0];
    assert_eq!(counter["name"], "Counter");
    assert_eq!(counter["line"], 4);
    assert_eq!(counter["handlers"], 1);
    assert!(counter["chunk"].as_str().unwrap().starts_with("Counter."));
    let gz = counter["chunk_gz_bytes"].as_u64().unwrap();
    assert!(gz > 50 && gz < 400, "{gz}");
    // `[0]`: the one signal.
    assert_eq!(counter["state_bytes"], 3);
}

#[test]
fn an_untranslatable_closure_fails_with_file_line_and_code() {
    let (code, stdout, _) = resuma_check(&["untranslatable"]);
    assert_eq!(code, 1, "{stdout}");
    for expected in [
        "R021",
        "`std::fs::write` is a Rust function",
        "untranslatable/src/main.rs:8:37",
        "help: use `js!{}` or move this to a `#[server]` fn",
        "resuma check: 1 error, 0 warnings in 1 file, 1 component",
    ] {
        assert!(stdout.contains(expected), "missing {expected:?} in:\n{stdout}");
    }
    let (code, json, _) = resuma_check(&["untranslatable", "--format", "json"]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let diagnostic = &json["diagnostics"][0];
    assert_eq!(diagnostic["code"], "R021");
    // Columns count chars; the line above is full of non-ASCII text.
    assert_eq!(diagnostic["start"], serde_json::json!({"line": 8, "column": 37}));
    assert_eq!(diagnostic["end"], serde_json::json!({"line": 8, "column": 51}));
    // No handler translated, so no chunk is served.
    assert_eq!(json["components"][0]["chunk"], serde_json::Value::Null);
}

#[test]
fn an_over_budget_component_warns_with_the_crate_budget() {
    let (code, stdout, _) = resuma_check(&["over-budget"]);
    assert_eq!(code, 0, "warnings do not fail the check:\n{stdout}");
    for expected in [
        "R038",
        "over-budget/src/main.rs:9:4",
        "`Editor`'s handler chunk is",
        "over its budget of 64",
        "`Editor`'s estimated state is 47 bytes, over its budget of 16",
        "payload (budget per component: chunk 64 B gzip, state 16 B):",
        "resuma check: 0 errors, 2 warnings in 1 file, 2 components",
    ] {
        assert!(stdout.contains(expected), "missing {expected:?} in:\n{stdout}");
    }
    let editor = stdout.lines().find(|it| it.trim_start().starts_with("Editor")).expect(&stdout);
    assert!(editor.ends_with("over budget"), "{editor}");
    let small = stdout.lines().find(|it| it.trim_start().starts_with("Small")).expect(&stdout);
    assert!(!small.contains("over budget"), "{small}");

    let (_, json, _) = resuma_check(&["over-budget", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(json["warnings"], 2);
    assert_eq!(json["budget"], serde_json::json!({"chunk_gz_bytes": 64, "state_bytes": 16}));
    let codes: Vec<_> =
        json["diagnostics"].as_array().unwrap().iter().map(|it| &it["code"]).collect();
    assert_eq!(codes, ["R038", "R038"]);
    assert_eq!(json["diagnostics"][0]["severity"], "warning");
    assert_eq!(json["diagnostics"][0]["start"], serde_json::json!({"line": 9, "column": 4}));
    assert_eq!(json["components"][1]["name"], "Editor");
    assert_eq!(json["components"][1]["handlers"], 2);
}

#[test]
fn an_invalid_budget_is_a_clear_error() {
    let (code, _, stderr) = resuma_check(&["bad-manifest"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("`chunk-budget-gz`") && stderr.contains("\"2 KB\""), "{stderr}");
}

#[test]
fn a_file_that_does_not_parse_is_reported() {
    let (_, stdout, _) = resuma_check(&["broken"]);
    assert!(stdout.contains("note: broken/src/half_typed.rs does not parse as Rust"), "{stdout}");
    let (_, json, _) = resuma_check(&["broken", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(json["unparsed"], serde_json::json!(["broken/src/half_typed.rs"]));
}

/// Flow (#14): the routes of `src/pages/` with each page's JavaScript, the route table's
/// diagnostics on the page files, and typed links to missing pages or with the wrong
/// number of arguments, in Rust code and in a `view!` attribute.
#[test]
fn a_flow_crate_lists_its_routes_and_checks_its_links() {
    let (code, stdout, _) = resuma_check(&["flow", "--format", "json"]);
    assert_eq!(code, 1, "{stdout}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    let routes: Vec<String> = json["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|it| {
            format!("{} {} {} {}", it["file"], it["pattern"], it["module"], it["js_gz_bytes"])
        })
        .collect();
    let counter =
        json["components"].as_array().unwrap().iter().find(|it| it["name"] == "Counter").unwrap()
            ["chunk_gz_bytes"]
            .as_u64()
            .unwrap();
    assert!(counter > 100, "{counter}");
    // The home page renders the counter: its chunk; the about page a `<Form>`: the form
    // chunk; the post page no handler: 0 B.
    let form = resuma_analysis::payload::form_chunk_gz_bytes();
    assert!(form > 1000, "{form}");
    assert_eq!(
        routes,
        [
            format!("\"index.rs\" \"/\" \"index\" {counter}"),
            format!("\"about.rs\" \"/about\" \"about\" {form}"),
            "\"blog/[slug].rs\" \"/blog/{slug}\" \"blog::slug\" 0".to_owned(),
        ]
    );
    let found: Vec<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|it| {
            format!(
                "{} {}:{}:{} {}",
                it["code"].as_str().unwrap(),
                it["file"].as_str().unwrap(),
                it["start"]["line"],
                it["start"]["column"],
                it["help"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            "R075 flow/src/main.rs:9:20 did you mean `pages::blog::slug`?",
            "R071 flow/src/pages/_draft.rs:1:1 name pages `name.rs`, `index.rs`, `[param].rs` or \
             `[...rest].rs` (a param is a Rust identifier), folders `name/` or `[param]/`, and \
             special files _layout.rs, _error.rs, _404.rs or _middleware.rs",
            "R076 flow/src/pages/index.rs:8:58 pass one value per route parameter, in URL order: \
             `path(slug)`",
        ]
    );

    let about = json["routes"].as_array().unwrap().iter().find(|it| it["file"] == "about.rs");
    assert_eq!(about.unwrap()["components"], serde_json::json!(["About", "Form"]));

    let (_, human, _) = resuma_check(&["flow"]);
    assert!(human.contains("routes (src/pages/;"), "{human}");
    assert!(
        human.lines().any(|line| line.trim_start().starts_with("/blog/{slug}")
            && line.contains("blog/[slug].rs")
            && line.contains(" 0 B")),
        "{human}"
    );
    assert!(human.contains("resuma check: 3 errors"), "{human}");
}

/// docs/editor.md shows `resuma check` run in `fixtures/editor` (its `src/main.rs` is the
/// guide's file, which the site's guide test holds it to): the block is what it prints,
/// byte for byte. `UPDATE_EXPECT=1` writes the new output into the guide.
#[test]
fn the_editor_guide_shows_what_check_prints() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/editor");
    let out = Command::new(env!("CARGO_BIN_EXE_resuma-cli"))
        .arg("check")
        .current_dir(fixture)
        .output()
        .expect("resuma runs");
    assert_eq!(out.status.code(), Some(1), "two errors");
    let printed = String::from_utf8(out.stdout).unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/editor.md");
    let guide = std::fs::read_to_string(path).unwrap();
    let fence = "```text\n$ resuma check\n";
    let start = guide.find(fence).expect("the guide shows a `$ resuma check` block") + fence.len();
    let end = start + guide[start..].find("```\n").expect("the block ends");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let updated = format!("{}{printed}{}", &guide[..start], &guide[end..]);
        std::fs::write(path, updated).unwrap();
        return;
    }
    assert_eq!(
        guide[start..end],
        printed,
        "docs/editor.md's `resuma check` block is not what it prints; UPDATE_EXPECT=1 rewrites it"
    );
}

#[test]
fn a_reader_that_goes_away_ends_it_quietly() {
    // `resuma check | head -1`: the pipe closes before the report is written.
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut child = Command::new(env!("CARGO_BIN_EXE_resuma-cli"))
        .args(["check", "broken"])
        .current_dir(fixtures)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("resuma runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}
