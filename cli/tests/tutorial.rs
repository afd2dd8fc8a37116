//! The tutorial (`docs/tutorial/*.md`) as a reader follows it: `resuma new notes`, then
//! each step's files written in order, the app built and served after each step, and
//! what the page says the reader sees checked over HTTP.
//!
//! The pages are the code: a fenced block of a step page whose first line is `// PATH`
//! (Rust), `# PATH` (TOML) or `/* PATH */` (CSS) is the whole file PATH of the app as
//! that step leaves it, and a line `rm PATH` of an `sh` block deletes one. Step 1
//! writes nothing: its blocks quote what `resuma new` wrote and must be found there. In
//! a page's `Cargo.toml` the framework is `version = "…"` (what a reader writes); the
//! test checks that it is this checkout's version and builds against the checkout.
//!
//! Every step builds in one app directory into the shared target directory, with the
//! checkout's `Cargo.lock`, offline. Warm, the whole tutorial takes about 10 s here (2
//! cores): each step is an incremental build of the app, a second or two, then its
//! checks. Cold, the first build compiles the framework and its dependencies for the
//! app once, and SQLite's C code: a few minutes.

use std::collections::BTreeMap;
use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// What a step's reader sees, checked on its built app.
type Check = fn(&Step);

/// The steps, in order: the page and what its reader sees.
const STEPS: &[(&str, Check)] = &[
    ("01-counter.md", step_1),
    ("02-list.md", step_2),
    ("03-server-fn.md", step_3),
    ("04-pages.md", step_4),
    ("05-forms.md", step_5),
    ("06-layout.md", step_6),
    ("07-auth.md", step_7),
    ("08-deploy.md", step_8),
];

/// The password and secrets the pages tell the reader to set.
const PASSWORD: &str = "correct-horse";
const NOTES_SECRET: &str = "a secret of at least thirty-two bytes";
const RESUMA_SECRET: &str = "another secret, also thirty-two bytes or more";

#[test]
fn the_tutorial_builds_and_each_step_serves_what_its_page_says() {
    let started = Instant::now();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let tutorial = root.join("docs/tutorial");
    let mut pages: Vec<String> = std::fs::read_dir(&tutorial)
        .unwrap()
        .map(|it| it.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".md"))
        .collect();
    pages.sort();
    let steps: Vec<&str> = STEPS.iter().map(|(page, _)| *page).collect();
    assert_eq!(pages, steps, "every page of docs/tutorial/ is a step this test checks");

    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tutorial");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("rustfmt.toml"), "").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_resuma-cli"))
        .args(["new", "notes"])
        .current_dir(&dir)
        .output()
        .expect("resuma runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let app = dir.join("notes");

    for (n, (page, check)) in STEPS.iter().enumerate() {
        let at = Instant::now();
        let markdown = std::fs::read_to_string(tutorial.join(page)).unwrap();
        let edits = edits(&markdown);
        assert!(!edits.is_empty(), "{page}: no files");
        for edit in &edits {
            if n == 0 {
                edit.check_quote(&app, page);
            } else {
                edit.apply(&app, &root, page);
            }
        }
        if n > 0 {
            check_format(&app, &edits, page);
        }
        build(&app, page);
        let step = Step { app: app.clone(), page, db: dir.join(format!("step{}.db", n + 1)) };
        check(&step);
        eprintln!("{page}: {:.1} s", at.elapsed().as_secs_f64());
    }
    eprintln!("the tutorial: {:.1} s", started.elapsed().as_secs_f64());
}

/// What a page does to the app.
#[derive(Debug)]
enum Edit {
    /// The whole file at this path.
    Write { path: String, text: String },
    /// `rm PATH` or `rm -r PATH`.
    Remove { path: String },
}

