//! `resuma check` as a user runs it: the real binary on fixture crates.

use std::process::Command;

fn resuma_check(args: &[&str]) -> (i32, String, String) {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let out = Command::new(env!("CARGO_BIN_EXE_resuma"))
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
