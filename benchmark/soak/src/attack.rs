//! The attackers: slowloris connections (a header byte now and then, never the end),
//! stalled form bodies, oversized heads and bodies, malformed requests, and connections
//! dropped mid-request. Each counts what the server did to it.

use std::collections::BTreeMap;
use std::fmt;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;
use tokio::task::JoinHandle;

/// Outcomes by name, e.g. `"stalled 408"`.
type Counts = Arc<Mutex<BTreeMap<String, u64>>>;

/// The running attackers.
pub(crate) struct Attackers {
    tasks: Vec<JoinHandle<()>>,
    counts: Counts,
}

/// What the attackers saw.
#[derive(Default)]
pub(crate) struct Report {
    pub(crate) n_slowloris_cut: u64,
    counts: BTreeMap<String, u64>,
}

impl Report {
    /// Adds `other`'s counts.
    pub(crate) fn merge(&mut self, other: Report) {
        self.n_slowloris_cut += other.n_slowloris_cut;
        for (what, n) in other.counts {
            *self.counts.entry(what).or_default() += n;
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.counts)
    }
}

fn count(counts: &Counts, what: impl Into<String>) {
    if let Ok(mut counts) = counts.lock() {
        *counts.entry(what.into()).or_default() += 1;
    }
}

/// Starts `n_slowloris` slowloris clients, `n_stalled` stalled bodies and one of each other
/// attacker, until `stop`.
pub(crate) async fn start(
    addr: SocketAddr,
    n_slowloris: usize,
    n_stalled: usize,
    stop: Arc<AtomicBool>,
) -> Attackers {
    let counts = Counts::default();
    let mut tasks = Vec::new();
    for idx in 0..n_slowloris {
        let (stop, counts) = (Arc::clone(&stop), Arc::clone(&counts));
        tasks.push(tokio::spawn(async move {
            // A ramp (0.2 ms apart): a burst of connects would overflow the kernel's listen
            // backlog, and a dropped SYN costs every client, good or bad, a 1 s retry.
            tokio::time::sleep(Duration::from_micros(200) * idx as u32).await;
            slowloris(addr, stop, counts).await;
        }));
    }
    for _ in 0..n_stalled {
        tasks.push(tokio::spawn(stalled_body(addr, Arc::clone(&stop), Arc::clone(&counts))));
    }
    tasks.push(tokio::spawn(oversized(addr, Arc::clone(&stop), Arc::clone(&counts))));
    tasks.push(tokio::spawn(malformed(addr, Arc::clone(&stop), Arc::clone(&counts))));
    tasks.push(tokio::spawn(abrupt(addr, Arc::clone(&stop), Arc::clone(&counts))));
    Attackers { tasks, counts }
}

impl Attackers {
    /// Waits for every attacker to stop (they close their connections) and reports.
    pub(crate) async fn finish(self) -> Report {
        for task in self.tasks {
            let _ = task.await;
        }
        let counts = self.counts.lock().map(|it| it.clone()).unwrap_or_default();
        let n_slowloris_cut = counts.get("slowloris cut").copied().unwrap_or(0);
        Report { n_slowloris_cut, counts }
    }
}

/// Until `stop`: opens a connection, sends half a request head and a byte every 300 ms.
async fn slowloris(addr: SocketAddr, stop: Arc<AtomicBool>, counts: Counts) {
    while !stop.load(Ordering::Relaxed) {
        let Ok(mut stream) = TcpStream::connect(addr).await else {
            count(&counts, "slowloris connect failed");
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        if stream.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ").await.is_err() {
            count(&counts, "slowloris cut");
            continue;
        }
        count(&counts, "slowloris opened");
        let mut buf = [0u8; 512];
        loop {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            tokio::select! {
                read = stream.read(&mut buf) => {
                    if matches!(read, Ok(0) | Err(_)) {
                        count(&counts, "slowloris cut");
                        break;
                    }
                }
                () = tokio::time::sleep(Duration::from_millis(300)) => {
                    if stream.write_all(b"a").await.is_err() {
                        count(&counts, "slowloris cut");
                        break;
                    }
                }
            }
        }
    }
}

