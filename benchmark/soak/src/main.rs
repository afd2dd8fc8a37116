//! Soak test of Resuma's built-in server (issue #18). `resuma-soak [--long]` starts the app
//! of `app.rs` as a child process (`resuma-soak serve`) on loopback, then runs good clients
//! (page GETs, server function calls, form submits) through two phases, in alternating
//! slices: alone ("calm"), and beside attackers ("attack": slowloris, stalled bodies,
//! oversized and malformed requests, abrupt disconnects), which run in a low-priority
//! process of their own (`resuma-soak attack`, see `attack.rs`). It samples the server's
//! RSS, open fds and CPU time from `/proc`, waits for the attack's connections to be shed,
//! and checks the goals: good throughput under attack ≥ 0.8× calm, no 5xx or failed good
//! request, RSS and fds back near their level before the attack, the attack at full
//! strength. Exits 1 when a goal is missed.

mod app;
mod attack;
mod client;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt as _, BufReader};

use client::{Conn, Reply};

/// The durations and sizes of a run.
#[derive(Debug, Clone, Copy)]
struct Mode {
    warm_up: Duration,
    /// The total time of each phase, calm and attack, split over `n_rounds` slices.
    phase: Duration,
    n_rounds: u32,
    /// The longest wait for fds to come back after the attack.
    recovery: Duration,
    n_good: usize,
    n_slowloris: usize,
    n_stalled: usize,
    /// How far above the start the server's RSS may end (KiB): what glibc keeps of the
    /// attack's high-water mark. A connection still sending its first head costs ~2 KB
    /// (its task and a 1 KiB buffer), one hyper holds ~27 KB: this fails if the slow
    /// clients were hyper's again (+9 MiB short, +88 MiB long).
    rss_allowance_kib: u64,
    /// The good clients' throughput under attack, as a share of calm, below which the run
    /// fails. The goal is 0.8, judged by the long mode. The short mode runs in the test
    /// command on whatever machine CI has, where the good clients, the server and the
    /// attackers share two cores and one second's slices move ±20 % with the neighbours:
    /// it fails on a collapse (a server that stalls or burns its CPU under the attack), and
    /// prints the ratio against the goal.
    min_ratio: f64,
}

const SHORT: Mode = Mode {
    warm_up: Duration::from_secs(1),
    phase: Duration::from_secs(5),
    n_rounds: 5,
    recovery: Duration::from_secs(4),
    n_good: 4,
    n_slowloris: 300,
    n_stalled: 20,
    rss_allowance_kib: 5 * 1024,
    min_ratio: 0.6,
};

const LONG: Mode = Mode {
    warm_up: Duration::from_secs(3),
    phase: Duration::from_secs(60),
    n_rounds: 4,
    recovery: Duration::from_secs(75),
    n_good: 8,
    n_slowloris: 3000,
    n_stalled: 200,
    rss_allowance_kib: 20 * 1024,
    min_ratio: GOAL_RATIO,
};

/// The throughput goal of issue #18: good requests keep 0.8× their calm throughput.
const GOAL_RATIO: f64 = 0.8;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let long = args.iter().any(|it| it == "--long");
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    match args.first().map(String::as_str) {
        Some("serve") => {
            resuma::init_tracing();
            return runtime.block_on(app::serve(app::limits(!long)));
        }
        Some("attack") => return runtime.block_on(attack::serve_attack(&args[1..])),
        _ => {}
    }
    let mut mode = if long { LONG } else { SHORT };
    // `--attack-only`: no good clients, to see what the attack alone costs the server (its
    // CPU line); the goals about good requests are not checked.
    if args.iter().any(|it| it == "--attack-only") {
        mode.n_good = 0;
    }
    let passed = runtime.block_on(run(mode, long))?;
    std::process::exit(if passed { 0 } else { 1 });
}

/// What the good clients saw in one phase.
#[derive(Default, Debug)]
struct Phase {
    by_status: BTreeMap<u16, u64>,
    errors: BTreeMap<String, u64>,
    latencies_us: Vec<u64>,
}

impl Phase {
    fn merge(&mut self, other: Phase) {
        for (status, count) in other.by_status {
            *self.by_status.entry(status).or_default() += count;
        }
        for (error, count) in other.errors {
            *self.errors.entry(error).or_default() += count;
        }
        self.latencies_us.extend(other.latencies_us);
    }

    fn n_ok(&self) -> u64 {
        self.by_status.iter().filter(|(status, _)| **status < 400).map(|it| it.1).sum()
    }

    fn n_5xx(&self) -> u64 {
        self.by_status.iter().filter(|(status, _)| **status >= 500).map(|it| it.1).sum()
    }