/// The files and deletions of a page, in its order.
fn edits(markdown: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut lines = markdown.lines();
    while let Some(line) = lines.next() {
        let Some(info) = line.strip_prefix("```") else { continue };
        let code: Vec<&str> = lines.by_ref().take_while(|it| !it.starts_with("```")).collect();
        let Some(first) = code.first() else { continue };
        let language = info.split([',', ' ']).next().unwrap_or_default();
        let path = match language {
            "rust" => first.strip_prefix("// "),
            "toml" => first.strip_prefix("# "),
            "css" => first.strip_prefix("/* ").and_then(|it| it.strip_suffix(" */")),
            "sh" => {
                for line in &code {
                    let command = line.split('#').next().unwrap_or_default().trim();
                    if let Some(path) = command.strip_prefix("rm ") {
                        let path = path.trim_start_matches("-r ").trim().to_owned();
                        edits.push(Edit::Remove { path });
                    }
                }
                None
            }
            _ => None,
        };
        // A path is one word with a slash or a dot (`src/main.rs`, `Cargo.toml`); a
        // comment such as `// not compiled: …` is not one.
        let Some(path) = path.filter(|it| !it.contains(' ') && it.contains(['/', '.'])) else {
            continue;
        };
        let text = code[1..].join("\n") + "\n";
        edits.push(Edit::Write { path: path.to_owned(), text });
    }
    edits
}

impl Edit {
    /// Writes or deletes in `app`; a `Cargo.toml` gets the checkout's path for Resuma.
    fn apply(&self, app: &Path, root: &Path, page: &str) {
        match self {
            Edit::Write { path, text } => {
                let text = if path == "Cargo.toml" {
                    checkout_manifest(text, root, page)
                } else {
                    text.clone()
                };
                let file = app.join(path);
                std::fs::create_dir_all(file.parent().unwrap()).unwrap();
                std::fs::write(&file, text).unwrap();
            }
            Edit::Remove { path } => {
                let file = app.join(path);
                let removed = if file.is_dir() {
                    std::fs::remove_dir_all(&file)
                } else {
                    std::fs::remove_file(&file)
                };
                removed.unwrap_or_else(|err| panic!("{page}: rm {path}: {err}"));
            }
        }
    }

    /// Step 1 quotes: each block's lines are in the file `resuma new` wrote, together.
    fn check_quote(&self, app: &Path, page: &str) {
        let Edit::Write { path, text } = self else { panic!("{page} deletes a file") };
        let file = std::fs::read_to_string(app.join(path)).unwrap_or_else(|err| {
            panic!("{page} quotes {path}, which resuma new did not write: {err}")
        });
        assert!(file.contains(text.as_str()), "{page} quotes {path}, which does not hold:\n{text}");
    }
}

/// `manifest` with `version = "…"` of `resuma` and `resuma-build` replaced by this
/// checkout's path; the version must be the checkout's.
fn checkout_manifest(manifest: &str, root: &Path, page: &str) -> String {
    let root = std::fs::canonicalize(root).unwrap();
    let version = format!("version = \"{}\"", env!("CARGO_PKG_VERSION"));
    let mut n_replaced = 0;
    let lines: Vec<String> = manifest
        .lines()
        .map(|line| {
            let folder = match line.split(" = ").next() {
                Some("resuma") => "framework",
                Some("resuma-build") => "build",
                _ => return line.to_owned(),
            };
            assert!(line.contains(&version), "{page}: `{line}` is not {version}");
            n_replaced += 1;
            let path = format!("path = \"{}\"", root.join(folder).display());
            line.replacen(&version, &path, 1)
        })
        .collect();
    assert!(n_replaced > 0, "{page}: its Cargo.toml has no resuma");
    lines.join("\n") + "\n"
}

/// The target directory the workspace builds into, shared so that the app reuses the
/// checkout's compiled dependencies.
fn shared_target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"),
    }
}

/// `cargo build` of the app: no error, and no warning about its code.
fn build(app: &Path, page: &str) {
    // The checkout's lock file, as `resuma new` copied it: the same versions every
    // step, all of them already downloaded.
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    std::fs::copy(lock, app.join("Cargo.lock")).unwrap();
    let out = Command::new(env!("CARGO"))
        .args(["build", "--offline"])
        .current_dir(app)
        .env("CARGO_TARGET_DIR", shared_target_dir())
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{page}: cargo build failed:\n{stderr}");
    let warned = stderr.lines().any(|it| {
        it.contains("--> src/")
            || it.starts_with("warning: `notes`")
            || it.starts_with("warning: notes@")
    });
    assert!(!warned, "{page}: the app builds with warnings:\n{stderr}");
}

