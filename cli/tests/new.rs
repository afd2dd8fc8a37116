//! `resuma new` as a user runs it: the real binary writes each template, and the result
//! builds with cargo against this checkout; the refusals leave the disk untouched.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh, empty scratch directory for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("resuma-new").join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn resuma_new(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_resuma-cli"))
        .arg("new")
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("resuma runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The target directory the workspace builds into, shared so that the generated apps
/// reuse the checkout's compiled dependencies.
fn shared_target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"),
    }
}

fn cargo(app: &Path, args: &[&str]) {
    let out = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(app)
        .env("CARGO_TARGET_DIR", shared_target_dir())
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo {args:?} failed in {}:\n{}",
        app.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn each_template_is_a_crate_that_builds_against_the_checkout() {
    let dir = scratch("build");
    for (name, template, files) in [
        ("basic-app", "basic", &["src/components/counter.rs", "src/components/home.rs"][..]),
        ("todo_app", "todo", &["src/store.rs", "src/todos.rs", "src/components/todo_list.rs"][..]),
        (
            "flow_app",
            "flow",
            &[
                "build.rs",
                "src/pages/index.rs",
                "src/pages/blog/[slug].rs",
                "src/pages/admin/_middleware.rs",
            ][..],
        ),
    ] {
        let (code, stdout, stderr) = resuma_new(&dir, &[name, "--template", template]);
        assert_eq!(code, 0, "{stdout}{stderr}");
        assert!(
            stdout.contains(&format!("Created `{name}` from the {template} template")),
            "{stdout}"
        );
        let app = dir.join(name);
        for file in ["Cargo.toml", "Cargo.lock", "README.md", ".gitignore", "src/main.rs"]
            .iter()
            .chain(files)
        {
            assert!(app.join(file).is_file(), "{template}: {file} is missing");
        }
        let manifest = std::fs::read_to_string(app.join("Cargo.toml")).unwrap();
        assert!(manifest.contains(&format!("name = \"{name}\"")), "{manifest}");
        // Built from a checkout, the CLI points the app at it, so it builds offline.
        let framework = std::fs::canonicalize(concat!(env!("CARGO_MANIFEST_DIR"), "/../framework"));
        let dependency = format!(
            "resuma = {{ path = \"{}\", default-features = false, features = [\"app\"] }}",
            framework.unwrap().display()
        );
        assert!(manifest.contains(&dependency), "{manifest}");
        assert!(manifest.contains("\n[workspace]\n"), "{manifest}");
        let readme = std::fs::read_to_string(app.join("README.md")).unwrap();
        assert!(readme.starts_with(&format!("# {name}\n")), "{readme}");
        // Inside this workspace's target/ folder, it builds as its own workspace.
        cargo(&app, &["build"]);
    }
    // The todo app's own tests: SQLite store and title checks.
    cargo(&dir.join("todo_app"), &["test"]);
}

fn cargo_output(app: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO"))
        .args(args)
        .current_dir(app)
        .env("CARGO_TARGET_DIR", shared_target_dir())
        .output()
        .expect("cargo runs")
}

/// `GET path` on `port` over HTTP/1.1: the status line's code, the head and the body.
fn http_get(port: u16, path: &str, cookie: &str) -> Option<(u16, String, String)> {
    use std::io::{Read as _, Write as _};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    let cookie = if cookie.is_empty() { String::new() } else { format!("cookie: {cookie}\r\n") };
    let request =
        format!("GET {path} HTTP/1.1\r\nhost: localhost\r\n{cookie}connection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).ok()?;
    let mut raw = String::new();
    stream.read_to_string(&mut raw).ok()?;
    let (head, body) = raw.split_once("\r\n\r\n")?;
    let status = head.split(' ').nth(1)?.parse().ok()?;
    Some((status, head.to_owned(), body.to_owned()))
}

/// #14: the flow template serves its routes, and what the compiler and the build script
/// refuse: a link to a page that does not exist, and two files on one route.
#[test]
fn the_flow_template_serves_its_pages_and_refuses_broken_links_and_route_conflicts() {
    let dir = scratch("flow");
    let (code, stdout, stderr) = resuma_new(&dir, &["blog_app", "--template", "flow"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let app = dir.join("blog_app");
    let manifest = std::fs::read_to_string(app.join("Cargo.toml")).unwrap();
    let build = std::fs::canonicalize(concat!(env!("CARGO_MANIFEST_DIR"), "/../build")).unwrap();
    assert!(
        manifest.contains(&format!("resuma-build = {{ path = \"{}\" }}", build.display())),
        "{manifest}"
    );
    cargo(&app, &["build"]);

    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let _server = Kill(
        Command::new(shared_target_dir().join("debug/blog_app"))
            .current_dir(&app)
            .env("RESUMA_ADDR", format!("127.0.0.1:{port}"))
            .env("BLOG_DB", ":memory:")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("the app starts"),
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while http_get(port, "/", "").is_none() {
        assert!(std::time::Instant::now() < deadline, "the flow app never answered");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let (status, _, body) = http_get(port, "/blog/hello", "").unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("<title>Hello, Flow · Blog</title>"), "{body}");
    assert!(body.contains("<h1>Hello, Flow</h1>"), "the post from SQLite: {body}");
    assert!(body.contains("<a href=\"/blog\">Blog (3)</a>"), "the layout's load: {body}");
    let (status, _, body) = http_get(port, "/blog/nope", "").unwrap();
    assert_eq!(status, 404, "{body}");
    let (status, head, _) = http_get(port, "/admin", "").unwrap();
    assert_eq!(status, 303, "{head}");
    assert!(head.to_ascii_lowercase().contains("location: /login"), "{head}");
    let (status, _, body) = http_get(port, "/admin", "admin=letmein").unwrap();
    assert_eq!(status, 200, "{body}");
    let (status, head, body) = http_get(port, "/", "").unwrap();
    assert_eq!(status, 200);
    assert!(head.to_ascii_lowercase().contains("cache-control: public, max-age=60"), "{head}");
    assert!(!body.contains("<script"), "no handlers on the home page: {body}");

    // A link to a page that does not exist does not compile.
    let about = app.join("src/pages/about.rs");
    let original = std::fs::read_to_string(&about).unwrap();
    let broken =
        original.replace("view! {", "let _missing = crate::pages::contact::path();\n    view! {");
    assert_ne!(broken, original, "the about page has a view");
    std::fs::write(&about, &broken).unwrap();
    let out = cargo_output(&app, &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "a link to a missing page built");
    assert!(stderr.contains("could not find `contact` in `pages`"), "{stderr}");
    std::fs::write(&about, &original).unwrap();

    // Two files on one route fail the build script, naming both.
    std::fs::create_dir_all(app.join("src/pages/about")).unwrap();
    std::fs::write(app.join("src/pages/about/index.rs"), &original).unwrap();
    let out = cargo_output(&app, &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "two pages on /about built");
    assert!(
        stderr.contains("R070 about.rs: `about.rs` and `about/index.rs` both serve /about"),
        "{stderr}"
    );
}

/// The flow template is `examples/flow`'s shape: every source file but `main.rs` (which
/// names the database and the title) is the example's, byte for byte.
#[test]
fn the_flow_template_is_the_examples_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let template = root.join("templates/flow");
    let example = root.join("../examples/flow");
    let mut files = vec![PathBuf::from("build.rs")];
    let mut folders = vec![PathBuf::from("src")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(template.join(&folder)).unwrap() {
            let path = folder.join(entry.unwrap().file_name());
            if template.join(&path).is_dir() {
                folders.push(path);
            } else if path != Path::new("src/main.rs") {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 10, "{files:?}");
    for file in files {
        let ours = std::fs::read_to_string(template.join(&file)).unwrap();
        let theirs = std::fs::read_to_string(example.join(&file))
            .unwrap_or_else(|err| panic!("examples/flow/{}: {err}", file.display()));
        assert!(
            ours == theirs,
            "cli/templates/flow/{0} differs from examples/flow/{0}",
            file.display()
        );
    }
}

#[test]
fn the_dependency_follows_the_flags() {
    let dir = scratch("flags");
    let (code, _, stderr) = resuma_new(&dir, &["published", "--from-registry"]);
    assert_eq!(code, 0, "{stderr}");
    let manifest = std::fs::read_to_string(dir.join("published/Cargo.toml")).unwrap();
    assert!(manifest.contains(&registry_dependency()), "{manifest}");
    assert!(!dir.join("published/Cargo.lock").exists(), "no lock file from a checkout");

    let framework = concat!(env!("CARGO_MANIFEST_DIR"), "/../framework");
    let (code, _, stderr) = resuma_new(&dir, &["local", "--resuma-path", framework]);
    assert_eq!(code, 0, "{stderr}");
    let manifest = std::fs::read_to_string(dir.join("local/Cargo.toml")).unwrap();
    let framework = std::fs::canonicalize(framework).unwrap();
    assert!(manifest.contains(&format!("path = \"{}\"", framework.display())), "{manifest}");

    let (code, _, stderr) = resuma_new(&dir, &["nowhere", "--resuma-path", "/no/such/checkout"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("is not a Resuma checkout"), "{stderr}");
    assert!(!dir.join("nowhere").exists());
}

/// The line `resuma new --from-registry` writes: this CLI's version, which is every crate's.
fn registry_dependency() -> String {
    format!(
        "resuma = {{ version = \"{}\", default-features = false, features = [\"app\"] }}",
        env!("CARGO_PKG_VERSION")
    )
}

/// #16: the version is set once, in `[workspace.package]` (the product page's), and every
/// crate and path dependency follows it, so `--from-registry` asks for the framework the
/// command was published with; the README and the crate's docs show the same line.
#[test]
fn every_crate_has_the_workspace_version_and_the_registry_line_follows_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let read = |path: &str| -> toml::Table {
        toml::from_str(&std::fs::read_to_string(root.join(path)).unwrap()).unwrap()
    };
    let workspace = read("Cargo.toml");
    let version = workspace["workspace"]["package"]["version"].as_str().unwrap();
    assert_eq!(version, "0.3.3", "the product page shows v0.3.3");
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
    let dependencies = workspace["workspace"]["dependencies"].as_table().unwrap();
    let mut n_paths = 0;
    for (name, spec) in dependencies {
        if spec.get("path").is_some() {
            n_paths += 1;
            assert_eq!(spec.get("version").and_then(|it| it.as_str()), Some(version), "{name}");
        }
    }
    assert_eq!(n_paths, 6, "{dependencies:?}");
    for folder in ["analysis", "macros", "framework", "build", "lsp", "cli"] {
        let package = &read(&format!("{folder}/Cargo.toml"))["package"];
        assert_eq!(package["version"]["workspace"].as_bool(), Some(true), "{folder}");
    }
    for doc in ["README.md", "framework/src/lib.rs"] {
        let text = std::fs::read_to_string(root.join(doc)).unwrap();
        assert!(text.contains(&registry_dependency()), "{doc}: {}", registry_dependency());
    }
}

#[test]
fn a_non_empty_directory_is_refused_and_left_alone() {
    let dir = scratch("non-empty");
    std::fs::create_dir_all(dir.join("taken")).unwrap();
    std::fs::write(dir.join("taken/notes.txt"), "mine").unwrap();
    let (code, _, stderr) = resuma_new(&dir, &["taken", "--template", "todo"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("`taken` already exists and is not an empty directory"), "{stderr}");
    assert!(stderr.contains("never overwrites"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(dir.join("taken")).unwrap().collect();
    assert_eq!(left.len(), 1);
    assert_eq!(std::fs::read_to_string(dir.join("taken/notes.txt")).unwrap(), "mine");

    // A file in the way is refused the same way; an empty directory is fine.
    std::fs::write(dir.join("file"), "").unwrap();
    let (code, _, stderr) = resuma_new(&dir, &["file"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("`file` already exists"), "{stderr}");
    std::fs::create_dir(dir.join("empty")).unwrap();
    let (code, _, stderr) = resuma_new(&dir, &["empty"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn invalid_crate_names_are_refused_with_the_reason() {
    let dir = scratch("names");
    for (name, reason) in [
        ("2fast", "`2fast` starts with a digit"),
        ("fn", "`fn` is a Rust keyword"),
        ("my app", "`my app` contains ' '"),
        ("test", "`test` is taken by Rust's built-in test library"),
        ("resuma", "`resuma` is taken by the framework the app depends on"),
    ] {
        let (code, stdout, stderr) = resuma_new(&dir, &[name]);
        assert_eq!(code, 1, "{name}: {stdout}");
        assert!(stderr.contains("invalid crate name"), "{name}: {stderr}");
        assert!(stderr.contains(reason), "{name}: {stderr}");
        assert!(!dir.join(name).exists(), "{name}: nothing is written");
    }
}

#[test]
fn help_says_what_each_option_does() {
    let out =
        Command::new(env!("CARGO_BIN_EXE_resuma-cli")).args(["new", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for expected in
        ["--template", "basic:", "todo:", "flow:", "--resuma-path", "--from-registry", "empty"]
    {
        assert!(help.contains(expected), "missing {expected:?} in:\n{help}");
    }
}
