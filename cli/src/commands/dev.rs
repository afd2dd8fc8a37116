//! `resuma dev [PATH]`: builds the app, runs it behind a small dev server, and on every
//! save checks, rebuilds, restarts and reloads the page — or shows the errors in an
//! overlay in the browser and in the terminal, keeping the last good app running.
//!
//! Invariant: the page's address never changes and always answers: the app runs on a
//! private port behind the proxy (`dev/proxy.rs`), a new build is started and ready
//! before it replaces the old one, and a failed build replaces nothing.

mod addr;
pub(crate) mod app;
pub(crate) mod cargo;
mod errors;
mod proxy;
mod watch;

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Args;
use miette::{miette, IntoDiagnostic as _, WrapErr as _};
use resuma_analysis::Severity;
use tokio::net::TcpListener;

use addr::ListenAddr;
use app::App;
use cargo::{Build, BuildOutcome};
use errors::OverlayError;
use proxy::Hub;

/// How long the files must stay quiet before a burst of saves is rebuilt as one.
const DEBOUNCE: Duration = Duration::from_millis(50);

/// Arguments of `resuma dev`.
#[derive(Args)]
#[command(after_long_help = "\
How it works: resuma dev listens on the address the browser uses and forwards to the app,
which it builds with cargo and runs on a private port. On every save under src/, of
Cargo.toml or of assets/, it checks the views (resuma check), rebuilds, starts the new app
and reloads the page. Errors show in the terminal and in an overlay on the page, while
the last good build keeps serving. Ctrl-C stops the app and the dev server.")]
pub(crate) struct DevArgs {
    /// The app's directory (the one with its Cargo.toml).
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Where the browser connects: host:port. Default: RESUMA_ADDR, else 127.0.0.1:3000.
    #[arg(long, value_name = "HOST:PORT", value_parser = addr::parse_listen_addr)]
    addr: Option<ListenAddr>,
    /// Which binary of the package to run, when it has several.
    #[arg(long)]
    bin: Option<String>,
}

/// Runs the dev loop until Ctrl-C; exit code 0 then, 1 when it cannot start.
pub(crate) fn run(args: &DevArgs) -> std::process::ExitCode {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build();
    let res = runtime.into_diagnostic().and_then(|runtime| runtime.block_on(session(args)));
    super::finish(res)
}