/// The Rust files a step writes are as rustfmt writes them, with its defaults (the
/// empty `rustfmt.toml` beside the app stands for the reader's none), so that
/// `cargo fmt` in the reader's app changes nothing the tutorial wrote.
fn check_format(app: &Path, edits: &[Edit], page: &str) {
    let files: Vec<&str> = edits
        .iter()
        .filter_map(|edit| match edit {
            Edit::Write { path, .. } if path.ends_with(".rs") => Some(path.as_str()),
            _ => None,
        })
        .collect();
    if files.is_empty() {
        return;
    }
    let out = Command::new("rustfmt")
        .args(["--edition", "2021", "--check"])
        .args(&files)
        .current_dir(app)
        .output()
        .expect("rustfmt runs");
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{page}: not as rustfmt writes it:\n{diff}");
}

/// One step's app, built.
struct Step {
    app: PathBuf,
    page: &'static str,
    /// Its database file.
    db: PathBuf,
}

impl Step {
    /// The app serving on a free port, with `env` and `NOTES_DB` set.
    fn start(&self, env: &[(&str, &str)]) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(shared_target_dir().join("debug/notes"))
            .current_dir(&self.app)
            .env("RESUMA_ADDR", format!("127.0.0.1:{port}"))
            .env("NOTES_DB", &self.db)
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the app starts");
        let server = Server { child, port };
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "{}: the app never answered", self.page);
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }

    /// What the app says on stderr when it refuses to start with `env`.
    fn refusal(&self, env: &[(&str, &str)]) -> String {
        let mut child = Command::new(shared_target_dir().join("debug/notes"))
            .current_dir(&self.app)
            .env("RESUMA_ADDR", "127.0.0.1:0")
            .env("NOTES_DB", &self.db)
            .env_remove("NOTES_PASSWORD")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the app runs");
        let deadline = Instant::now() + Duration::from_secs(30);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("{}: the app started with {env:?}", self.page);
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(!status.success(), "{}: the app exited 0", self.page);
        let mut stderr = String::new();
        child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        stderr
    }
}

/// A running app; stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// A new visitor: no cookies.
    fn visitor(&self) -> Visitor {
        Visitor { port: self.port, cookies: BTreeMap::new(), csrf: String::new() }
    }
}

/// An answer.
struct Response {
    status: u16,
    /// The head's lines after the status line, names in lowercase.
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(it, _)| it == name).map(|(_, value)| value.as_str())
    }

    /// Every `Set-Cookie` of the answer.
    fn set_cookies(&self) -> Vec<&str> {
        self.headers.iter().filter(|(it, _)| it == "set-cookie").map(|(_, v)| v.as_str()).collect()
    }

    #[track_caller]
    fn expect(&self, status: u16, texts: &[&str]) -> &Response {
        assert_eq!(self.status, status, "{:?}\n{}", self.headers, self.body);
        for text in texts {
            assert!(self.body.contains(text), "no {text:?} in:\n{}", self.body);
        }
        self
    }

    #[track_caller]
    fn lacks(&self, texts: &[&str]) -> &Response {
        for text in texts {
            assert!(!self.body.contains(text), "{text:?} in:\n{}", self.body);
        }
        self
    }

    /// The value of the first `attribute="…"` in the body after `after`.
    fn attribute(&self, after: &str, attribute: &str) -> String {
        let at = self.body.find(after).unwrap_or_else(|| panic!("no {after:?} in {}", self.body));
        let marker = format!("{attribute}=\"");
        let rest = &self.body[at..];
        let rest = &rest[rest.find(&marker).expect("the attribute") + marker.len()..];
        rest[..rest.find('"').unwrap()].to_owned()
    }
}

/// A browser without JavaScript (and `fetch` for server functions): its cookies, and
/// the CSRF token of the last page it read.
struct Visitor {
    port: u16,
    cookies: BTreeMap<String, String>,
    csrf: String,
}

impl Visitor {
    fn get(&mut self, path: &str) -> Response {
        self.send("GET", path, &[], "")
    }

