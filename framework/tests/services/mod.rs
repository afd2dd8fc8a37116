//! Real services for tests, started by the test itself: a `redis-server` on a free
//! loopback port in a temporary directory, which a test can stop and start again on the
//! same port, and a Postgres cluster the same way (as the `postgres` user when root). `scripts/test.sh` installs the Debian packages; where a binary is absent
//! (a developer's machine without them), `start` says so and the test skips.
//!
//! Also used by `examples/replicas/tests/` (through `#[path]`).

#![allow(dead_code)] // each test binary uses its own part

use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A port nobody listens on now (the OS's pick, released at once).
pub(crate) fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("a free port");
    listener.local_addr().expect("its address").port()
}

/// The path of `binary` on `PATH` (or one of `extra` globs' directories), if any.
pub(crate) fn find_binary(binary: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/sbin"].map(PathBuf::from))
        .map(|dir| dir.join(binary))
        .find(|it| it.is_file())
}

/// A fresh, empty directory for one service of this test process.
pub(crate) fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("resuma-{name}-{}-{}", std::process::id(), free_port()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    dir
}

/// Waits until something accepts TCP connections on `port` (at most `limit`).
pub(crate) fn wait_for_port(port: u16, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    while Instant::now() < deadline {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

/// Sends SIGTERM to `child` and waits for it (SIGKILL after 10 s).
pub(crate) fn terminate(child: &mut Child) {
    let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// A `redis-server` of this test: no persistence, loopback only, its own directory; with
/// [`Redis::start_tls`], TLS only, with a certificate of its own test CA.
pub(crate) struct Redis {
    pub(crate) port: u16,
    dir: PathBuf,
    binary: PathBuf,
    child: Option<Child>,
    tls: bool,
}

impl Redis {
    /// Starts one on a free port, or `None` (with a message) if `redis-server` is absent.
    pub(crate) fn start() -> Option<Redis> {
        let mut redis = Redis::new(false)?;
        redis.resume();
        Some(redis)
    }

    /// A stopped server of this test (TLS only with `tls`) in a fresh directory, or
    /// `None` (with a message) if `redis-server` is absent.
    fn new(tls: bool) -> Option<Redis> {
        let Some(binary) = find_binary("redis-server") else {
            eprintln!(
                "SKIPPED: redis-server is not installed (scripts/test.sh installs it: \
                 apt-get install -y redis-server)"
            );
            return None;
        };
        let dir = temp_dir(if tls { "redis-tls" } else { "redis" });
        Some(Redis { port: free_port(), dir, binary, child: None, tls })
    }

    /// Starts one that speaks TLS only, its certificate (for `127.0.0.1`) signed by a CA
    /// made here ([`Redis::ca_file`]), or `None` (with a message) if `redis-server` or
    /// `openssl` is absent.
    pub(crate) fn start_tls() -> Option<Redis> {
        if find_binary("openssl").is_none() {
            eprintln!("SKIPPED: openssl is not installed (apt-get install -y openssl)");
            return None;
        }
        let mut redis = Redis::new(true)?;
        make_ca(&redis.dir, "ca");
        let openssl = |args: &[&str]| openssl(&redis.dir, args);
        openssl(&[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=127.0.0.1",
        ]);
        std::fs::write(redis.dir.join("server.ext"), "subjectAltName=IP:127.0.0.1\n").unwrap();
        openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.pem",
            "-days",
            "2",
            "-extfile",
            "server.ext",
        ]);
        redis.resume();
        Some(redis)
    }

    /// The CA that signed a TLS server's certificate (PEM).
    pub(crate) fn ca_file(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }

    /// `redis://127.0.0.1:PORT/`, or `rediss://…` for a TLS server.
    pub(crate) fn url(&self) -> String {
        let scheme = if self.tls { "rediss" } else { "redis" };
        format!("{scheme}://127.0.0.1:{}/", self.port)
    }

    /// Stops it (SIGTERM, waited for): its port refuses connections until [`resume`].
    pub(crate) fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            terminate(&mut child);
        }
    }

    /// Starts it again on the same port, empty, and waits until it accepts connections.
    pub(crate) fn resume(&mut self) {
        assert!(self.child.is_none(), "already running");
        let mut command = Command::new(&self.binary);
        if self.tls {
            command.args(["--port", "0", "--tls-port", &self.port.to_string()]);
            command.args(["--tls-cert-file", "server.pem", "--tls-key-file", "server.key"]);
            command.args(["--tls-ca-cert-file", "ca.pem", "--tls-auth-clients", "no"]);
        } else {
            command.args(["--port", &self.port.to_string()]);
        }
        let child = command
            .args(["--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no", "--daemonize", "no"])
            .arg("--dir")
            .arg(&self.dir)
            .current_dir(&self.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server starts");
        self.child = Some(child);
        assert!(wait_for_port(self.port, Duration::from_secs(10)), "redis-server listens");
    }

    /// Its directory.
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }
}

