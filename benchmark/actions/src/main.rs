//! Server function throughput over loopback HTTP: `POST /_resuma/action/add` on a Resuma
//! app (origin and CSRF checks on, as in production) against `POST /add` on a bare axum
//! `Router`, both in this process, loaded by `wrk` in a second process. Runs alternate
//! between the servers so that all see the same machine state.
//!
//! Second group: serving a page. `GET /` on a Resuma app (a `#[component]` with a signal
//! and an `onClick` handler: render, CSP nonce, CSRF meta and session cookie, security
//! headers) against a bare axum `GET /` returning the same HTML bytes, fetched once from
//! the Resuma app at startup. Budget: Resuma keeps >= 0.7x the bare throughput.
//!
//! Third group: a Flow page (`FlowApp`, a layout and a page each with a load, the page's
//! returning 50 rows rendered as a table) against a bare axum handler sending its bytes.
//! Budget: >= 0.8x.
//!
//! Options: --runs N (3), --duration S (10), --connections N (32), --threads N (1),
//! --only GROUP (`actions`, `page` or `flow`: run one group).
//!
//! `--profile TARGET N` sends N requests to one target through its router in this process,
//! with no network and no wrk, and prints the time per request: what to run under `perf`
//! to see where a request's own time goes. TARGET is `page`, `flow`, `same` (the Flow
//! page's view as a plain `ResumaApp` page) or `bare` (axum returning the Flow page's bytes).

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::process::{exit, Command};
use std::time::Duration;

use axum::http::header;
use axum::routing::{get, post};
use axum::{Json, Router};
use resuma::prelude::*;
use resuma::security::{Rate, RateKey, RateLimitStore, Taking};
use serde_json::{json, Value};

mod flow;
mod profile;

use flow::{flow_app, same_view};

#[server]
async fn add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

/// A rate-limit store that allows everything: the "rate limit off" variant.
struct Unlimited;

impl RateLimitStore for Unlimited {
    fn take<'a>(&'a self, _key: &'a RateKey, _rate: Rate) -> Taking<'a> {
        Taking::ready(Ok(()))
    }
}

/// The page the server function calls' sessions come from: it has a handler, so it
/// carries the CSRF token (a page with no script carries none and starts no session).
fn page() -> View {
    View::new(|h| {
        resuma::__private::use_event("click");
        h.push_static("<button>call</button>");
    })
}

/// The page under test: a few elements, a signal and a click handler, so the response
/// carries resumable state, the inlined loader, a CSP nonce and the CSRF meta and cookie.
#[component]
fn BenchPage() -> View {
    let count = use_signal(0);
    view! {
        <main>
            <h1>"Resuma page benchmark"</h1>
            <p class="intro">"A counter with a click handler, rendered on the server."</p>
            <ul>
                <li>"render"</li>
                <li>"CSP nonce"</li>
                <li>"CSRF cookie"</li>
            </ul>
            <button onClick={move |_| count.update(|c| *c += 1)}>
                "Count: " {count}
            </button>
        </main>
    }
}

async fn bare_add(Json((a, b)): Json<(i64, i64)>) -> Json<Value> {
    Json(json!({ "ok": a.wrapping_add(b) }))
}

/// One server under test: what wrk sends to it.
struct Target {
    name: &'static str,
    url: String,
    /// `POST` with the body `[2,3]` (an action) or `GET` (a page).
    post: bool,
    headers: Vec<(String, String)>,
}

struct Options {
    runs: usize,
    duration: u64,
    connections: u32,
    threads: u32,
    /// The one group to run (`actions`, `page`, `flow`), or all of them.
    only: Option<String>,
}