/// What the loop holds between rebuilds.
struct Session {
    dir: PathBuf,
    bin: Option<String>,
    hub: Arc<Hub>,
    app: Option<App>,
    /// Environment of every start of the app.
    env: Vec<(&'static str, String)>,
}

async fn session(args: &DevArgs) -> miette::Result<()> {
    let dir = std::fs::canonicalize(&args.path)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot open {}", args.path.display()))?;
    if !dir.join("Cargo.toml").is_file() {
        return Err(miette!(
            help = "run resuma dev in an app's directory, or pass it: resuma dev path/to/app",
            "{} has no Cargo.toml",
            dir.display()
        ));
    }
    let addr = match &args.addr {
        Some(addr) => addr.clone(),
        None => listen_addr()?,
    };
    let listener =
        TcpListener::bind(addr.addrs.as_slice()).await.into_diagnostic().wrap_err_with(|| {
            format!("cannot listen on {addr} (is another server there? choose one with --addr)")
        })?;
    let addr = listener.local_addr().into_diagnostic()?;
    let hub = Hub::new();
    tokio::spawn(proxy::serve(listener, Arc::clone(&hub)));
    let mut changes = watch::watch(&dir).into_diagnostic().wrap_err("cannot watch the app")?;
    eprintln!("resuma dev: http://{addr} — watching {}", dir.display());

    let mut session = Session { dir, bin: args.bin.clone(), hub, app: None, env: app_env() };
    let mut interrupted = interrupt_signal();
    let mut changed = Vec::new();
    loop {
        tokio::select! {
            () = session.cycle(&changed) => {}
            _ = interrupted.changed() => break,
        }
        tokio::select! {
            batch = changes.next_batch(DEBOUNCE) => match batch {
                Some(batch) => changed = batch,
                None => break,
            },
            _ = interrupted.changed() => break,
        }
    }
    eprintln!("\nresuma dev: stopping");
    if let Some(app) = session.app.take() {
        app.stop().await;
    }
    Ok(())
}

impl Session {
    /// One round: check, build, start, reload — each step timed on one progress line.
    async fn cycle(&mut self, changed: &[PathBuf]) {
        let mut line = Progress::start(&self.dir, changed);
        let started = Instant::now();
        let Checked { errors, warnings } = check(&self.dir);
        line.step("check", started);
        for warning in &warnings {
            eprint!("{}", warning.rendered);
        }
        if !errors.is_empty() {
            line.finish(&format!("{} Resuma error(s)", errors.len()));
            for error in &errors {
                eprint!("{}", error.rendered);
            }
            self.hub.show_errors(errors);
            return;
        }
        let started = Instant::now();
        let build = cargo::build(&self.dir, false, self.bin.as_deref()).await;
        line.step("build", started);
        let executable = match build {
            Ok(Build { outcome: BuildOutcome::Built { executable }, report }) => {
                eprint!("{report}");
                executable
            }
            Ok(Build { outcome: BuildOutcome::Failed { errors }, report }) => {
                line.finish(&format!(
                    "build failed ({} error(s)); the last good build keeps running",
                    errors.len()
                ));
                eprint!("{report}");
                self.hub.show_errors(errors);
                return;
            }
            Err(err) => {
                line.finish("cannot run cargo");
                self.hub.show_errors(vec![OverlayError::general("cargo", err.to_string())]);
                return;
            }
        };
        let started = Instant::now();
        match App::start(&executable, &self.dir, &self.env).await {
            Ok(app) => {
                line.step("start", started);
                self.hub.set_app(app.addr());
                let old = self.app.replace(app);
                let pages = self.hub.reload();
                line.finish(&format!("reloaded {pages} page(s)"));
                if let Some(old) = old {
                    old.stop().await;
                }
            }
            Err(err) => {
                line.finish("the app did not start; the last good build keeps running");
                self.hub.show_errors(vec![OverlayError::general("the app", err.to_string())]);
            }
        }
    }
}

/// What Resuma's analysis finds in the app's sources before a build: errors stop it,
/// warnings are only printed.
#[derive(Debug, Default)]
struct Checked {
    errors: Vec<OverlayError>,
    warnings: Vec<OverlayError>,
}

/// Every diagnostic Resuma's analysis finds in the app's sources: `resuma check`'s own
/// [`check_crate`](super::check::check_crate), so the same files, budgets and errors.
fn check(dir: &Path) -> Checked {
    let mut checked = Checked::default();
    let files = match super::check::check_crate(dir) {
        Ok(it) => it.files,
        Err(err) => {
            checked.errors.push(OverlayError::general("Cargo.toml", err.to_string()));
            return checked;
        }
    };
    for file in files {
        let shown = file.path.strip_prefix(dir).unwrap_or(&file.path).display().to_string();
        let Some((text, analysis)) = file.analysed else {
            let message = super::check::unreadable_message(&shown);
            checked.errors.push(OverlayError { file: shown, ..OverlayError::general("", message) });
            continue;
        };
        for diagnostic in &analysis.diagnostics {
            let error = OverlayError::from_analysis(&shown, &text, diagnostic);
            match diagnostic.severity {
                Severity::Error => checked.errors.push(error),
                Severity::Warning => checked.warnings.push(error),
            }
        }
    }
    checked
}

/// `RESUMA_ADDR`, else `127.0.0.1:3000`, as apps choose theirs.
fn listen_addr() -> miette::Result<ListenAddr> {
    match std::env::var("RESUMA_ADDR") {
        Ok(value) => addr::parse_listen_addr(&value).map_err(|err| miette!("RESUMA_ADDR={err}")),
        Err(_) => Ok(ListenAddr {
            text: "127.0.0.1:3000".to_owned(),
            addrs: vec![SocketAddr::from(([127, 0, 0, 1], 3000))],
        }),
    }
}

/// The environment of the app under `resuma dev`: the dev socket, quieter logs (its own
/// address is private), and one CSRF secret for the whole session so that a page's token
/// stays valid across restarts.
fn app_env() -> Vec<(&'static str, String)> {
    let mut env = vec![("RESUMA_DEV_SOCKET", proxy::DEV_SOCKET_PATH.to_owned())];
    if std::env::var_os("RUST_LOG").is_none() {
        env.push(("RUST_LOG", "warn".to_owned()));
    }
    if std::env::var_os("RESUMA_SECRET").is_none() {
        let mut secret = [0u8; 32];
        if getrandom::fill(&mut secret).is_ok() {
            env.push(("RESUMA_SECRET", secret.iter().map(|b| format!("{b:02x}")).collect()));
        }
    }
    env
}

/// Changes once Ctrl-C (or SIGTERM) arrives; a signal between two `select!`s is not lost.
fn interrupt_signal() -> tokio::sync::watch::Receiver<()> {
    let (sender, receiver) = tokio::sync::watch::channel(());
    tokio::spawn(async move {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            if let Ok(mut term) = signal(SignalKind::terminate()) {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
                let _ = sender.send(());
                return;
            }
        }
        if tokio::signal::ctrl_c().await.is_ok() {
            let _ = sender.send(());
        }
    });
    receiver
}