    /// Posts `fields` as a form does, with the token and the `Origin` of this site.
    fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Response {
        let csrf = self.csrf.clone();
        let body: Vec<String> = [("_csrf", csrf.as_str())]
            .iter()
            .chain(fields)
            .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
            .collect();
        let origin = format!("http://127.0.0.1:{}", self.port);
        let headers =
            [("origin", origin.as_str()), ("content-type", "application/x-www-form-urlencoded")];
        self.send("POST", path, &headers, &body.join("&"))
    }

    /// Calls the server function `name` as the page's handlers do.
    fn call(&mut self, name: &str, args: serde_json::Value) -> serde_json::Value {
        let (origin, csrf) = (format!("http://127.0.0.1:{}", self.port), self.csrf.clone());
        let headers = [
            ("origin", origin.as_str()),
            ("x-resuma-csrf", csrf.as_str()),
            ("content-type", "application/json"),
        ];
        let res =
            self.send("POST", &format!("/_resuma/action/{name}"), &headers, &args.to_string());
        assert_eq!(res.status, 200, "{name}: {}", res.body);
        serde_json::from_str(&res.body).unwrap()
    }

    /// One HTTP/1.1 request; cookies sent and kept, the token of the page kept.
    fn send(&mut self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Response {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("the app listens");
        let mut request = format!(
            "{method} {path} HTTP/1.1\r\nhost: 127.0.0.1:{}\r\nconnection: close\r\ncontent-length: {}\r\n",
            self.port,
            body.len()
        );
        if !self.cookies.is_empty() {
            let cookies: Vec<String> =
                self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
            request.push_str(&format!("cookie: {}\r\n", cookies.join("; ")));
        }
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        request.push_str(body);
        stream.write_all(request.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8(raw).expect("UTF-8 answers");
        let (head, rest) = raw.split_once("\r\n\r\n").expect("a head");
        let mut lines = head.lines();
        let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers: Vec<(String, String)> = lines
            .filter_map(|it| it.split_once(": "))
            .map(|(name, value)| (name.to_ascii_lowercase(), value.to_owned()))
            .collect();
        let chunked = headers.iter().any(|(n, v)| n == "transfer-encoding" && v == "chunked");
        let body = if chunked { dechunk(rest) } else { rest.to_owned() };
        let res = Response { status, headers, body };
        for cookie in res.set_cookies() {
            let pair = cookie.split(';').next().unwrap_or_default();
            let (name, value) = pair.split_once('=').unwrap();
            if value.is_empty() || cookie.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        for marker in ["<meta name=\"resuma-csrf\" content=\"", "name=\"_csrf\" value=\""] {
            if let Some(at) = res.body.find(marker) {
                let rest = &res.body[at + marker.len()..];
                self.csrf = rest[..rest.find('"').unwrap()].to_owned();
            }
        }
        res
    }
}

/// A chunked body, decoded.
fn dechunk(mut rest: &str) -> String {
    let mut body = String::new();
    while let Some((size, after)) = rest.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap();
        if size == 0 {
            break;
        }
        body.push_str(&after[..size]);
        rest = &after[size + 2..];
    }
    body
}

/// `text` percent-encoded for a form body.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The handler chunk an attribute `data-r-on:EVENT="Chunk.HASH#…"` names, fetched.
#[track_caller]
fn handler_chunk(visitor: &mut Visitor, page: &Response, event: &str) -> String {
    let handler = page.attribute(&format!("data-r-on:{event}="), &format!("data-r-on:{event}"));
    let chunk = handler.trim_start_matches('!').split('#').next().unwrap().to_owned();
    let res = visitor.get(&format!("/_resuma/handler/{chunk}.js"));
    res.expect(200, &[]);
    assert!(res.header("content-type").unwrap().starts_with("text/javascript"), "{chunk}");
    res.body
}

/// 01-counter: the basic template's page, with the counter at 0 and its handler chunk.
fn step_1(step: &Step) {
    let server = step.start(&[]);
    let mut visitor = server.visitor();
    let home = visitor.get("/");
    home.expect(
        200,
        &["<h1 id=\"title\">Welcome to Resuma</h1>", "Clicked <!--r:0-->0<!--/r--> times"],
    );
    handler_chunk(&mut visitor, &home, "click");
}

/// 02-list: the two notes written in `home.rs`, their count, and the list's handlers.
fn step_2(step: &Step) {
    let server = step.start(&[]);
    let mut visitor = server.visitor();
    let home = visitor.get("/");
    home.expect(
        200,
        &["<h1>Notes</h1>", "Milk<!--/r-->", "Two litres.<!--/r-->", "Tutorial<!--/r-->"],
    )
    .expect(200, &["Notes: <!--r:", "-->2<!--/r-->", "aria-label=\"New note\""])
    .lacks(&["No notes yet."]);
    let chunk = handler_chunk(&mut visitor, &home, "submit");
    assert!(chunk.contains("preventDefault"), "{chunk}");
}

/// 03-server-fn: server functions add and remove notes in SQLite; the page is read from
/// it, across restarts; a call without the page's token is refused.
fn step_3(step: &Step) {
    let server = step.start(&[]);
    let mut visitor = server.visitor();
    visitor.get("/").expect(200, &["No notes yet.", "Notes: <!--r:3-->0<!--/r-->"]);
    let milk = visitor.call("add_note", serde_json::json!(["  Milk "]));
    assert_eq!(milk, serde_json::json!({"ok": {"id": 1, "title": "Milk", "body": ""}}));
    let bread = visitor.call("add_note", serde_json::json!(["Bread"]));
    assert_eq!(bread["ok"]["id"], 2, "{bread}");
    let blank = visitor.call("add_note", serde_json::json!(["   "]));
    assert_eq!(blank["err"], "A note needs a title.", "{blank}");
    let long = visitor.call("add_note", serde_json::json!(["x".repeat(81)]));
    assert_eq!(long["err"], "A title has at most 80 characters.", "{long}");
    assert_eq!(
        visitor.call("remove_note", serde_json::json!([2])),
        serde_json::json!({"ok": null})
    );
    let gone = visitor.call("remove_note", serde_json::json!([2]));
    assert_eq!(gone["err"], "Note 2 is gone already: reload the page.", "{gone}");
    // What the page's curl command shows: no token, no call.
    let res = visitor.send(
        "POST",
        "/_resuma/action/add_note",
        &[("content-type", "application/json")],
        "[\"Milk\"]",
    );
    assert_eq!(res.status, 403, "{}", res.body);
    assert!(res.body.contains("\"kind\":\"cross_origin\""), "{}", res.body);
    drop(server);
    // Stopped and started again: the note is in notes.db.
    let server = step.start(&[]);
    server
        .visitor()
        .get("/")
        .expect(200, &["Milk<!--/r-->", "-->1<!--/r-->"])
        .lacks(&["Bread", "No notes yet."]);
}

/// 04-pages: `/` ships no JavaScript, `/notes` lists the notes of its load with links,
/// `/notes/{id}` is one note with its title, an unknown or malformed id the 404 page.
fn step_4(step: &Step) {
    let server = step.start(&[]);
    let mut visitor = server.visitor();
    visitor.get("/").expect(200, &["<a href=\"/notes\">Your notes</a>"]).lacks(&["<script"]);
    visitor.get("/notes").expect(200, &["<h1>Your notes</h1>", "No notes yet."]);
    visitor.call("add_note", serde_json::json!(["Milk"]));
    visitor.get("/notes").expect(200, &["<a href=\"/notes/1\" ", "Milk<!--/r-->"]);
    visitor.get("/notes/1").expect(200, &["<title>Milk · Notes</title>", "<h1>Milk</h1>"]);
    for path in ["/notes/2", "/notes/abc", "/nope"] {
        visitor.get(path).expect(404, &["<h1>Nothing here</h1>"]);
    }
}

/// 05-forms: the note's form, without JavaScript: a title of spaces is its field's
/// error, status 422, what was typed kept and nothing saved; a good one is saved and
/// answered with a redirect to the note.
fn step_5(step: &Step) {
    let server = step.start(&[]);
    let mut visitor = server.visitor();
    visitor.get("/notes");
    visitor.call("add_note", serde_json::json!(["Milk"]));
    visitor.get("/notes/1").expect(
        200,
        &[
            "action=\"?_submit=save\"",
            "<input name=\"title\" value=\"Milk\" required maxlength=\"80\">",
        ],
    );
    let fields = [("title", "   "), ("body", "Kept text")];
    visitor.post_form("/notes/1?_submit=save", &fields).expect(422, &[
        "aria-invalid=\"true\" aria-describedby=\"r-error-save-title\"",
        "<span class=\"r-field-error\" id=\"r-error-save-title\">A title needs more than spaces.</span>",
        ">Kept text</textarea>",
        "<h1>Milk</h1>",
    ]);
    let long = "x".repeat(5001);
    let res = visitor.post_form("/notes/1?_submit=save", &[("title", "Milk"), ("body", &long)]);
    res.expect(422, &["id=\"r-error-save-body\">"]);
    let fields = [("title", "Oat milk"), ("body", "Two litres.")];
    let res = visitor.post_form("/notes/1?_submit=save", &fields);
    assert_eq!((res.status, res.header("location")), (303, Some("/notes/1")), "{}", res.body);
    visitor
        .get("/notes/1")
        .expect(200, &["<h1>Oat milk</h1>", "<p class=\"body\">Two litres.</p>"]);
    // Another visitor's token is refused.
    let mut stranger = server.visitor();
    stranger.csrf = visitor.csrf.clone();
    assert_eq!(stranger.post_form("/notes/1?_submit=save", &fields).status, 403);
}

/// 06-layout: every page in the navigation and footer, the 404 page too; the stylesheet
/// served for a year; a failed load is the error page, with no detail.
fn step_6(step: &Step) {
    let server = step.start(&[]);
    let mut visitor = server.visitor();
    let nav =
        "<header class=\"site-nav\"><a href=\"/\">Home</a> <a href=\"/notes\">Notes</a></header>";
    let footer = "<footer>Notes, made with Resuma.</footer>";
    let home = visitor.get("/");
    home.expect(200, &[nav, footer]);
    visitor.get("/notes").expect(200, &[nav, "<h1>Your notes</h1>", footer]);
    visitor.get("/nope").expect(404, &[nav, "<h1>Nothing here</h1>"]);
    let css = home.attribute("<link rel=\"stylesheet\"", "href");
    assert!(css.starts_with("/_resuma/css/"), "{css}");
    let res = visitor.get(&css);
    res.expect(200, &["r-field-error"]);
    assert_eq!(res.header("cache-control"), Some("public, max-age=31536000, immutable"));
    // The database file damaged while the app runs: the load fails.
    std::fs::write(&step.db, "not a database ".repeat(300)).unwrap();
    visitor
        .get("/notes")
        .expect(500, &[nav, "<h1>Error 500</h1><p>Internal Server Error</p>"])
        .lacks(&["database"]);
}

/// 07-auth: the guard sends strangers to log in and back; a wrong password is one
/// message; the right one sets the cookie; server functions want it too; logging out
/// clears it. Without `NOTES_PASSWORD` the app does not start.
fn step_7(step: &Step) {
    let stderr = step.refusal(&[]);
    assert!(stderr.contains("set NOTES_PASSWORD to the password that logs in"), "{stderr}");
    let server = step.start(&[("NOTES_PASSWORD", PASSWORD)]);
    let mut visitor = server.visitor();
    let res = visitor.get("/notes");
    assert_eq!((res.status, res.header("location")), (303, Some("/login?next=%2Fnotes")));
    let res = visitor.get("/notes/1");
    assert_eq!(res.header("location"), Some("/login?next=%2Fnotes%2F1"));
    visitor.get("/").expect(200, &["<a href=\"/login\">Log in</a>"]);
    visitor
        .get("/login?next=%2Fnotes")
        .expect(200, &["<input type=\"hidden\" name=\"next\" value=\"/notes\">"]);
    let wrong = [("password", "guess"), ("next", "/notes")];
    let res = visitor.post_form("/login?_submit=login", &wrong);
    res.expect(
        422,
        &["<p class=\"r-form-error\" role=\"alert\">Wrong password.</p>", "value=\"/notes\""],
    )
    .lacks(&["guess"]);
    assert!(res.set_cookies().iter().all(|it| !it.starts_with("notes_session")));
    // A `next` of another site is not followed.
    visitor.get("/login?next=%2F%2Fevil.example").expect(200, &["name=\"next\" value=\"/notes\""]);
    let right = [("password", PASSWORD), ("next", "https://evil.example/")];
    let res = visitor.post_form("/login?_submit=login", &right);
    assert_eq!((res.status, res.header("location")), (303, Some("/notes")));
    let cookie = res
        .set_cookies()
        .into_iter()
        .find(|it| it.starts_with("notes_session="))
        .unwrap()
        .to_owned();
    assert!(cookie.ends_with("; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax"), "{cookie}");
    visitor.get("/notes").expect(200, &["<h1>Your notes</h1>", "<button>Log out</button>"]);
    let milk = visitor.call("add_note", serde_json::json!(["Milk"]));
    assert_eq!(milk["ok"]["title"], "Milk", "{milk}");
    // The server functions check the cookie themselves.
    // (A stranger with a session of the framework's: the login page's form starts it; the
    // home page has no script or form, so it starts none.)
    let mut stranger = server.visitor();
    stranger.get("/login");
    let refused = stranger.call("add_note", serde_json::json!(["Spam"]));
    assert_eq!(refused["err"], "You are logged out: log in again, then reload the page.");
    // A cookie changed by hand is no session.
    let session = visitor.cookies["notes_session"].clone();
    stranger.cookies.insert("notes_session".to_owned(), session.replacen('1', "2", 1));
    assert_eq!(stranger.get("/notes").status, 303);
    let res = visitor.post_form("/notes?_submit=logout", &[]);
    assert_eq!((res.status, res.header("location")), (303, Some("/")));
    assert!(res
        .set_cookies()
        .contains(&"notes_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax"));
    assert_eq!(visitor.get("/notes").status, 303);
}

/// 08-deploy: with the environment of the page, `/healthz` answers, pages carry HSTS,
/// the cookies are `Secure`, the proxy's request id is kept; after a restart the
/// session, the page's token and the notes are still good.
fn step_8(step: &Step) {
    let env = [
        ("NOTES_PASSWORD", PASSWORD),
        ("NOTES_SECRET", NOTES_SECRET),
        ("RESUMA_SECRET", RESUMA_SECRET),
        ("NOTES_HTTPS", "1"),
        ("NOTES_PROXY", "1"),
    ];
    let short = step.refusal(&[("NOTES_PASSWORD", PASSWORD), ("NOTES_SECRET", "short")]);
    assert!(short.contains("NOTES_SECRET must be 32 bytes or more"), "{short}");
    let server = step.start(&env);
    let mut visitor = server.visitor();
    let health = visitor.get("/healthz");
    health.expect(200, &["ok"]);
    assert_eq!(health.header("cache-control"), Some("no-store"));
    let res = visitor.send(
        "GET",
        "/login",
        &[("x-request-id", "nginx-42"), ("x-forwarded-for", "192.0.2.7")],
        "",
    );
    assert_eq!(res.header("strict-transport-security"), Some("max-age=31536000"));
    assert_eq!(res.header("x-request-id"), Some("nginx-42"));
    assert!(res
        .set_cookies()
        .iter()
        .any(|it| it.starts_with("resuma_sid=") && it.ends_with("; Secure")));
    let res =
        visitor.post_form("/login?_submit=login", &[("password", PASSWORD), ("next", "/notes")]);
    assert_eq!(res.status, 303, "{}", res.body);
    assert!(res
        .set_cookies()
        .iter()
        .any(|it| it.starts_with("notes_session=") && it.ends_with("; Secure")));
    visitor.get("/notes");
    visitor.call("add_note", serde_json::json!(["Milk"]));
    visitor.get("/notes/1").expect(200, &["<h1>Milk</h1>"]);
    drop(server);
    let server = step.start(&env);
    visitor.port = server.port;
    // The form of the page read before the restart still posts: same RESUMA_SECRET.
    let res = visitor.post_form("/notes/1?_submit=save", &[("title", "Oat milk"), ("body", "")]);
    assert_eq!((res.status, res.header("location")), (303, Some("/notes/1")), "{}", res.body);
    visitor.get("/notes").expect(200, &["Oat milk<!--/r-->", "<button>Log out</button>"]);
}
