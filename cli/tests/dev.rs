//! `resuma dev` without a browser: before any good build, the page's address answers with
//! the errors (never a refused connection); the terminal says what happened and how long
//! it took; a fix brings the app up; Ctrl-C ends everything with exit code 0. On a Flow app
//! a page file written under `src/pages/` is a route after the rebuild, and gone after
//! the rebuild that follows its deletion.

use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn shared_target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"),
    }
}

/// `GET /` as (status, body); `None` while nothing answers.
fn get(port: u16) -> Option<(u16, String)> {
    get_path(port, "/")
}

/// `GET path` as (status, body); `None` while nothing answers.
fn get_path(port: u16, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n")
        .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split(' ').nth(1)?.parse().ok()?;
    Some((status, response))
}

/// Polls `GET /` until `done` accepts the answer.
fn wait_for(port: u16, what: &str, done: impl Fn(u16, &str) -> bool) -> String {
    wait_for_path(port, "/", what, done)
}

/// Polls `GET path` until `done` accepts the answer.
fn wait_for_path(port: u16, path: &str, what: &str, done: impl Fn(u16, &str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        if let Some((status, body)) = get_path(port, path) {
            if done(status, &body) {
                return body;
            }
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn errors_before_the_first_good_build_then_the_app_then_a_clean_stop() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("resuma-dev");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let made = Command::new(env!("CARGO_BIN_EXE_resuma-cli"))
        .args(["new", "dev_http"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(made.status.success());
    let app = dir.join("dev_http");
    let home = app.join("src/components/home.rs");
    let good = std::fs::read_to_string(&home).unwrap();
    std::fs::write(
        &home,
        good.replace("<h1 id=\"title\">", "<h1 id=\"title\" onClik={move |_| ()}>"),
    )
    .unwrap();

    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let stderr_path = dir.join("dev.stderr");
    let mut dev = Command::new(env!("CARGO_BIN_EXE_resuma-cli"))
        .args(["dev", "--addr", &format!("127.0.0.1:{port}")])
        .current_dir(&app)
        .env("CARGO_TARGET_DIR", shared_target_dir())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&stderr_path).unwrap())
        .spawn()
        .unwrap();

    let waiting =
        wait_for(port, "the errors page", |status, body| status == 503 && body.contains("R005"));
    assert!(waiting.contains("waiting for a successful build"), "{waiting}");
    assert!(waiting.contains("unknown event `onClik`"), "{waiting}");
    assert!(waiting.contains("src/components/home.rs:"), "{waiting}");

    std::fs::write(&home, &good).unwrap();
    let page = wait_for(port, "the app", |status, _| status == 200);
    assert!(page.contains("Welcome to Resuma"), "{page}");
    assert!(page.contains("/_resuma/dev"), "the page carries the dev client: {page}");

    interrupt(&dev);
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = dev.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "resuma dev did not stop on SIGINT");
        std::thread::sleep(Duration::from_millis(50));
    };
    let stderr = std::fs::read_to_string(&stderr_path).unwrap();
    assert!(status.success(), "{status}: {stderr}");
    assert!(
        stderr.contains("first build: check ") && stderr.contains("1 Resuma error(s)"),
        "{stderr}"
    );
    assert!(stderr.contains("src/components/home.rs: check "), "{stderr}");
    assert!(
        stderr.contains(" build ") && stderr.contains(" start ") && stderr.contains("reloaded"),
        "{stderr}"
    );
    assert!(stderr.contains("resuma dev: stopping"), "{stderr}");
    assert!(get(port).is_none(), "nothing listens on the page's address any more");
}

/// Ctrl-C, as a terminal sends it.
fn interrupt(child: &std::process::Child) {
    let killed = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
}

/// A Flow app of its own (its own workspace, path dependencies on this checkout, and the
/// checkout's `Cargo.lock`, so that it builds offline with the shared target directory).
fn write_flow_app(dir: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().unwrap();
    let dep = |folder: &str| format!("{{ path = {:?} }}", root.join(folder).display().to_string());
    std::fs::create_dir_all(dir.join("src/pages")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"dev_flow\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
             [dependencies]\nresuma = {}\n\n[build-dependencies]\nresuma-build = {}\n\n[workspace]\n",
            dep("framework"),
            dep("build")
        ),
    )
    .unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(dir.join("build.rs"), "fn main() {\n    resuma_build::pages();\n}\n").unwrap();
    std::fs::write(
        dir.join("src/main.rs"),
        "mod pages {\n    resuma::pages!();\n}\n\nfn main() -> std::io::Result<()> {\n    \
         resuma::flow::FlowApp::new(pages::all()).run()\n}\n",
    )
    .unwrap();
    std::fs::write(dir.join("src/pages/index.rs"), page("Home", "home")).unwrap();
}

fn page(name: &str, text: &str) -> String {
    format!(
        "use resuma::prelude::*;\n\n#[component]\npub fn {name}() -> View {{\n    \
         view! {{ <p>{text:?}</p> }}\n}}\n"
    )
}

/// #14: "a new file under src/pages/ is a new route with no other edit", in `resuma dev`.
#[test]
fn a_page_file_written_then_deleted_is_a_route_then_a_404() {
    let app = Path::new(env!("CARGO_TARGET_TMPDIR")).join("resuma-dev-flow");
    let _ = std::fs::remove_dir_all(&app);
    write_flow_app(&app);
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let stderr_path = app.with_extension("stderr");
    let mut dev = Command::new(env!("CARGO_BIN_EXE_resuma-cli"))
        .args(["dev", "--addr", &format!("127.0.0.1:{port}")])
        .current_dir(&app)
        .env("CARGO_TARGET_DIR", shared_target_dir())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&stderr_path).unwrap())
        .spawn()
        .unwrap();
    let stderr = || std::fs::read_to_string(&stderr_path).unwrap_or_default();

    let home = wait_for(port, "the Flow app", |status, _| status == 200);
    assert!(home.contains("home"), "{home}\n{}", stderr());
    let (status, _) = get_path(port, "/new_page").unwrap();
    assert_eq!(status, 404);

    let new_page = app.join("src/pages/new_page.rs");
    std::fs::write(&new_page, page("NewPage", "a new page")).unwrap();
    let body = wait_for_path(port, "/new_page", "the new page", |status, _| status == 200);
    assert!(body.contains("a new page"), "{body}");

    std::fs::remove_file(&new_page).unwrap();
    wait_for_path(port, "/new_page", "the deleted page to go", |status, _| status == 404);
    assert_eq!(get(port).map(|it| it.0), Some(200), "the rest of the app still serves");

    interrupt(&dev);
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = dev.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "resuma dev did not stop on SIGINT");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}: {}", stderr());
    let log = stderr();
    assert!(log.contains("src/pages/new_page.rs"), "the rebuilds name the page file: {log}");
}