/// The progress line: what changed, then each step and its time as it completes.
struct Progress {
    started: Instant,
}

impl Progress {
    fn start(dir: &Path, changed: &[PathBuf]) -> Progress {
        let what = match changed {
            [] => "first build".to_owned(),
            [one] => one.strip_prefix(dir).unwrap_or(one).display().to_string(),
            [one, rest @ ..] => format!(
                "{} and {} more",
                one.strip_prefix(dir).unwrap_or(one).display(),
                rest.len()
            ),
        };
        eprint!("resuma dev: {what}:");
        let _ = std::io::stderr().flush();
        Progress { started: Instant::now() }
    }

    fn step(&mut self, name: &str, since: Instant) {
        eprint!(" {name} {}", format_duration(since.elapsed()));
        let _ = std::io::stderr().flush();
    }

    fn finish(self, outcome: &str) {
        eprintln!(" → {outcome} (total {})", format_duration(self.started.elapsed()));
    }
}

fn format_duration(duration: Duration) -> String {
    if duration < Duration::from_secs(1) {
        format!("{} ms", duration.as_millis())
    } else {
        format!("{:.2} s", duration.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::check;

    fn fixture(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
    }

    /// Issue #12: the pre-build check is `resuma check`'s: an unreadable file is an error
    /// (it used to be skipped) and the crate's own budgets apply (they used to be ignored).
    #[test]
    fn the_pre_build_check_reports_what_resuma_check_does() {
        let broken = check(&fixture("broken"));
        let unreadable: Vec<_> = broken
            .errors
            .iter()
            .filter(|it| it.message == "cannot read src/binary.rs as UTF-8 text")
            .map(|it| it.file.as_str())
            .collect();
        assert_eq!(unreadable, ["src/binary.rs"], "{:#?}", broken.errors);
        let codes: Vec<_> = broken.errors.iter().filter_map(|it| it.code.as_deref()).collect();
        assert_eq!(codes, ["R009", "R005", "R021", "R002"]);

        let over = check(&fixture("over-budget"));
        assert!(over.errors.is_empty(), "{:#?}", over.errors);
        let warnings: Vec<_> = over
            .warnings
            .iter()
            .map(|it| (it.code.as_deref(), it.line, it.message.as_str()))
            .collect();
        assert_eq!(warnings.len(), 2, "{warnings:#?}");
        assert!(warnings.iter().all(|it| it.0 == Some("R038")), "{warnings:#?}");
        assert!(
            warnings[1].2.contains("`Editor`'s estimated state is 47 bytes, over its budget of 16"),
            "{warnings:#?}"
        );

        let bad = check(&fixture("bad-manifest"));
        assert_eq!(bad.errors.len(), 1, "{:#?}", bad.errors);
        assert!(
            bad.errors[0].message.contains("must be a whole number of bytes"),
            "{:#?}",
            bad.errors
        );
    }
}
