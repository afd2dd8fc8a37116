//! The cross-surface test, `resuma check` side: every code's fixture in
//! `tests/diagnostics/` (see `fixtures.rs` there), checked by the real binary with
//! `--format json` in a crate of its own, reports exactly the fixture's marks.

#[path = "../../tests/diagnostics/fixtures.rs"]
mod fixtures;

use std::process::Command;

use fixtures::{Found, Surface};

#[test]
fn every_code_is_reported_by_check_json_where_the_fixture_marks_it() {
    let root = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cross-surface-check");
    let _ = std::fs::remove_dir_all(&root);
    let mut mismatches = Vec::new();
    let mut n_checked = 0;
    for fixture in fixtures::all() {
        if !fixture.on(Surface::Check) {
            continue;
        }
        n_checked += 1;
        let dir = fixtures::write_crate(&root, &fixture);
        let out = Command::new(env!("CARGO_BIN_EXE_resuma-cli"))
            .args(["check", "--format", "json"])
            .arg(&dir)
            .output()
            .expect("resuma runs");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|err| panic!("{}: not JSON ({err})", fixture.name));
        // What is reported on the fixture's own file (a Flow fixture has other pages).
        let path = dir.join(fixture.path()).display().to_string();
        let found = json["diagnostics"]
            .as_array()
            .expect("a diagnostics list")
            .iter()
            .filter(|it| it["file"] == path.as_str())
            .map(|it| Found {
                code: it["code"].as_str().unwrap_or("").to_owned(),
                start: it["range"][0].as_u64().unwrap_or(0) as u32,
                end: it["range"][1].as_u64().unwrap_or(0) as u32,
            })
            .collect();
        mismatches.extend(fixtures::mismatch(Surface::Check, &fixture, found));
    }
    assert!(n_checked > 40, "only {n_checked} fixtures ran");
    fixtures::assert_no_mismatch(mismatches);
}
