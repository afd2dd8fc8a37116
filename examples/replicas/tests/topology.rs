//! Two replicas of `replicas` behind nginx, sharing `RESUMA_SECRET`, Redis and Postgres,
//! all started here on free loopback ports in temporary directories (Debian's
//! `postgresql`, `redis-server`, `nginx`; `scripts/test.sh` installs them and runs this
//! with `RESUMA_REPLICAS=1`):
//!
//! 1. a page rendered by A, then a server function call, a form submit and the page's
//!    handler chunk served by B: CSRF and chunks hold across replicas;
//! 2. a per-client rate limit holds across replicas (Redis); with Redis stopped, pages and
//!    calls are still served (limits fail open), and the limit holds again once it is back;
//! 3. a load run through nginx (pages, calls, submits) while A is stopped with SIGTERM:
//!    A drains its in-flight requests, nginx moves to B, every write acknowledged is in
//!    Postgres, and the only 5xx are the balancer's while A leaves (counted, printed).

#[path = "../../../framework/tests/services/mod.rs"]
mod services;

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use services::{find_binary, free_port, path, temp_dir, terminate, wait_for_port, Postgres, Redis};

/// The secret every replica shares (any replica verifies another's CSRF tokens).
const SECRET: &str = "replica-test-secret-0123456789abcdef0123456789abcdef";
/// How long the load run lasts, and when in it replica A gets SIGTERM.
const LOAD_FOR: Duration = Duration::from_secs(5);
const STOP_A_AT: Duration = Duration::from_millis(1500);
/// Concurrent clients in the load run.
const N_CLIENTS: usize = 12;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replicas_behind_nginx_share_csrf_limits_and_writes() {
    if std::env::var_os("RESUMA_REPLICAS").is_none() {
        eprintln!(
            "SKIPPED: set RESUMA_REPLICAS=1 to run the replica topology (scripts/test.sh does)"
        );
        return;
    }
    let started = Instant::now();
    let Some(postgres) = Postgres::start() else { return };
    let Some(mut redis) = Redis::start() else { return };
    let mut a = Replica::start("a", &postgres.url(), &redis.url());
    let b = Replica::start("b", &postgres.url(), &redis.url());
    a.wait_ready().await;
    b.wait_ready().await;
    let Some(nginx) = Nginx::start(&[a.port, b.port]) else { return };
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let db = sqlx::PgPool::connect(&postgres.url()).await.unwrap();
    eprintln!("topology up in {:?}", started.elapsed());

    across_replicas(&http, &a, &b, &db).await;
    rate_limit_across_replicas(&http, &nginx).await;
    redis_outage(&http, &nginx, &mut redis).await;
    drain_under_load(&http, &nginx, &mut a, &db).await;
    eprintln!("replica topology test: {:?} in all", started.elapsed());
}

