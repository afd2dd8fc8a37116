//! Issue #18, the built-in server under hostile clients, over real sockets: half-sent
//! requests (slowloris) and idle keep-alive connections are closed after
//! `header_read_timeout`, silent connections after `idle_timeout`, the connection cap
//! holds (and says so once in the log), malformed and oversized requests are refused, and
//! good requests are answered throughout. Limits are a few hundred milliseconds here, so
//! the tests are quick.

#![allow(missing_docs)]

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use resuma::flow::{FlowApp, Outcome, Pages, Route};
use resuma::{ServerLimits, View};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

const SHORT: Duration = Duration::from_millis(300);
/// Slack for a timer on a busy machine: a limit fires no earlier than this before it.
const EARLY: Duration = Duration::from_millis(50);
/// Longer than any limit of these tests: a connection still open then was never cut.
const PATIENCE: Duration = Duration::from_secs(5);
const HALF_REQUEST: &[u8] = b"GET /ok HTTP/1.1\r\nHost: localhost\r\nX-Slow: ";

/// Requests in `/wait` now, and the most there ever were at once.
static IN_WAIT: AtomicUsize = AtomicUsize::new(0);
static PEAK_IN_WAIT: AtomicUsize = AtomicUsize::new(0);

fn pages() -> Pages {
    let ok = Route::new(|_| {
        Box::pin(async { Outcome::new().page(Ok(|| View::new(|h| h.push_static("<p>ok</p>")))) })
    });
    let wait = Route::new(|_| {
        Box::pin(async {
            let now = IN_WAIT.fetch_add(1, Ordering::SeqCst) + 1;
            PEAK_IN_WAIT.fetch_max(now, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(200)).await;
            IN_WAIT.fetch_sub(1, Ordering::SeqCst);
            Outcome::new().page(Ok(|| View::new(|h| h.push_static("<p>waited</p>"))))
        })
    });
    Pages::new().route("/ok", "ok.rs", ok).route("/wait", "wait.rs", wait)
}

/// Serves the app with `limits` on a free port of loopback.
async fn start(limits: ServerLimits) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = FlowApp::new(pages()).secret([3u8; 32]).server_limits(limits);
    tokio::spawn(app.serve_listener(listener));
    addr
}

/// The log lines of this test's thread (the tests run on current-thread runtimes, so the
/// server's tasks log here too).
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl Log {
    fn capture() -> (Log, tracing::subscriber::DefaultGuard) {
        let log = Log::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .with_max_level(tracing::Level::INFO)
            .finish();
        (log, tracing::subscriber::set_default(subscriber))
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl io::Write for Log {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Opens a connection and sends `bytes`.
async fn open(addr: SocketAddr, bytes: &[u8]) -> TcpStream {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(bytes).await.unwrap();
    stream
}

/// Sends a good request on a new connection: its status line and body.
async fn good_request(addr: SocketAddr, path: &str) -> (String, String) {
    let req = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    let mut stream = open(addr, req.as_bytes()).await;
    let mut bytes = Vec::new();
    tokio::time::timeout(PATIENCE, stream.read_to_end(&mut bytes))
        .await
        .expect("a good request is answered")
        .unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let status = text.lines().next().unwrap_or_default().to_owned();
    let body = text.split_once("\r\n\r\n").map(|it| it.1.to_owned()).unwrap_or_default();
    (status, body)
}

/// Waits for the server to close `stream` (reading and dropping whatever it sends first);
/// fails the test if it is still open after [`PATIENCE`].
async fn closed_by_server(stream: &mut TcpStream) -> Instant {
    let mut buf = [0u8; 1024];
    let read_all = async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return Instant::now(),
                Ok(_) => {}
            }
        }
    };
    tokio::time::timeout(PATIENCE, read_all).await.expect("the server closes the connection")
}

/// Whether the server still holds `stream` open (nothing to read within 20 ms).
async fn still_open(stream: &mut TcpStream) -> bool {
    let mut buf = [0u8; 1];
    tokio::time::timeout(Duration::from_millis(20), stream.read(&mut buf)).await.is_err()
}

#[tokio::test]
async fn half_sent_requests_are_closed_after_the_header_timeout_and_good_ones_served() {
    let addr = start(ServerLimits::default().header_read_timeout(SHORT)).await;
    let opened = Instant::now();
    let mut slow = Vec::new();
    for _ in 0..200 {
        slow.push(open(addr, HALF_REQUEST).await);
    }
    // During the flood a good request is answered, and the flood is still connected.
    let (status, body) = good_request(addr, "/ok").await;
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(body.contains("<p>ok</p>"), "{body}");
    if opened.elapsed() < SHORT - EARLY {
        assert!(still_open(&mut slow[199]).await, "cut before its timeout");
    }
    for stream in &mut slow {
        let closed_at = closed_by_server(stream).await;
        assert!(closed_at - opened >= SHORT - EARLY, "closed after {:?}", closed_at - opened);
    }
    let (status, _) = good_request(addr, "/ok").await;
    assert_eq!(status, "HTTP/1.1 200 OK");
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed_after_the_header_timeout() {
    let addr = start(ServerLimits::default().header_read_timeout(SHORT)).await;
    let mut stream = open(addr, b"GET /ok HTTP/1.1\r\nHost: localhost\r\n\r\n").await;
    // Read the whole answer: headers, then `content-length` bytes of body.
    let mut bytes = Vec::new();
    let mut buf = [0u8; 4096];
    let answered_at = loop {
        let n = stream.read(&mut buf).await.unwrap();
        assert_ne!(n, 0, "closed before answering");
        bytes.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&bytes);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let len: usize = head
                .lines()
                .find_map(|it| {
                    it.to_ascii_lowercase().strip_prefix("content-length: ")?.parse().ok()
                })
                .expect("a content-length");
            if body.len() >= len {
                assert!(head.starts_with("HTTP/1.1 200 OK"), "{head}");
                break Instant::now();
            }
        }
    };
    assert!(still_open(&mut stream).await, "keep-alive: the connection stays open at first");
    let closed_at = closed_by_server(&mut stream).await;
    assert!(closed_at - answered_at >= SHORT - EARLY, "{:?}", closed_at - answered_at);
}

