//! Times the language server the way a user feels it: from a one-character edit to the
//! `publishDiagnostics` for that version, on a 2,000-line file with 40 components; and
//! the same file's full `resuma check`.
//!
//! Run from the repository root:
//! `cargo build --release -p resuma-lsp -p resuma && cargo run --release --manifest-path benchmark/lsp/Cargo.toml`

#[path = "../../../lsp/tests/common/generate.rs"]
mod generate;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const EDITS: usize = 200;
const CHECK_RUNS: usize = 20;
/// Between edits: longer than the server's debounce window, so that each edit is a
/// keystroke after a pause (a burst is analysed once per window by design).
const PAUSE: Duration = Duration::from_millis(100);

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bin = |name: &str| -> PathBuf {
        let path = root.join("target/release").join(name);
        assert!(
            path.is_file(),
            "build it first: cargo build --release -p resuma-lsp -p resuma"
        );
        path
    };
    let text = generate::components_file(40);
    let n_lines = text.lines().count();
    let dir = std::env::temp_dir().join("resuma-bench-lsp");
    std::fs::create_dir_all(dir.join("src")).expect("temp dir");
    std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"bench\"\n").expect("write");
    std::fs::write(dir.join("src/main.rs"), &text).expect("write");
    println!("file: {n_lines} lines, 40 components, {} bytes", text.len());

    let mut edits = lsp_edit_latencies(&bin("resuma-lsp"), &dir.join("src/main.rs"), &text);
    report("edit -> publishDiagnostics", &mut edits);

    let mut checks = Vec::new();
    for _ in 0..CHECK_RUNS {
        let started = Instant::now();
        let out =
            Command::new(bin("resuma")).arg("check").arg(&dir).output().expect("resuma check runs");
        checks.push(started.elapsed());
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    }
    report("resuma check (whole process)", &mut checks);
}

fn report(what: &str, samples: &mut [Duration]) {
    samples.sort();
    let at =
        |q: f64| samples[((samples.len() as f64 * q).ceil() as usize).clamp(1, samples.len()) - 1];
    println!(
        "{what}: n={} p50={:.2} ms p95={:.2} ms max={:.2} ms",
        samples.len(),
        at(0.50).as_secs_f64() * 1e3,
        at(0.95).as_secs_f64() * 1e3,
        at(1.0).as_secs_f64() * 1e3,
    );
}

struct Lsp {
    stdin: ChildStdin,
    messages: Receiver<Value>,
}

impl Lsp {
    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn wait(&self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message =
                self.messages.recv_timeout(Duration::from_secs(30)).expect("the server answers");
            if wanted(&message) {
                return message;
            }
        }
    }
}

fn lsp_edit_latencies(server: &Path, file: &Path, text: &str) -> Vec<Duration> {
    let mut child = Command::new(server)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("resuma-lsp starts");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, messages) = mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        loop {
            let mut len = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                if line.trim_end().is_empty() {
                    break;
                }
                if let Some(n) = line.trim_end().strip_prefix("Content-Length: ") {
                    len = n.parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; len];
            if reader.read_exact(&mut body).is_err() {
                return;
            }
            if tx.send(serde_json::from_slice(&body).unwrap_or(Value::Null)).is_err() {
                return;
            }
        }
    });
    let mut lsp = Lsp { stdin: child.stdin.take().expect("stdin"), messages };
    let uri = format!("file://{}", file.display());
    lsp.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "capabilities": {}}}));
    lsp.wait(|it| it["id"] == 1);
    lsp.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    lsp.send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "rust", "version": 1, "text": text}}}),
    );
    let published = |version: i64| {
        let uri = uri.clone();
        move |it: &Value| {
            it["method"] == "textDocument/publishDiagnostics"
                && it["params"]["uri"] == uri
                && it["params"]["version"] == version
        }
    };
    lsp.wait(published(1));
    // Type into a handler in the middle of the file: `+= 1` becomes `+= 12`, then back.
    let (line, col) = text
        .lines()
        .enumerate()
        .filter_map(|(line, it)| Some((line, it.find("*c += 1")? + "*c += 1".len())))
        .nth(20)
        .expect("the 21st component's handler");
    let mut samples = Vec::new();
    for i in 0..EDITS {
        let version = 2 + i as i64;
        let (start, end, insert) = if i % 2 == 0 { (col, col, "2") } else { (col, col + 1, "") };
        std::thread::sleep(PAUSE);
        let started = Instant::now();
        lsp.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}, "text": insert}],
        }}));
        lsp.wait(published(version));
        samples.push(started.elapsed());
    }
    lsp.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    lsp.wait(|it| it["id"] == 2);
    lsp.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    let _ = child.wait();
    samples
}
