//! `resuma build` as a user runs it: the real binary builds a generated app for release,
//! finds its pages by following links, and reports the JavaScript each ships.

use std::path::{Path, PathBuf};
use std::process::Command;

fn shared_target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"),
    }
}

fn resuma(cwd: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_resuma"))
        .args(args)
        .current_dir(cwd)
        .env("CARGO_TARGET_DIR", shared_target_dir())
        .output()
        .expect("resuma runs")
}

#[test]
fn pages_are_listed_by_the_app_and_measured() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("resuma-build");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let out = resuma(&dir, &["new", "build_basic"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let app = dir.join("build_basic");
    // A static page, reached by a link from the home page, and one no link reaches.
    let main = app.join("src/main.rs");
    let text = std::fs::read_to_string(&main).unwrap().replace(
        ".page(\"/\", components::Home)",
        ".page(\"/\", components::Home).page(\"/about\", || view! { <p>\"About\"</p> })\
         .page(\"/hidden\", || view! { <p>\"Hidden\"</p> })",
    );
    std::fs::write(&main, text).unwrap();
    let home = app.join("src/components/home.rs");
    let text = std::fs::read_to_string(&home).unwrap().replace(
        "<section id=\"about\">",
        "<section id=\"about\"><a href=\"/about\">\"About\"</a>",
    );
    std::fs::write(&home, text).unwrap();

    let out = resuma(&app, &["build", "--json", "--route", "/missing"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("cargo build --release"), "{stderr}");
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let routes: Vec<&str> =
        rows.as_array().unwrap().iter().map(|row| row["route"].as_str().unwrap()).collect();
    // The app's own list first (an unlinked page too), then --route.
    assert_eq!(routes, ["/", "/about", "/hidden", "/missing"]);
    let [home, about, hidden, missing] = [&rows[0], &rows[1], &rows[2], &rows[3]];
    assert_eq!(hidden["status"], 200);
    // The counter's page: the inlined loader, then the core and its chunk.
    let initial = home["initial_js_gz"].as_u64().unwrap();
    let first = home["first_interaction_js_gz"].as_u64().unwrap();
    assert!((200..2048).contains(&initial), "{home}");
    assert!(first > initial + 300, "{home}");
    assert_eq!(missing["status"], 404);
    // A static page ships no JavaScript at all.
    assert_eq!(about["status"], 200);
    assert_eq!(about["initial_js_gz"], 0);
    assert_eq!(about["first_interaction_js_gz"], 0);

    // The table, for people.
    let out = resuma(&app, &["build"]);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("Route")
            && table.contains("Initial JS")
            && table.contains("First interaction"),
        "{table}"
    );
    assert!(
        table.lines().any(|line| line.starts_with("/about") && line.trim_end().ends_with("0 B")),
        "{table}"
    );
}

#[test]
fn a_directory_without_an_app_is_a_clear_error() {
    let out = resuma(Path::new(env!("CARGO_TARGET_TMPDIR")), &["build", "no-such-app"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot open no-such-app"));
}