/// Writes a self-signed CA, `NAME.pem` and `NAME.key`, into `dir`.
pub(crate) fn make_ca(dir: &Path, name: &str) {
    let subject = format!("/CN=Resuma test CA {name}");
    let (key, pem) = (format!("{name}.key"), format!("{name}.pem"));
    openssl(
        dir,
        &[
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", &subject,
            "-keyout", &key, "-out", &pem,
        ],
    );
}

/// Runs `openssl ARGS` in `dir`, which must succeed.
fn openssl(dir: &Path, args: &[&str]) {
    let status = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("openssl runs");
    assert!(status.success(), "openssl {args:?}");
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A Postgres cluster in a temporary directory (as the `postgres` user when run as root:
/// Postgres refuses root), trust authentication on loopback, user `resuma`.
pub(crate) struct Postgres {
    port: u16,
    dir: PathBuf,
    bin: PathBuf,
}

impl Postgres {
    pub(crate) fn start() -> Option<Postgres> {
        let bin = std::fs::read_dir("/usr/lib/postgresql").ok().and_then(|dirs| {
            dirs.flatten().map(|it| it.path().join("bin")).find(|it| it.join("initdb").is_file())
        });
        let Some(bin) = bin else {
            eprintln!("SKIPPED: Postgres is not installed (scripts/test.sh installs it: apt-get install -y postgresql)");
            return None;
        };
        let postgres = Postgres { port: free_port(), dir: temp_dir("postgres"), bin };
        let _ = Command::new("chown").arg("postgres").arg(&postgres.dir).status();
        let data = postgres.dir.join("data");
        postgres.run(
            "initdb",
            &["-D", path(&data), "-U", "resuma", "--auth=trust", "-E", "UTF8", "--no-sync"],
        );
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50",
            postgres.port,
            path(&postgres.dir)
        );
        let log = postgres.dir.join("postgres.log");
        postgres
            .run("pg_ctl", &["-D", path(&data), "-l", path(&log), "-w", "-o", &options, "start"]);
        Some(postgres)
    }

    pub(crate) fn url(&self) -> String {
        format!("postgres://resuma@127.0.0.1:{}/postgres", self.port)
    }

    /// Runs one of Postgres' programs, as `postgres` when this is root.
    pub(crate) fn run(&self, program: &str, args: &[&str]) {
        let program = self.bin.join(program);
        let is_root =
            Command::new("id").arg("-u").output().is_ok_and(|it| it.stdout.starts_with(b"0\n"));
        let mut command = if is_root {
            let mut it = Command::new("runuser");
            it.args(["-u", "postgres", "--"]).arg(&program);
            it
        } else {
            Command::new(&program)
        };
        let out =
            command.args(args).stdin(Stdio::null()).output().expect("a Postgres program runs");
        assert!(
            out.status.success(),
            "{} {args:?}: {}{}",
            program.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        self.run("pg_ctl", &["-D", path(&data), "-m", "fast", "-w", "stop"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A temporary path as text (they are ASCII here).
pub(crate) fn path(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}
