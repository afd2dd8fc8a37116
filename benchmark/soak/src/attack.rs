//! The attackers: slowloris connections (a header byte now and then, never the end),
//! stalled form bodies, oversized heads and bodies, malformed requests, and connections
//! dropped mid-request. Each counts what the server did to it.
//!
//! They run in a process of their own (`resuma-soak attack`), started for each attack slice
//! at the lowest priority (`nice -n 19`): an attacker's CPU time is its own machine's, and on
//! one shared machine the attackers' client-side work (a timer and a write per slowloris
//! byte, a connect per malformed request) would otherwise be taken from the good clients,
//! which would then measure the machine rather than the server. The runner checks that the
//! attack still came at full strength (`Report::n_slowloris_opened`).

use std::collections::BTreeMap;
use std::fmt;
use std::net::SocketAddr;
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::TcpStream;
use tokio::process::{Child, ChildStdout};
use tokio::task::JoinHandle;

/// Outcomes by name, e.g. `"stalled 408"`.
type Counts = Arc<Mutex<BTreeMap<String, u64>>>;

/// The running attackers.
struct Attackers {
    tasks: Vec<JoinHandle<()>>,
    counts: Counts,
}

/// What the attackers saw, and the CPU time their process took.
#[derive(Default)]
pub(crate) struct Report {
    counts: BTreeMap<String, u64>,
    pub(crate) cpu_ticks: u64,
}

impl Report {
    /// Adds `other`'s counts.
    pub(crate) fn merge(&mut self, other: Report) {
        for (what, n) in other.counts {
            *self.counts.entry(what).or_default() += n;
        }
        self.cpu_ticks += other.cpu_ticks;
    }

    fn get(&self, what: &str) -> u64 {
        self.counts.get(what).copied().unwrap_or(0)
    }

    pub(crate) fn n_slowloris_cut(&self) -> u64 {
        self.get("slowloris cut")
    }

    pub(crate) fn n_slowloris_opened(&self) -> u64 {
        self.get("slowloris opened")
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
async fn start(
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
    async fn finish(self) -> Report {
        for task in self.tasks {
            let _ = task.await;
        }
        let counts = self.counts.lock().map(|it| it.clone()).unwrap_or_default();
        Report { counts, cpu_ticks: 0 }
    }
}

/// `resuma-soak attack PORT N_SLOWLORIS N_STALLED`: starts the attackers, says `READY`, and
/// attacks until its stdin closes; then prints one `COUNT n what` line per outcome and its
/// own CPU time (`CPU ticks`).
pub(crate) async fn serve_attack(args: &[String]) -> std::io::Result<()> {
    fn number<N: std::str::FromStr>(args: &[String], idx: usize) -> std::io::Result<N> {
        args.get(idx)
            .and_then(|it| it.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("attack: argument {idx} is not a number")))
    }
    let addr = SocketAddr::from(([127, 0, 0, 1], number::<u16>(args, 0)?));
    let stop = Arc::new(AtomicBool::new(false));
    let attackers = start(addr, number(args, 1)?, number(args, 2)?, Arc::clone(&stop)).await;
    println!("READY");
    let mut stdin = tokio::io::stdin();
    let mut sink = [0u8; 64];
    while !matches!(stdin.read(&mut sink).await, Ok(0) | Err(_)) {}
    stop.store(true, Ordering::Relaxed);
    let report = attackers.finish().await;
    for (what, n) in &report.counts {
        println!("COUNT {n} {what}");
    }
    println!("CPU {}", cpu_ticks(std::process::id()).unwrap_or(0));
    Ok(())
}

/// A process's user + system CPU time in clock ticks (`/proc/PID/stat`; Linux's USER_HZ
/// is 100 on the machines this runs on).
pub(crate) fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 2..)?.split(' ').collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

/// The attackers of one slice, in their own low-priority process.
pub(crate) struct AttackProcess {
    child: Child,
    stdout: BufReader<ChildStdout>,
}

impl AttackProcess {
    /// Starts `resuma-soak attack` at `nice -n 19` and waits until its attackers run.
    pub(crate) async fn start(
        addr: SocketAddr,
        n_slowloris: usize,
        n_stalled: usize,
    ) -> std::io::Result<AttackProcess> {
        let exe = std::env::current_exe()?;
        let mut child = tokio::process::Command::new("nice")
            .args(["-n", "19"])
            .arg(exe)
            .arg("attack")
            .args([addr.port().to_string(), n_slowloris.to_string(), n_stalled.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()?;
        let stdout = child.stdout.take().ok_or_else(|| std::io::Error::other("no stdout"))?;
        let mut stdout = BufReader::new(stdout);
        let mut line = String::new();
        stdout.read_line(&mut line).await?;
        if line.trim() != "READY" {
            return Err(std::io::Error::other(format!("the attackers said {line:?}")));
        }
        Ok(AttackProcess { child, stdout })
    }

    /// Stops the attackers (closes their stdin) and reads their report.
    pub(crate) async fn finish(mut self) -> std::io::Result<Report> {
        drop(self.child.stdin.take());
        let mut report = Report::default();
        let mut line = String::new();
        while self.stdout.read_line(&mut line).await? > 0 {
            let mut words = line.trim_end().splitn(3, ' ');
            match (words.next(), words.next().and_then(|it| it.parse().ok()), words.next()) {
                (Some("COUNT"), Some(n), Some(what)) => {
                    report.counts.insert(what.to_owned(), n);
                }
                (Some("CPU"), Some(ticks), None) => report.cpu_ticks = ticks,
                _ => return Err(std::io::Error::other(format!("the attackers said {line:?}"))),
            }
            line.clear();
        }
        self.child.wait().await?;
        Ok(report)
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
