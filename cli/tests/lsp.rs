//! `resuma lsp` is the same server as `resuma-lsp`: initialize, a diagnostic, shutdown.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

fn frame(message: &Value) -> String {
    let body = message.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

fn read_message(reader: &mut impl BufRead) -> Value {
    let mut len = 0;
    loop {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "the server closed its output");
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            len = n.parse().unwrap();
        }
    }
    let mut body = vec![0; len];
    reader.read_exact(&mut body).unwrap();
    serde_json::from_slice(&body).unwrap()
}

#[test]
fn resuma_lsp_serves_the_protocol() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_resuma-cli"))
        .args(["lsp", "--stdio", "--debounce-ms", "0"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("resuma runs");
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    // Read on a thread, so that a server that says nothing fails the test instead of
    // hanging it.
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || loop {
        if tx.send(read_message(&mut stdout)).is_err() {
            return;
        }
    });
    let next = || rx.recv_timeout(Duration::from_secs(20)).expect("the server answers");
    let uri = "file:///tmp/resuma-cli-lsp/src/main.rs";
    let init = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "capabilities": {}}});
    stdin.write_all(frame(&init).as_bytes()).unwrap();
    stdin.flush().unwrap();
    // The client speaks only after the answer to `initialize`.
    let init = next();
    assert_eq!(init["result"]["serverInfo"]["name"], "resuma-lsp");
    let messages = [
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "rust", "version": 1,
            "text": "fn f() -> View { view! { <p>\"é\"</b> } }",
        }}}),
    ];
    for message in &messages {
        stdin.write_all(frame(message).as_bytes()).unwrap();
    }
    stdin.flush().unwrap();
    let published = next();
    assert_eq!(published["method"], "textDocument/publishDiagnostics");
    let diagnostic = &published["params"]["diagnostics"][0];
    assert_eq!(diagnostic["code"], "R002");
    // 31 UTF-16 units (32 bytes: the `é`).
    assert_eq!(diagnostic["range"]["start"], json!({"line": 0, "character": 31}));
    for message in [
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
        json!({"jsonrpc": "2.0", "method": "exit"}),
    ] {
        stdin.write_all(frame(&message).as_bytes()).unwrap();
    }
    stdin.flush().unwrap();
    assert_eq!(next()["id"], 2);
    assert!(child.wait().unwrap().success());
}