fn options() -> Options {
    let mut o = Options { runs: 3, duration: 10, connections: 32, threads: 1, only: None };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| usage(flag));
        if flag == "--only" {
            if !["actions", "page", "flow"].contains(&value.as_str()) {
                usage(flag)
            }
            o.only = Some(value.clone());
            continue;
        }
        let n: u64 = value.parse().unwrap_or_else(|_| usage(flag));
        match flag.as_str() {
            "--runs" => o.runs = n as usize,
            "--duration" => o.duration = n,
            "--connections" => o.connections = n.clamp(1, 1024) as u32,
            "--threads" => o.threads = n.clamp(1, 16) as u32,
            _ => usage(flag),
        }
    }
    o.duration = o.duration.clamp(1, 60);
    o.runs = o.runs.clamp(1, 20);
    o
}

fn usage(flag: &str) -> ! {
    eprintln!("bad option {flag}; options: --runs N --duration S --connections N --threads N --only actions|page|flow");
    exit(2)
}

/// One HTTP/1.1 request on a fresh connection (`Connection: close`): status, headers, body.
fn http(addr: SocketAddr, request: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").expect("an HTTP response");
    let status = head.split(' ').nth(1).and_then(|it| it.parse().ok()).expect("a status");
    (status, head.to_owned(), body.to_owned())
}

fn post_request(addr: SocketAddr, path: &str, headers: &[(String, String)], body: &str) -> String {
    let mut req = format!("POST {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n");
    for (name, value) in headers {
        req += &format!("{name}: {value}\r\n");
    }
    req + &format!("content-length: {}\r\n\r\n{body}", body.len())
}

/// Opens `/` like a browser: the session cookie and the page's CSRF token.
fn session(addr: SocketAddr) -> (String, String) {
    let req = format!("GET / HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n\r\n");
    let (status, head, body) = http(addr, &req);
    assert_eq!(status, 200, "GET / answered {status}:\n{head}");
    let cookie = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("set-cookie").then(|| value.trim())
        })
        .expect("a set-cookie header")
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let marker = r#"<meta name="resuma-csrf" content=""#;
    let start = body.find(marker).expect("a resuma-csrf meta") + marker.len();
    let token = body[start..start + body[start..].find('"').unwrap()].to_owned();
    (cookie, token)
}

/// Starts the Resuma app on a fresh port and returns its wrk target.
fn start_resuma(rt: &tokio::runtime::Runtime, name: &'static str, app: ResumaApp) -> Target {
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    rt.spawn(async move { app.serve_listener(listener).await.expect("resuma server") });
    wait_listening(addr);
    let (cookie, token) = session(addr);
    let headers = vec![
        ("content-type".to_owned(), "application/json".to_owned()),
        ("origin".to_owned(), format!("http://{addr}")),
        ("cookie".to_owned(), cookie),
        ("x-resuma-csrf".to_owned(), token),
    ];
    Target { name, url: format!("http://{addr}/_resuma/action/add"), post: true, headers }
}

fn get_request(addr: SocketAddr, headers: &[(String, String)]) -> String {
    let mut req = format!("GET / HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n");
    for (name, value) in headers {
        req += &format!("{name}: {value}\r\n");
    }
    req + "\r\n"
}

fn has_header(head: &str, wanted: &str) -> bool {
    head.lines()
        .any(|line| line.split_once(':').is_some_and(|(name, _)| name.eq_ignore_ascii_case(wanted)))
}