    fn p(&mut self, q: f64) -> Duration {
        self.latencies_us.sort_unstable();
        let idx = ((self.latencies_us.len() as f64 - 1.0) * q).round() as usize;
        Duration::from_micros(self.latencies_us.get(idx).copied().unwrap_or(0))
    }
}

/// One sample of the server process.
#[derive(Debug, Clone, Copy)]
struct Sample {
    rss_kb: u64,
    n_fds: u64,
}

fn sample(pid: u32) -> Option<Sample> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let rss_kb = status
        .lines()
        .find_map(|it| it.strip_prefix("VmRSS:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    let n_fds = std::fs::read_dir(format!("/proc/{pid}/fd")).ok()?.count() as u64;
    Some(Sample { rss_kb, n_fds })
}

async fn run(mode: Mode, long: bool) -> std::io::Result<bool> {
    let exe = std::env::current_exe()?;
    // `RESUMA_SOAK_WRAP="valgrind --tool=massif"` runs the server under a profiler (one that
    // execs the program, so the pid sampled is the server's), stopped by SIGTERM at the end
    // so that the profiler writes its report.
    let wrap = std::env::var("RESUMA_SOAK_WRAP").unwrap_or_default();
    let mut wrap = wrap.split_whitespace();
    let mut server = match wrap.next() {
        Some(tool) => {
            let mut command = tokio::process::Command::new(tool);
            command.args(wrap).arg(exe);
            command
        }
        None => tokio::process::Command::new(exe),
    };
    let mut server = server
        .arg("serve")
        .args(long.then_some("--long"))
        .env("RUST_LOG", std::env::var("RUST_LOG").unwrap_or_else(|_| "warn".into()))
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()?;
    let pid = server.id().unwrap_or(0);
    let stdout = server.stdout.take().ok_or_else(|| std::io::Error::other("no stdout"))?;
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).await?;
    let port: u16 = line
        .trim()
        .strip_prefix("PORT ")
        .and_then(|it| it.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("the server said {line:?}")))?;
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    println!("soak: server pid {pid} on {addr}, mode {}", if long { "long" } else { "short" });

    // Warm up, then the baseline sample.
    let warm = run_good(addr, mode.n_good, mode.warm_up).await;
    let attack_only = mode.n_good == 0;
    if warm.n_ok() == 0 && !attack_only {
        println!("FAIL: no good request succeeded while warming up: {warm:?}");
        return Ok(false);
    }
    let start = sample(pid);

    let peak = Arc::new(Mutex::new(start));
    let sampling = Arc::new(AtomicBool::new(true));
    let sampler = tokio::spawn({
        let (peak, sampling) = (Arc::clone(&peak), Arc::clone(&sampling));
        async move {
            while sampling.load(Ordering::Relaxed) {
                if let (Some(now), Ok(mut peak)) = (sample(pid), peak.lock()) {
                    let old = peak.unwrap_or(now);
                    *peak = Some(Sample {
                        rss_kb: old.rss_kb.max(now.rss_kb),
                        n_fds: old.n_fds.max(now.n_fds),
                    });
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    });

    // Calm and attack alternate, so a change in the machine's other load hits both alike.
    let (mut calm, mut under_attack) = (Phase::default(), Phase::default());
    let mut attack = attack::Report::default();
    let slice = mode.phase / mode.n_rounds;
    let mut ratios = Vec::new();
    // The server's RSS after each attack round: a leak grows it round after round.
    let mut round_rss_kb = Vec::new();
    // The server's CPU time (clock ticks) in the calm and the attack slices.
    let (mut calm_ticks, mut attack_ticks) = (0, 0);
    let server_ticks = || attack::cpu_ticks(pid).unwrap_or(0);
    for _ in 0..mode.n_rounds {
        let before = server_ticks();
        let calm_slice = run_good(addr, mode.n_good, slice).await;
        calm_ticks += server_ticks().saturating_sub(before);
        let attackers =
            attack::AttackProcess::start(addr, mode.n_slowloris, mode.n_stalled).await?;
        let before = server_ticks();
        let attack_slice = run_good(addr, mode.n_good, slice).await;
        attack_ticks += server_ticks().saturating_sub(before);
        attack.merge(attackers.finish().await?);
        round_rss_kb.push(sample(pid).map_or(0, |it| it.rss_kb));
        ratios.push(attack_slice.n_ok() as f64 / (calm_slice.n_ok() as f64).max(1.0));
        calm.merge(calm_slice);
        under_attack.merge(attack_slice);
    }
    ratios.sort_by(f64::total_cmp);
    // The median round: one slice slowed by the machine's other work does not decide.
    let ratio = ratios[ratios.len() / 2];

    // Recovery: the attack's connections are shed by the server's timeouts.
    let recovery_start = Instant::now();
    let baseline_fds = start.map_or(0, |it| it.n_fds);
    let mut end = sample(pid);
    while recovery_start.elapsed() < mode.recovery {
        end = sample(pid);
        if end.is_some_and(|it| it.n_fds <= baseline_fds + 2) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let recovered_in = recovery_start.elapsed();
    sampling.store(false, Ordering::Relaxed);
    let _ = sampler.await;
    let after = run_good(addr, mode.n_good, Duration::from_secs(1)).await;

    // The report.
    let secs = mode.phase.as_secs_f64();
    let calm_rate = calm.n_ok() as f64 / secs;
    let attack_rate = under_attack.n_ok() as f64 / secs;
    println!(
        "good requests   calm: {:>7} ({calm_rate:.0}/s)  under attack: {:>7} ({attack_rate:.0}/s)  \
         ratio per round {ratios:.2?}, median {ratio:.2}",
        calm.n_ok(),
        under_attack.n_ok()
    );
    println!(
        "good statuses   calm: {:?}  under attack: {:?}",
        calm.by_status, under_attack.by_status
    );
    println!("good errors     calm: {:?}  under attack: {:?}", calm.errors, under_attack.errors);
    println!(
        "good latency    calm: p50 {:?} p99 {:?}  under attack: p50 {:?} p99 {:?}",
        calm.p(0.5),
        calm.p(0.99),
        under_attack.p(0.5),
        under_attack.p(0.99)
    );
    println!("attack          {attack}");
    // Clock ticks are 1/100 s: ticks per second of slices is a percentage of one core.
    let cpu = |ticks: u64| ticks as f64 / secs;
    println!(
        "CPU (% of a core) server calm: {:.0}  under attack: {:.0}  attackers (nice 19): {:.0}",
        cpu(calm_ticks),
        cpu(attack_ticks),
        cpu(attack.cpu_ticks)
    );
    let peak = peak.lock().ok().and_then(|it| *it);
    let show = |it: Option<Sample>| {
        it.map_or("?".to_owned(), |it| format!("RSS {} KiB, {} fds", it.rss_kb, it.n_fds))
    };
    println!(
        "server          start: {}  peak: {}  end: {} (after {recovered_in:.1?})",
        show(start),
        show(peak),
        show(end)
    );
    println!("RSS after each attack round (KiB): {round_rss_kb:?}");
    println!(
        "after attack    {} good requests in 1 s, statuses {:?}",
        after.n_ok(),
        after.by_status
    );

    let mut failures = Vec::new();
    if attack_only {
        // Nothing to compare: the CPU line is the result.
    } else if ratio < mode.min_ratio {
        failures.push(format!(
            "throughput under attack {ratio:.2}× calm (this mode fails below {:.2}×; goal ≥ {GOAL_RATIO:.2}×)",
            mode.min_ratio
        ));
    } else if ratio < GOAL_RATIO {
        println!(
            "note: throughput under attack {ratio:.2}× calm, under the goal ({GOAL_RATIO:.2}×, judged \
             by --long); this mode fails below {:.2}×",
            mode.min_ratio
        );
    }
    for (name, phase) in [("calm", &calm), ("under attack", &under_attack), ("after", &after)] {
        if phase.n_5xx() > 0 || !phase.errors.is_empty() {
            failures
                .push(format!("good requests {name}: {:?} {:?}", phase.by_status, phase.errors));
        }
        if phase.by_status.keys().any(|it| *it >= 400) {
            failures.push(format!("good requests {name} refused: {:?}", phase.by_status));
        }
    }
    if let (Some(start), Some(end)) = (start, end) {
        if end.n_fds > start.n_fds + 2 {
            failures.push(format!("fds {} at the end, {} at the start", end.n_fds, start.n_fds));
        }
        // glibc keeps freed memory for reuse rather than giving it back, so RSS after a
        // flood stays near the flood's high-water mark: "back" is within the mode's
        // allowance of the start.
        if end.rss_kb > start.rss_kb + mode.rss_allowance_kib {
            failures.push(format!(
                "RSS {} KiB at the end, {} KiB at the start (allowance {} KiB), \
                 {round_rss_kb:?} KiB after each round",
                end.rss_kb, start.rss_kb, mode.rss_allowance_kib
            ));
        }
    }
    // Each slowloris client connects at least once per slice: fewer, and the attackers were
    // starved of CPU time (they run at nice 19), so the attack was weaker than asked.
    let n_asked = (mode.n_slowloris as u64) * u64::from(mode.n_rounds);
    if attack.n_slowloris_opened() < n_asked {
        failures.push(format!(
            "the attack was weaker than asked: {} slowloris connections opened, {n_asked} asked",
            attack.n_slowloris_opened()
        ));
    }
    if attack.n_slowloris_cut() == 0 {
        failures.push("no slowloris connection was cut by the server".to_owned());
    }
    if failures.is_empty() {
        println!("PASS");
    } else {
        for failure in &failures {
            println!("FAIL: {failure}");
        }
    }
    // `RESUMA_SOAK_HOLD_SECS=60` keeps the server up that long after the report, idle, to
    // look at it from outside (e.g. `gdb -p PID -batch -ex 'call (void) malloc_stats()'`).
    if let Some(secs) = std::env::var("RESUMA_SOAK_HOLD_SECS").ok().and_then(|it| it.parse().ok()) {
        println!("holding the server (pid {pid}) for {secs} s");
        tokio::time::sleep(Duration::from_secs(secs)).await;
    }
    if std::env::var_os("RESUMA_SOAK_WRAP").is_some() {
        // A graceful stop (the server drains on SIGTERM), so the profiler writes its report.
        let _ = std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status();
        let _ = tokio::time::timeout(Duration::from_secs(120), server.wait()).await;
    }
    let _ = server.start_kill();
    Ok(failures.is_empty())
}

/// Runs `n` good clients against `addr` for `duration`: each keeps one connection and
/// cycles through a page GET, a server function call and a form submit.
async fn run_good(addr: SocketAddr, n: usize, duration: Duration) -> Phase {
    let deadline = Instant::now() + duration;
    let clients: Vec<_> = (0..n).map(|_| tokio::spawn(good_client(addr, deadline))).collect();
    if clients.is_empty() {
        tokio::time::sleep_until(deadline.into()).await;
    }
    let mut total = Phase::default();
    for client in clients {
        if let Ok(phase) = client.await {
            total.merge(phase);
        }
    }
    total
}

/// A browser's session: its cookie and CSRF token.
struct Session {
    cookie: String,
    token: String,
}

async fn good_client(addr: SocketAddr, deadline: Instant) -> Phase {
    let mut phase = Phase::default();
    let mut conn: Option<Conn> = None;
    let mut session: Option<Session> = None;
    let mut step = 0usize;
    while Instant::now() < deadline {
        let req = match (&session, step % 3) {
            (Some(s), 1) => {
                let body = "[2,3]";
                format!(
                    "POST /_resuma/action/add HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://127.0.0.1\r\n\
                     Cookie: {}\r\nX-Resuma-Csrf: {}\r\nContent-Type: application/json\r\n\
                     Content-Length: {}\r\n\r\n{body}",
                    s.cookie,
                    s.token,
                    body.len()
                )
            }
            (Some(s), 2) => {
                let body = format!("_csrf={}&title=soak", s.token);
                format!(
                    "POST /?_submit=note HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://127.0.0.1\r\n\
                     Cookie: {}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
                     Content-Length: {}\r\n\r\n{body}",
                    s.cookie,
                    body.len()
                )
            }
            (Some(s), _) => {
                format!("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {}\r\n\r\n", s.cookie)
            }
            (None, _) => "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".to_owned(),
        };
        step += 1;
        let start = Instant::now();
        let reply = match conn.as_mut() {
            Some(conn) => conn.send(req.as_bytes()).await,
            None => match Conn::open(addr).await {
                Ok(mut new) => {
                    let reply = new.send(req.as_bytes()).await;
                    conn = Some(new);
                    reply
                }
                Err(err) => Err(err),
            },
        };
        match reply {
            Ok(reply) => {
                phase.latencies_us.push(start.elapsed().as_micros() as u64);
                *phase.by_status.entry(reply.status).or_default() += 1;
                if session.is_none() {
                    session = session_of(&reply);
                }
                if reply.header("connection").is_some_and(|it| it.eq_ignore_ascii_case("close")) {
                    conn = None;
                }
            }
            Err(err) => {
                *phase.errors.entry(err.kind().to_string()).or_default() += 1;
                conn = None;
            }
        }
    }
    phase
}

/// The session a first page view set: its cookie and the token of its form.
fn session_of(reply: &Reply) -> Option<Session> {
    let cookie = reply.header("set-cookie")?.split(';').next()?.to_owned();
    let html = reply.text();
    let token = token_after(&html, "<meta name=\"resuma-csrf\" content=\"")
        .or_else(|| token_after(&html, "name=\"_csrf\" value=\""))?;
    Some(Session { cookie, token })
}

fn token_after(html: &str, marker: &str) -> Option<String> {
    let at = html.find(marker)? + marker.len();
    let len = html[at..].find('"')?;
    Some(html[at..at + len].to_owned())
}
