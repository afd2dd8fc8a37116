//! The app's process: started on a private port, ready once it accepts connections,
//! stopped with SIGTERM (its graceful shutdown), then killed if it lingers.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::Path;
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant};

use tokio::process::{Child, Command};

/// How long an app may take to accept connections after it was started.
const START_TIMEOUT: Duration = Duration::from_secs(30);
/// How long an app may take to shut down after SIGTERM before it is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(5);

/// A running app.
pub(crate) struct App {
    child: Child,
    addr: SocketAddr,
}

/// Why an app did not start.
#[derive(Debug, thiserror::Error)]
pub(crate) enum StartError {
    #[error("cannot start {path}: {source}")]
    Spawn { path: String, source: std::io::Error },
    #[error("the app exited before it served anything ({status})")]
    Exited { status: ExitStatus },
    #[error("the app did not accept connections on {addr} within {}s", START_TIMEOUT.as_secs())]
    Timeout { addr: SocketAddr },
}

impl App {
    /// Starts `executable` in `dir` on a free loopback port, with the environment
    /// variables `env` besides `RESUMA_ADDR`, and waits until it accepts connections.
    pub(crate) async fn start(
        executable: &Path,
        dir: &Path,
        env: &[(&str, String)],
    ) -> Result<App, StartError> {
        App::start_with_stdout(executable, dir, env, Stdio::inherit()).await
    }

    /// [`App::start`], with the app's standard output sent to `stdout` (`resuma build`
    /// keeps its own stdout for the table or the JSON, and sends the app's logs to stderr).
    pub(crate) async fn start_with_stdout(
        executable: &Path,
        dir: &Path,
        env: &[(&str, String)],
        stdout: Stdio,
    ) -> Result<App, StartError> {
        let addr = free_loopback_addr().map_err(|source| StartError::Spawn {
            path: executable.display().to_string(),
            source,
        })?;
        let mut command = Command::new(executable);
        command
            .current_dir(dir)
            .env("RESUMA_ADDR", addr.to_string())
            .stdin(Stdio::null())
            .stdout(stdout)
            .kill_on_drop(true);
        for (name, value) in env {
            command.env(name, value);
        }
        let child = command.spawn().map_err(|source| StartError::Spawn {
            path: executable.display().to_string(),
            source,
        })?;
        let mut app = App { child, addr };
        match app.wait_ready().await {
            Ok(()) => Ok(app),
            Err(err) => {
                app.stop().await;
                Err(err)
            }
        }
    }

    /// The address the app listens on.
    pub(crate) fn addr(&self) -> SocketAddr {
        self.addr
    }

    async fn wait_ready(&mut self) -> Result<(), StartError> {
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            if tokio::net::TcpStream::connect(self.addr).await.is_ok() {
                return Ok(());
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(StartError::Exited { status });
            }
            if Instant::now() > deadline {
                return Err(StartError::Timeout { addr: self.addr });
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// Asks the app to shut down (SIGTERM) and waits for it; kills it if it takes longer
    /// than a few seconds.
    pub(crate) async fn stop(mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        let asked = terminate(&self.child);
        if !asked || tokio::time::timeout(STOP_TIMEOUT, self.child.wait()).await.is_err() {
            let _ = self.child.kill().await;
        }
    }
}

/// Sends SIGTERM; `false` when the app could not be asked (then it is killed).
#[cfg(unix)]
fn terminate(child: &Child) -> bool {
    use nix::sys::signal::{kill, Signal};
    use nix::unistd::Pid;
    let Some(pid) = child.id().and_then(|id| i32::try_from(id).ok()) else { return false };
    // ESRCH means it has just exited: waiting for it is still right.
    kill(Pid::from_raw(pid), Signal::SIGTERM).is_ok() || child.id().is_none()
}

/// No SIGTERM here: the app is killed.
#[cfg(not(unix))]
fn terminate(_child: &Child) -> bool {
    false
}

/// A loopback address with a port that was free a moment ago.
pub(crate) fn free_loopback_addr() -> std::io::Result<SocketAddr> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?.local_addr()
}