/// Starts the Resuma page app and a bare axum router serving the same bytes. Returns
/// the targets bare, resuma (no cookie: a first visit, a new session each time), resuma
/// with a session cookie (a returning visitor; only for a `scripted` page, the one kind
/// that starts a session) and bare axum with the page's headers, named by `names`.
fn start_pages(
    rt: &tokio::runtime::Runtime,
    names: [&'static str; 4],
    router: axum::Router,
    expected: &str,
    scripted: bool,
) -> Vec<Target> {
    let addr = serve_router(rt, router);

    let (status, head, html) = http(addr, &get_request(addr, &[]));
    // A page with scripts carries its visitor's token and starts their session; one
    // without carries neither.
    let session_ok = has_header(&head, "set-cookie") == scripted
        && html.contains(r#"<meta name="resuma-csrf""#) == scripted;
    let page_ok = status == 200
        && session_ok
        && has_header(&head, "content-security-policy")
        && html.contains(expected);
    if !page_ok {
        eprintln!(
            "FAIL: the Resuma page is not what the benchmark expects ({status}):\n{head}\n\n{html}"
        );
        exit(1);
    }
    let cookie = scripted.then(|| session(addr).0);

    let bytes = axum::body::Bytes::from(html.clone());
    let router = Router::new().route(
        "/",
        get(move || {
            let bytes = bytes.clone();
            async move { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], bytes) }
        }),
    );
    let bare_addr = serve_router(rt, router);
    let (status, _, bare_html) = http(bare_addr, &get_request(bare_addr, &[]));
    if status != 200 || bare_html != html {
        eprintln!("FAIL: the bare page answered {status} or different bytes");
        exit(1);
    }
    println!("page: {} bytes of HTML (Resuma response head {} bytes)", html.len(), head.len());

    // The same body with a frozen copy of the Resuma response's headers (one nonce, one
    // cookie): what the head's bytes cost on the wire and in wrk, with no work per request.
    let mut frozen = axum::http::HeaderMap::new();
    for line in head.lines().skip(1) {
        let Some((name, value)) = line.split_once(':') else { continue };
        let name = name.trim().to_ascii_lowercase();
        if name == "date" || name == "content-length" || name == "connection" {
            continue;
        }
        frozen.append(
            axum::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            axum::http::HeaderValue::from_str(value.trim()).unwrap(),
        );
    }
    let bytes = axum::body::Bytes::from(html.clone());
    let router = Router::new().route(
        "/",
        get(move || {
            let (headers, bytes) = (frozen.clone(), bytes.clone());
            async move { (headers, bytes) }
        }),
    );
    let headed_addr = serve_router(rt, router);

    let page = |name, addr: SocketAddr, headers| Target {
        name,
        url: format!("http://{addr}/"),
        post: false,
        headers,
    };
    let mut targets = vec![page(names[0], bare_addr, Vec::new()), page(names[1], addr, Vec::new())];
    if let Some(cookie) = cookie {
        targets.push(page(names[2], addr, vec![("cookie".to_owned(), cookie)]));
    }
    targets.push(page(names[3], headed_addr, Vec::new()));
    targets
}

/// Serves `router` with `axum::serve` on a fresh loopback port, once it listens.
fn serve_router(rt: &tokio::runtime::Runtime, router: Router) -> SocketAddr {
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    rt.spawn(async move { axum::serve(listener, router).await.expect("axum server") });
    wait_listening(addr);
    addr
}

