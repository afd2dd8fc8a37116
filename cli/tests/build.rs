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
    Command::new(env!("CARGO_BIN_EXE_resuma-cli"))
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

/// Flow (#14): every static route of the route table `src/pages/` gives is measured
/// without the app listing it, each row names its page file, and a parameterised route
/// is measured when given with `--route` (never fetched as its pattern).
#[test]
fn a_flow_app_s_static_routes_come_from_its_pages_folder() {
    use resuma_analysis::routes::{page_files_in, route_table};
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/flow");
    let table = route_table(&page_files_in(&app.join("src/pages")).unwrap());
    let out = resuma(&app, &["build", "--json", "--route", "/blog/hello"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let rows = rows.as_array().unwrap();
    let shown =
        |row: &serde_json::Value| format!("{} {} {}", row["route"], row["file"], row["pattern"]);
    // `/`, then the table's static routes in precedence order, each with its file.
    let mut expected = vec!["\"/\" \"index.rs\" \"/\"".to_owned()];
    for route in table.routes.iter().filter(|it| it.params.is_empty() && it.pattern != "/") {
        expected.push(format!("{:?} {:?} {:?}", route.pattern, route.page.file, route.pattern));
    }
    assert!(expected.len() >= 3, "{expected:?}");
    let first: Vec<String> = rows.iter().take(expected.len()).map(shown).collect();
    assert_eq!(first, expected);
    let hello = rows.iter().find(|it| it["route"] == "/blog/hello").expect("the --route row");
    assert_eq!(shown(hello), "\"/blog/hello\" \"blog/[slug].rs\" \"/blog/{slug}\"");
    assert_eq!(hello["status"], 200);
    assert!(rows.iter().all(|it| !it["route"].as_str().unwrap().contains('{')), "{rows:?}");

    let out = resuma(&app, &["build", "--route", "/blog/hello"]);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("File") && table.contains("Route"), "{table}");
    assert!(
        table
            .lines()
            .any(|line| line.starts_with("blog/[slug].rs") && line.contains("/blog/hello")),
        "{table}"
    );
}