/// The status of the answer on `stream`, `"closed"` if none, or `"stopped"`.
async fn answer(stream: &mut TcpStream, stop: &AtomicBool) -> String {
    let mut buf = [0u8; 64];
    loop {
        tokio::select! {
            read = stream.read(&mut buf) => {
                return match read {
                    Ok(n) if n >= 12 => String::from_utf8_lossy(&buf[9..12]).into_owned(),
                    _ => "closed".to_owned(),
                };
            }
            () = tokio::time::sleep(Duration::from_millis(100)) => {
                if stop.load(Ordering::Relaxed) {
                    return "stopped".to_owned();
                }
            }
        }
    }
}

/// Until `stop`: posts a form whose body never comes (beyond its first bytes).
async fn stalled_body(addr: SocketAddr, stop: Arc<AtomicBool>, counts: Counts) {
    while !stop.load(Ordering::Relaxed) {
        let Ok(mut stream) = TcpStream::connect(addr).await else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let head = "POST /?_submit=note HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://127.0.0.1\r\n\
                    Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n_csrf=";
        if stream.write_all(head.as_bytes()).await.is_ok() {
            let status = answer(&mut stream, &stop).await;
            count(&counts, format!("stalled {status}"));
        }
    }
}

/// Until `stop`: a 1 MiB header, then a 10 MiB form body, each on a new connection.
async fn oversized(addr: SocketAddr, stop: Arc<AtomicBool>, counts: Counts) {
    let filler = vec![b'a'; 64 * 1024];
    let mut big_head = true;
    while !stop.load(Ordering::Relaxed) {
        let Ok(mut stream) = TcpStream::connect(addr).await else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let (name, head) = if big_head {
            ("oversized head", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ".to_owned())
        } else {
            let head = "POST /?_submit=note HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://127.0.0.1\r\n\
                        Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10485760\r\n\r\n";
            ("oversized body", head.to_owned())
        };
        big_head = !big_head;
        let _ = stream.write_all(head.as_bytes()).await;
        // Write until 1 MiB is sent or the server stops reading (bounded by a timeout).
        let push = async {
            for _ in 0..16 {
                if stream.write_all(&filler).await.is_err() {
                    break;
                }
            }
        };
        let _ = tokio::time::timeout(Duration::from_secs(2), push).await;
        let status = answer(&mut stream, &stop).await;
        count(&counts, format!("{name} {status}"));
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Requests no server should take.
const MALFORMED: [&[u8]; 5] = [
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 a TLS hello\r\n\r\n",
    b"GET / HTTP/9.9\r\nHost: x\r\n\r\n",
    b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost x no colon\r\n\r\n",
    b"GET /\0\0 HTTP/1.1\r\n\r\n",
];

/// Until `stop`: each malformed request on a new connection.
async fn malformed(addr: SocketAddr, stop: Arc<AtomicBool>, counts: Counts) {
    let mut idx = 0;
    while !stop.load(Ordering::Relaxed) {
        let Ok(mut stream) = TcpStream::connect(addr).await else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let _ = stream.write_all(MALFORMED[idx % MALFORMED.len()]).await;
        idx += 1;
        let status = answer(&mut stream, &stop).await;
        count(&counts, format!("malformed {status}"));
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// Until `stop`: a request, a half request or nothing, then the connection dropped.
async fn abrupt(addr: SocketAddr, stop: Arc<AtomicBool>, counts: Counts) {
    const SENT: [&[u8]; 3] = [
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"POST /_resuma/action/add HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 50\r\n\r\n[1,",
        b"",
    ];
    let mut idx = 0;
    while !stop.load(Ordering::Relaxed) {
        if let Ok(mut stream) = TcpStream::connect(addr).await {
            let _ = stream.write_all(SENT[idx % SENT.len()]).await;
            idx += 1;
            drop(stream);
            count(&counts, "abrupt");
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}