#[tokio::test]
async fn a_connection_that_goes_silent_is_closed_after_the_idle_timeout() {
    let limits = ServerLimits::default().header_read_timeout(None).idle_timeout(SHORT);
    let addr = start(limits).await;
    let mut stream = open(addr, b"G").await;
    // A byte every 100 ms keeps it alive well past the idle timeout...
    for byte in b"ET /ok HTTP/1.1\r\n" {
        tokio::time::sleep(Duration::from_millis(100)).await;
        stream.write_all(&[*byte]).await.unwrap();
    }
    let last_byte_at = Instant::now();
    assert!(still_open(&mut stream).await, "progress keeps the connection");
    // ...and silence ends it.
    let closed_at = closed_by_server(&mut stream).await;
    assert!(closed_at - last_byte_at >= SHORT - EARLY, "{:?}", closed_at - last_byte_at);
}

#[tokio::test]
async fn the_connection_cap_serves_n_at_once_and_warns_once() {
    let (log, _guard) = Log::capture();
    let addr = start(ServerLimits::default().max_connections(2)).await;
    let clients: Vec<_> = (0..6).map(|_| tokio::spawn(good_request(addr, "/wait"))).collect();
    for client in clients {
        let (status, body) = client.await.unwrap();
        assert_eq!(status, "HTTP/1.1 200 OK");
        assert!(body.contains("waited"));
    }
    assert_eq!(PEAK_IN_WAIT.load(Ordering::SeqCst), 2, "only 2 connections served at once");
    let log = log.text();
    assert_eq!(log.matches("connection limit reached").count(), 1, "{log}");
    assert!(log.contains("max_connections=2"), "{log}");
}

#[tokio::test]
async fn a_flood_that_fills_the_cap_waits_for_its_timeout_then_good_requests_pass() {
    let limits = ServerLimits::default().max_connections(3).header_read_timeout(SHORT);
    let addr = start(limits).await;
    let opened = Instant::now();
    let mut slow = Vec::new();
    for _ in 0..3 {
        slow.push(open(addr, HALF_REQUEST).await);
    }
    // Queued in the listen backlog until a slot frees: the flood's timeout frees three.
    let (status, _) = good_request(addr, "/ok").await;
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(opened.elapsed() >= SHORT - EARLY, "served after {:?}", opened.elapsed());
}

#[tokio::test]
async fn abrupt_disconnects_give_their_slot_back() {
    let limits = ServerLimits::default().max_connections(2).header_read_timeout(PATIENCE * 2);
    let addr = start(limits).await;
    for _ in 0..20 {
        drop(open(addr, HALF_REQUEST).await);
    }
    let start = Instant::now();
    let (status, _) = good_request(addr, "/ok").await;
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(start.elapsed() < PATIENCE, "slots were held by closed connections");
}

#[tokio::test]
async fn malformed_and_oversized_requests_are_refused_and_serving_goes_on() {
    let addr = start(ServerLimits::default()).await;
    let mut garbage = open(addr, b"\x16\x03\x01 not http at all\r\n\r\n").await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(PATIENCE, garbage.read_to_end(&mut answer)).await.unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 400"), "{answer}");

    let mut huge = open(addr, b"GET /ok HTTP/1.1\r\nHost: localhost\r\nX-Big: ").await;
    let filler = vec![b'a'; 64 * 1024];
    let mut sent = 0;
    while sent < 2 * 1024 * 1024 {
        if huge.write_all(&filler).await.is_err() {
            break; // the server stopped reading and closed: fine
        }
        sent += filler.len();
    }
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(PATIENCE, huge.read_to_end(&mut answer)).await.unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 431"), "{answer}");
    assert!(sent < 2 * 1024 * 1024 || !answer.contains("200 OK"));

    let (status, _) = good_request(addr, "/ok").await;
    assert_eq!(status, "HTTP/1.1 200 OK");
}

#[tokio::test]
async fn a_head_over_max_header_bytes_is_431() {
    let addr = start(ServerLimits::default().max_header_bytes(16 * 1024)).await;
    let mut head = b"GET /ok HTTP/1.1\r\nHost: localhost\r\nX-Big: ".to_vec();
    head.extend(std::iter::repeat_n(b'a', 20 * 1024));
    head.extend_from_slice(b"\r\n\r\n");
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let _ = stream.write_all(&head).await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(PATIENCE, stream.read_to_end(&mut answer)).await.unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");
    // Just under the limit is fine.
    let (status, _) = good_request(addr, &format!("/ok?{}", "b".repeat(12 * 1024))).await;
    assert_eq!(status, "HTTP/1.1 200 OK");
}