fn wait_listening(addr: SocketAddr) {
    for _ in 0..100 {
        if TcpStream::connect(addr).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("{addr} is not listening");
}

/// Checks one call answers `200 {"ok":5}` (an action) or `200` (a page) before any load.
fn preflight(target: &Target) {
    let addr: SocketAddr =
        target.url["http://".len()..].split('/').next().unwrap().parse().unwrap();
    if !target.post {
        let (status, head, _) = http(addr, &get_request(addr, &target.headers));
        if status != 200 {
            eprintln!("FAIL: {} preflight answered {status}\n{head}", target.name);
            exit(1);
        }
        return;
    }
    let path = &target.url[target.url[7..].find('/').unwrap() + 7..];
    let (status, head, body) = http(addr, &post_request(addr, path, &target.headers, "[2,3]"));
    let body: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    if status != 200 || body != json!({"ok": 5}) {
        eprintln!("FAIL: {} preflight answered {status} {body}\n{head}", target.name);
        exit(1);
    }
}

fn lua_script(target: &Target) -> std::path::PathBuf {
    let mut lua = if target.post {
        String::from("wrk.method = \"POST\"\nwrk.body = \"[2,3]\"\n")
    } else {
        String::from("wrk.method = \"GET\"\n")
    };
    for (name, value) in &target.headers {
        lua += &format!("wrk.headers[{name:?}] = {value:?}\n");
    }
    let path = std::env::temp_dir().join(format!(
        "resuma-bench-actions-{}-{}.lua",
        std::process::id(),
        target.name
    ));
    std::fs::write(&path, lua).unwrap();
    path
}

struct WrkResult {
    rps: f64,
    non_2xx: u64,
    socket_errors: String,
    latency: String,
}

fn run_wrk(target: &Target, script: &std::path::Path, o: &Options) -> WrkResult {
    assert!(target.url.starts_with("http://127.0.0.1:"), "load only to loopback");
    let out = Command::new("wrk")
        .args(["-t", &o.threads.to_string(), "-c", &o.connections.to_string()])
        .args(["-d", &format!("{}s", o.duration), "--timeout", "5s", "-s"])
        .arg(script)
        .arg(&target.url)
        .output()
        .unwrap_or_else(|err| {
            eprintln!("FAIL: cannot run wrk ({err}); install it: apt-get install -y wrk");
            exit(1)
        });
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() {
        eprintln!(
            "FAIL: wrk exited {}:\n{text}{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        exit(1);
    }
    let line = |prefix: &str| {
        text.lines()
            .map(str::trim)
            .find(|l| l.starts_with(prefix))
            .map(|l| l[prefix.len()..].trim().to_owned())
    };
    let rps = line("Requests/sec:").and_then(|it| it.parse().ok()).unwrap_or_else(|| {
        eprintln!("FAIL: no Requests/sec in wrk output:\n{text}");
        exit(1)
    });
    let non_2xx = line("Non-2xx or 3xx responses:").map_or(0, |it| it.parse().unwrap_or(u64::MAX));
    let socket_errors = line("Socket errors:").unwrap_or_default();
    let latency = line("Latency")
        .and_then(|it| it.split_whitespace().next().map(str::to_owned))
        .unwrap_or_default();
    WrkResult { rps, non_2xx, socket_errors, latency }
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--profile") {
        let (Some(target), Some(n)) = (args.get(1), args.get(2).and_then(|n| n.parse().ok()))
        else {
            usage("--profile")
        };
        profile::profile(target, n);
        return;
    }
    let o = options();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();

    let secret = [7u8; 32];
    let resuma = start_resuma(
        &rt,
        "resuma",
        ResumaApp::new().secret(secret).page("/", page).rate_limit("1000000/s"),
    );
    let resuma_off = start_resuma(
        &rt,
        "resuma-no-rate-limit",
        ResumaApp::new().secret(secret).page("/", page).rate_limit_store(Unlimited),
    );
    let bare_addr = serve_router(&rt, Router::new().route("/add", post(bare_add)));
    let bare = Target {
        name: "bare-axum",
        url: format!("http://{bare_addr}/add"),
        post: true,
        headers: vec![("content-type".to_owned(), "application/json".to_owned())],
    };

    let actions = [bare, resuma, resuma_off];
    let app = ResumaApp::new().secret(secret).page("/", BenchPage);
    let names = ["bare-axum-page", "resuma-page", "resuma-page-cookie", "bare-axum-page-heads"];
    let pages = start_pages(&rt, names, app.router(), "Count: ", true);
    let flow = flow_app(secret);
    let names = ["bare-axum-flow", "flow-page", "flow-page-cookie", "bare-axum-flow-heads"];
    let rows = "<td>49</td><td>Post number 49 &amp; more</td>";
    // No handler, no form: no session to start (so no cookie variant).
    let mut flow = start_pages(&rt, names, flow.router(), rows, false);
    // The same view as a plain `ResumaApp` page (no loads, no Flow): what Flow adds.
    let names =
        ["bare-axum-same", "resuma-page-same", "resuma-page-same-cookie", "bare-axum-same-heads"];
    let app = ResumaApp::new().secret(secret).page("/", same_view());
    let same = start_pages(&rt, names, app.router(), rows, false);
    flow.extend(same.into_iter().nth(1));
    for t in actions.iter().chain(&pages).chain(&flow) {
        preflight(t);
        println!("{:<22} {}", t.name, t.url);
    }
    println!(
        "wrk -t{} -c{} -d{}s, {} runs per server, interleaved; {} server threads (tokio, in-process)\n",
        o.threads, o.connections, o.duration, o.runs,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    // `RESUMA_BENCH_HOLD_SECS=N`: keep the servers up N s (printed above) and measure
    // nothing, to drive one from outside (`wrk`, `perf stat -p`).
    if let Some(secs) = std::env::var("RESUMA_BENCH_HOLD_SECS").ok().and_then(|it| it.parse().ok())
    {
        println!("holding the servers (pid {}) for {secs} s", std::process::id());
        std::thread::sleep(Duration::from_secs(secs));
        return;
    }
    let wants = |group: &str| o.only.as_deref().is_none_or(|only| only == group);
    let mut ok = true;
    if wants("actions") {
        let names = ["resuma", "resuma, rate limit off"];
        ok &= report("server function calls", &actions, &o, 0.80, &names);
    }
    if wants("page") {
        let names = [
            "resuma page",
            "resuma page with session cookie",
            "bare axum with the page's headers, frozen",
        ];
        ok &= report("serving a page", &pages, &o, 0.70, &names);
    }
    if wants("flow") {
        let names = [
            "flow page",
            "bare axum with the page's headers, frozen",
            "the same view as a plain ResumaApp page",
        ];
        ok &= report("serving a Flow page (layout + load of 50 rows)", &flow, &o, 0.80, &names);
    }
    if !ok {
        exit(1);
    }
}

/// Measures `targets` (bare axum first) under `title` and prints each other one's median
/// as a ratio to the bare one's, named by `names`, the first against `goal`. Returns
/// whether every response was 2xx.
fn report(title: &str, targets: &[Target], o: &Options, goal: f64, names: &[&str]) -> bool {
    println!("## {title}");
    let (med, passed) = measure(targets, o);
    for (at, name) in names.iter().enumerate() {
        let ratio = med[at + 1] / med[0];
        if at == 0 {
            let verdict = if ratio >= goal { "PASS" } else { "MISS" };
            println!(
                "\n{name} / bare axum (median req/s): {ratio:.3}  target >= {goal:.2}: {verdict}"
            );
        } else {
            println!("{name} / bare axum: {ratio:.3}");
        }
    }
    println!();
    passed
}

/// Runs every target `o.runs` times, interleaved, and prints the table. Returns the
/// median req/s per target and whether every response was 2xx.
fn measure(targets: &[Target], o: &Options) -> (Vec<f64>, bool) {
    let scripts: Vec<_> = targets.iter().map(lua_script).collect();

    let mut rps: Vec<Vec<f64>> = vec![Vec::new(); targets.len()];
    let mut failed = false;
    for run in 0..o.runs {
        // Rotate the order each round so no server always goes first.
        for k in 0..targets.len() {
            let i = (k + run) % targets.len();
            let r = run_wrk(&targets[i], &scripts[i], o);
            println!(
                "run {} {:<22} {:>10.0} req/s  latency {}  non-2xx {}  {}",
                run + 1,
                targets[i].name,
                r.rps,
                r.latency,
                r.non_2xx,
                if r.socket_errors.is_empty() {
                    String::new()
                } else {
                    format!("socket errors: {}", r.socket_errors)
                }
            );
            if r.non_2xx > 0 {
                eprintln!(
                    "FAIL: {} answered {} non-2xx responses: the figures are meaningless",
                    targets[i].name, r.non_2xx
                );
                failed = true;
            }
            rps[i].push(r.rps);
        }
    }
    for s in &scripts {
        let _ = std::fs::remove_file(s);
    }

    let med: Vec<f64> = rps.iter().map(|it| median(it.clone())).collect();
    println!("\n| server | median req/s | runs |\n| --- | ---: | --- |");
    for (t, (m, runs)) in targets.iter().zip(med.iter().zip(&rps)) {
        let runs: Vec<String> = runs.iter().map(|it| format!("{it:.0}")).collect();
        println!("| {} | {m:.0} | {} |", t.name, runs.join(", "));
    }
    (med, !failed)
}