/// 1: the page from A; the call, the submit and the chunk from B.
async fn across_replicas(http: &reqwest::Client, a: &Replica, b: &Replica, db: &sqlx::PgPool) {
    let page = Session::open(http, &a.base()).await;
    assert!(page.html.contains(r#"<p id="replica">a</p>"#), "A rendered it");
    let (status, body) = page.call(http, &b.base(), "add_note", r#"["cross-action", 0]"#).await;
    assert_eq!((status, body.as_str()), (200, r#"{"ok":"b"}"#), "B accepts A's CSRF token");
    assert_eq!(page.submit(http, &b.base(), "cross-form").await, 303, "B accepts A's form");
    // A forged token is refused by B all the same.
    let forged = Session { token: "forged".into(), ..page.clone() };
    let (status, _) = forged.call(http, &b.base(), "add_note", r#"["forged", 0]"#).await;
    assert_eq!(status, 403);
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT token, via, replica FROM notes WHERE token LIKE 'cross-%' OR token = 'forged' ORDER BY token",
    )
    .fetch_all(db)
    .await
    .unwrap();
    let expected = [("cross-action", "action", "b"), ("cross-form", "form", "b")]
        .map(|(t, v, r)| (t.to_owned(), v.to_owned(), r.to_owned()));
    assert_eq!(rows, expected);
    // Every handler chunk A's page names is served by B, which never rendered the page.
    let chunks = chunk_paths(&page.html);
    assert!(!chunks.is_empty(), "the page names its chunks: {}", page.html);
    for path in &chunks {
        let res = http.get(format!("{}{path}", b.base())).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path} on B");
    }
    eprintln!("across replicas: page by A; call, submit and {} chunk(s) by B", chunks.len());
}

/// 2: `ping` allows 10 calls per minute per client; through nginx (round robin over both
/// replicas), one client gets 10, whichever replica answers.
async fn rate_limit_across_replicas(http: &reqwest::Client, nginx: &Nginx) {
    // nginx's $request_id reaches the app (trusted proxy) and comes back.
    let res = http.get(format!("{}/healthz", nginx.base())).send().await.unwrap();
    let id = res.headers()["x-request-id"].to_str().unwrap();
    assert!(id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()), "nginx's id: {id}");
    let session = Session::open(http, &nginx.base()).await;
    let mut allowed_by = BTreeMap::<String, usize>::new();
    let mut n_refused = 0;
    for _ in 0..30 {
        match session.call(http, &nginx.base(), "ping", "[]").await {
            (200, name) => *allowed_by.entry(name).or_default() += 1,
            (429, _) => n_refused += 1,
            (status, body) => panic!("ping answered {status}: {body}"),
        }
    }
    let n_allowed: usize = allowed_by.values().sum();
    eprintln!("rate limit 10/min across replicas: {n_allowed} allowed {allowed_by:?}, {n_refused} refused");
    // Within one bucket of the limit: a token refills every 6 s, the run takes less.
    assert!((10..=11).contains(&n_allowed), "{n_allowed} allowed");
    assert_eq!(allowed_by.len(), 2, "both replicas answered: {allowed_by:?}");
}

/// With Redis stopped, pages and calls keep being served (the replicas' store fails
/// open: the client above is over its `ping` limit, and is let through); once Redis is
/// back (empty), the limit holds again.
async fn redis_outage(http: &reqwest::Client, nginx: &Nginx, redis: &mut Redis) {
    let session = Session::open(http, &nginx.base()).await;
    assert_eq!(session.call(http, &nginx.base(), "ping", "[]").await.0, 429, "over the limit");
    redis.stop();
    let started = Instant::now();
    for _ in 0..6 {
        assert_eq!(http.get(format!("{}/", nginx.base())).send().await.unwrap().status(), 200);
        assert_eq!(session.call(http, &nginx.base(), "ping", "[]").await.0, 200, "fails open");
    }
    let outage = started.elapsed();
    redis.resume();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut n_allowed = 0;
    loop {
        match session.call(http, &nginx.base(), "ping", "[]").await.0 {
            200 => n_allowed += 1,
            429 => break,
            status => panic!("ping answered {status}"),
        }
        assert!(Instant::now() < deadline, "the limit never came back");
    }
    eprintln!(
        "redis outage: 6 pages and 6 calls served in {outage:?} (failed open); back: {n_allowed} allowed, then 429"
    );
    // 10, plus the calls that failed open while the replicas reconnected.
    assert!(n_allowed >= 10, "{n_allowed}");
}

/// What the load run saw.
#[derive(Default)]
struct Tally {
    /// (operation, status) -> count.
    statuses: BTreeMap<(&'static str, u16), usize>,
    /// Tokens of writes answered with success.
    acknowledged: Vec<String>,
    /// 5xx answers: (operation, status, from nginx, ms after SIGTERM to A).
    errors: Vec<(&'static str, u16, bool, i64)>,
    /// Requests that failed without an answer.
    n_transport_errors: usize,
    /// Successful calls by (answering replica, after A's SIGTERM).
    calls_by: BTreeMap<(String, bool), usize>,
}

/// 3: load through nginx, A stopped with SIGTERM part way.
async fn drain_under_load(
    http: &reqwest::Client,
    nginx: &Nginx,
    a: &mut Replica,
    db: &sqlx::PgPool,
) {
    let tally = Arc::new(Mutex::new(Tally::default()));
    let t0 = Instant::now();
    let stop_at = t0 + STOP_A_AT;
    let mut clients = Vec::new();
    for client_idx in 0..N_CLIENTS {
        let (http, base, tally) = (http.clone(), nginx.base(), Arc::clone(&tally));
        clients.push(tokio::spawn(async move {
            let session = Session::open(&http, &base).await;
            let mut op_idx = 0usize;
            while t0.elapsed() < LOAD_FOR {
                let token = format!("load-{client_idx}-{op_idx}");
                let (op, res) = match op_idx % 3 {
                    0 => ("page", http.get(format!("{base}/")).send().await),
                    1 => {
                        let delay_ms = (op_idx * 37) % 120;
                        let body = format!(r#"["{token}", {delay_ms}]"#);
                        (
                            "action",
                            session.call_request(&http, &base, "add_note", body).send().await,
                        )
                    }
                    _ => ("form", session.submit_request(&http, &base, &token).send().await),
                };
                op_idx += 1;
                let now = Instant::now();
                let ms_after_stop = match now.checked_duration_since(stop_at) {
                    Some(after) => after.as_millis() as i64,
                    None => -((stop_at - now).as_millis() as i64),
                };
                let Ok(res) = res else {
                    tally.lock().unwrap().n_transport_errors += 1;
                    continue;
                };
                let status = res.status().as_u16();
                let body = res.text().await.unwrap_or_default();
                let mut tally = tally.lock().unwrap();
                *tally.statuses.entry((op, status)).or_default() += 1;
                if (op, status) == ("action", 200) {
                    let replica = body.trim_start_matches(r#"{"ok":""#).trim_end_matches(r#""}"#);
                    *tally.calls_by.entry((replica.to_owned(), ms_after_stop > 0)).or_default() +=
                        1;
                }
                match (op, status) {
                    ("action", 200) | ("form", 303) => tally.acknowledged.push(token),
                    (_, 500..) => {
                        tally.errors.push((op, status, body.contains("nginx"), ms_after_stop))
                    }
                    _ => {}
                }
            }
        }));
    }

    // Calls in flight on A itself when it gets SIGTERM: each takes 800 ms, sent 300 ms
    // before (their sessions opened now).
    let mut drain_sessions = Vec::new();
    for _ in 0..4 {
        drain_sessions.push(Session::open(http, &a.base()).await);
    }
    tokio::time::sleep_until((stop_at - Duration::from_millis(300)).into()).await;
    let in_flight: Vec<_> = drain_sessions
        .into_iter()
        .enumerate()
        .map(|(call_idx, session)| {
            let (http, base) = (http.clone(), a.base());
            tokio::spawn(async move {
                let body = format!(r#"["drain-{call_idx}", 800]"#);
                session.call(&http, &base, "add_note", &body).await
            })
        })
        .collect();
    tokio::time::sleep_until(stop_at.into()).await;
    let drain_started = Instant::now();
    a.signal_term();
    let exit = tokio::task::spawn_blocking({
        let mut child = a.child.take().unwrap();
        move || child.wait()
    });
    for call in in_flight {
        assert_eq!(call.await.unwrap(), (200, r#"{"ok":"a"}"#.to_owned()), "A finished its call");
    }
    let exit = exit.await.unwrap().unwrap();
    let drain_time = drain_started.elapsed();
    assert!(exit.success(), "A exited cleanly: {exit}");
    for client in clients {
        client.await.unwrap();
    }

    let tally = Arc::try_unwrap(tally).ok().unwrap().into_inner().unwrap();
    let stored: HashSet<String> = sqlx::query_scalar("SELECT token FROM notes")
        .fetch_all(db)
        .await
        .unwrap()
        .into_iter()
        .collect();
    let missing: Vec<_> = tally.acknowledged.iter().filter(|it| !stored.contains(*it)).collect();
    let n_drain_stored = (0..4).filter(|it| stored.contains(&format!("drain-{it}"))).count();
    let from_app: Vec<_> = tally.errors.iter().filter(|it| !it.2).collect();
    let n_requests: usize = tally.statuses.values().sum();
    eprintln!(
        "drain under load: {n_requests} requests in {LOAD_FOR:?} from {N_CLIENTS} clients; statuses {:?}",
        tally.statuses
    );
    eprintln!("  calls answered by (replica, after SIGTERM): {:?}", tally.calls_by);
    eprintln!(
        "  A stopped (SIGTERM) at {STOP_A_AT:?}, exited after {drain_time:?}, its 4 in-flight 800 ms calls answered 200 and stored: {n_drain_stored}/4"
    );
    eprintln!(
        "  writes acknowledged {}, found in Postgres {}; 5xx from nginx {} {:?}; 5xx from the app {}; transport errors {}",
        tally.acknowledged.len(),
        tally.acknowledged.len() - missing.len(),
        tally.errors.len() - from_app.len(),
        tally.errors,
        from_app.len(),
        tally.n_transport_errors,
    );
    assert!(missing.is_empty(), "acknowledged but not stored: {missing:?}");
    assert_eq!(n_drain_stored, 4);
    assert!(from_app.is_empty(), "5xx from the app: {from_app:?}");
    assert_eq!(tally.n_transport_errors, 0);
    // The balancer's 5xx are the requests A had accepted in its backlog as it left: few.
    assert!(tally.errors.len() <= 2 * N_CLIENTS, "{:?}", tally.errors);
    assert!(tally.acknowledged.len() > 100, "the load run did work");
    assert!(tally.calls_by.contains_key(&("a".to_owned(), false)), "A served before");
    assert!(tally.calls_by.contains_key(&("b".to_owned(), true)), "B served after");
}

/// A client's session: the CSRF cookie and token of a page it opened.
#[derive(Clone)]
struct Session {
    cookie: String,
    token: String,
    html: String,
}

impl Session {
    async fn open(http: &reqwest::Client, base: &str) -> Session {
        let res = http.get(format!("{base}/")).send().await.unwrap();
        assert_eq!(res.status(), 200, "GET {base}/");
        let set_cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
        let cookie = set_cookie.split(';').next().unwrap().to_owned();
        let html = res.text().await.unwrap();
        let start = html.find(r#"<meta name="resuma-csrf" content=""#).expect("a CSRF meta") + 34;
        let token = html[start..][..html[start..].find('"').unwrap()].to_owned();
        Session { cookie, token, html }
    }

    fn call_request(
        &self,
        http: &reqwest::Client,
        base: &str,
        name: &str,
        body: String,
    ) -> reqwest::RequestBuilder {
        http.post(format!("{base}/_resuma/action/{name}"))
            .header("origin", base)
            .header("cookie", &self.cookie)
            .header("x-resuma-csrf", &self.token)
            .header("content-type", "application/json")
            .body(body)
    }

    /// Calls server function `name` with the JSON `args`: the status and the body.
    async fn call(
        &self,
        http: &reqwest::Client,
        base: &str,
        name: &str,
        args: &str,
    ) -> (u16, String) {
        let res = self.call_request(http, base, name, args.to_owned()).send().await.unwrap();
        (res.status().as_u16(), res.text().await.unwrap())
    }

    fn submit_request(
        &self,
        http: &reqwest::Client,
        base: &str,
        token: &str,
    ) -> reqwest::RequestBuilder {
        http.post(format!("{base}/"))
            .header("origin", base)
            .header("cookie", &self.cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("_csrf={}&token={token}", self.token))
    }

    /// Sends the page's form with note `token`: the status.
    async fn submit(&self, http: &reqwest::Client, base: &str, token: &str) -> u16 {
        self.submit_request(http, base, token).send().await.unwrap().status().as_u16()
    }
}

/// The handler chunks a page names (`data-r-on:click="Index.HASH#0|0"` is
/// `/_resuma/handler/Index.HASH.js`, as the loader builds it), and its core.
fn chunk_paths(html: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for attr in html.split("data-r-on:").skip(1) {
        // An attribute (`click="…"`), not the loader's text that builds the name.
        let Some((event, rest)) = attr.split_once("=\"") else { continue };
        if event.is_empty() || !event.bytes().all(|b| b.is_ascii_alphabetic()) {
            continue;
        }
        let value = rest.split('"').next().unwrap_or_default();
        let name = value.trim_start_matches('!').split('#').next().unwrap_or_default();
        let path = format!("/_resuma/handler/{name}.js");
        if !paths.contains(&path) {
            paths.push(path);
        }
    }
    if let Some(start) = html.find("/_resuma/core.") {
        let len = html[start..].find('"').unwrap_or_default();
        paths.push(html[start..start + len].to_owned());
    }
    paths
}

/// One replica: the example's binary with the shared settings.
struct Replica {
    port: u16,
    child: Option<Child>,
}

impl Replica {
    fn start(name: &str, database_url: &str, redis_url: &str) -> Replica {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_replicas"))
            .env("RESUMA_ADDR", format!("127.0.0.1:{port}"))
            .env("RESUMA_SECRET", SECRET)
            .env("DATABASE_URL", database_url)
            .env("REDIS_URL", redis_url)
            .env("REPLICA", name)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the replicas binary starts");
        Replica { port, child: Some(child) }
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    async fn wait_ready(&self) {
        assert!(
            wait_for_port(self.port, Duration::from_secs(30)),
            "replica on {} listens",
            self.port
        );
    }

    fn signal_term(&self) {
        if let Some(child) = &self.child {
            let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
        }
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            terminate(&mut child);
        }
    }
}

/// nginx in front of the replicas: round robin, no upstream keep-alive, a replica that
/// refuses a connection is skipped for 10 s (the config is `docs/deploy.md`'s).
struct Nginx {
    port: u16,
    dir: PathBuf,
    child: Child,
}

impl Nginx {
    fn start(upstreams: &[u16]) -> Option<Nginx> {
        let Some(binary) = find_binary("nginx") else {
            eprintln!("SKIPPED: nginx is not installed (scripts/test.sh installs it: apt-get install -y nginx)");
            return None;
        };
        let (port, dir) = (free_port(), temp_dir("nginx"));
        let servers: String = upstreams
            .iter()
            .map(|port| format!("        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;\n"))
            .collect();
        let conf = NGINX_CONF
            .replace("{dir}", path(&dir))
            .replace("{servers}", &servers)
            .replace("{port}", &port.to_string());
        std::fs::write(dir.join("nginx.conf"), conf).unwrap();
        let child = Command::new(binary)
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .arg("-e")
            .arg(dir.join("error.log"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("nginx starts");
        assert!(wait_for_port(port, Duration::from_secs(10)), "nginx listens");
        Some(Nginx { port, dir, child })
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGQUIT: nginx's graceful stop.
        let _ = Command::new("kill").arg("-QUIT").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

const NGINX_CONF: &str = include_str!("nginx.conf");
