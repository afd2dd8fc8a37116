//! The built-in server's accept loop: one task per connection on hyper's HTTP/1, within
//! the connection limits of [`ServerLimits`], until Ctrl-C or SIGTERM.
//!
//! Invariant: a connection slot is taken before `accept` and given back when the
//! connection's task ends, so at most `max_connections` sockets are ever open; on
//! shutdown the listener closes first, idle connections close at once and busy ones
//! finish their request.

use std::future::Future;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::{watch, OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;
use tower::Service as _;

use super::head::{read_head, Prefixed};
use super::idle::IdleIo;
use super::ServerLimits;

/// hyper's default largest read buffer: the head limit when `max_header_bytes` is off.
const HYPER_MAX_BUF: usize = 8 * 1024 + 4096 * 100;
/// At most one "connection limit reached" (or accept error) warning per this long.
const WARN_EVERY: Duration = Duration::from_secs(10);
/// The pause after an accept error such as "too many open files", so the loop does not
/// spin while the process has no descriptor to spare.
const ACCEPT_ERROR_PAUSE: Duration = Duration::from_millis(100);

/// Serves `router` on `listener` within `limits` until Ctrl-C (or SIGTERM), each
/// request carrying its connection's `ConnectInfo<SocketAddr>`.
pub(crate) async fn serve_router(
    router: Router,
    listener: TcpListener,
    limits: &ServerLimits,
) -> io::Result<()> {
    serve_until(router, listener, limits, shutdown_signal()).await
}

/// [`serve_router`], until `shutdown` resolves.
pub(crate) async fn serve_until(
    router: Router,
    listener: TcpListener,
    limits: &ServerLimits,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()> {
    let local = listener.local_addr()?;
    tracing::info!("listening on http://{local}");
    // Turns every handler (and the layers around it) into a ready route once, as
    // `axum::serve` does, instead of once per request.
    let router = router.with_state(());
    let slots = limits.max_connections.map(|max| (max, Arc::new(Semaphore::new(max))));
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_read_timeout);
    if let Some(max_bytes) = limits.max_header_bytes {
        // At least hyper's minimum (8 KiB), which `ServerLimits` already ensures.
        http.max_buf_size(max_bytes.max(8 * 1024));
    }
    let http = Arc::new(http);
    let head_limit = limits.max_header_bytes.unwrap_or(HYPER_MAX_BUF);
    let (header_read_timeout, idle_timeout) = (limits.header_read_timeout, limits.idle_timeout);
    let graceful = GracefulShutdown::new();
    // Connections still sending their first head are not hyper's yet: this ends them on
    // shutdown (they have nothing in flight).
    let (stop_reading, stopped) = watch::channel(());
    let mut warnings = Warnings::default();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = slot(slots.as_ref(), &mut warnings) => permit,
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(it) => it,
                Err(err) => {
                    accept_failed(&err, &mut warnings).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Small responses leave at once instead of waiting for Nagle's timer.
        let _ = stream.set_nodelay(true);
        let (router, http, watcher) = (router.clone(), Arc::clone(&http), graceful.watcher());
        let mut stopped = stopped.clone();
        tokio::spawn(async move {
            let deadline = header_read_timeout.map(|it| Instant::now() + it);
            // The idle timeout bounds the head's silences and then the connection's.
            let mut stream = IdleIo::new(stream, idle_timeout);
            let head = tokio::select! {
                head = read_head(&mut stream, head_limit, deadline) => head,
                _ = stopped.changed() => None,
            };
            let Some(head) = head else {
                drop(permit);
                return;
            };
            let io = TokioIo::new(Prefixed::new(head, stream));
            let service =
                hyper::service::service_fn(move |mut req: axum::http::Request<Incoming>| {
                    req.extensions_mut().insert(ConnectInfo(peer));
                    router.clone().call(req)
                });
            // Boxed: a connection waiting for its head does not carry hyper's state.
            let connection = Box::pin(watcher.watch(http.serve_connection(io, service)));
            if let Err(err) = connection.await {
                // Timeouts, resets and malformed requests: the client's business.
                tracing::debug!(%peer, %err, "connection ended with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    drop(stop_reading);
    tracing::info!(n_connections = graceful.count(), "draining connections");
    graceful.shutdown().await;
    Ok(())
}

/// A connection slot (`None` without a limit), waiting for one when all are taken.
async fn slot(
    slots: Option<&(usize, Arc<Semaphore>)>,
    warnings: &mut Warnings,
) -> Option<OwnedSemaphorePermit> {
    let (max, slots) = slots?;
    if let Ok(permit) = Arc::clone(slots).try_acquire_owned() {
        return Some(permit);
    }
    if warnings.due() {
        tracing::warn!(
            max_connections = max,
            "connection limit reached: new connections wait until others close \
             (ServerLimits::max_connections)"
        );
    }
    // The semaphore is never closed, so this only fails if it were: then serve anyway.
    Arc::clone(slots).acquire_owned().await.ok()
}

/// Logs a failed `accept` (at most once per [`WARN_EVERY`]) and pauses after one that
/// is not about a single connection.
async fn accept_failed(err: &io::Error, warnings: &mut Warnings) {
    let one_connection = matches!(
        err.kind(),
        io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionRefused
    );
    if one_connection {
        return;
    }
    if warnings.due() {
        tracing::warn!(%err, "cannot accept connections (is the open-file limit too low?)");
    }
    tokio::time::sleep(ACCEPT_ERROR_PAUSE).await;
}

/// When the last rate-limited warning was logged.
#[derive(Default)]
struct Warnings {
    last: Option<Instant>,
}

impl Warnings {
    /// Whether a warning may be logged now (and then counts it as logged).
    fn due(&mut self) -> bool {
        let now = Instant::now();
        if self.last.is_some_and(|last| now < last + WARN_EVERY) {
            return false;
        }
        self.last = Some(now);
        true
    }
}

/// Resolves once Ctrl-C (or, on unix, SIGTERM) arrives.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::warn!(%err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut sigterm) => {
                sigterm.recv().await;
            }
            Err(err) => {
                tracing::warn!(%err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("shutting down");
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use axum::routing::get;
    use axum::Router;
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    use tokio::net::{TcpListener, TcpStream};

    use super::{serve_until, Warnings, WARN_EVERY};
    use crate::ServerLimits;

    #[tokio::test]
    async fn shutdown_drains_requests_in_flight_and_closes_idle_connections() {
        let slow = || async {
            tokio::time::sleep(Duration::from_millis(300)).await;
            "done"
        };
        let router = Router::new().route("/slow", get(slow)).route("/ok", get(|| async { "ok" }));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let limits = ServerLimits::default();
        let server = tokio::spawn(async move {
            serve_until(router, listener, &limits, async {
                let _ = stopped.await;
            })
            .await
        });
        let mut idle = TcpStream::connect(addr).await.unwrap();
        idle.write_all(b"GET /ok HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
        let mut answer = Vec::new();
        while !answer.ends_with(b"\r\n\r\nok") {
            let mut buf = [0u8; 256];
            let n = idle.read(&mut buf).await.unwrap();
            assert_ne!(n, 0);
            answer.extend_from_slice(&buf[..n]);
        }
        // Still sending its first head: not hyper's yet, nothing in flight.
        let mut half = TcpStream::connect(addr).await.unwrap();
        half.write_all(b"GET /ok HTTP/1.1\r\nHo").await.unwrap();
        let mut busy = TcpStream::connect(addr).await.unwrap();
        busy.write_all(b"GET /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await;
        stop.send(()).unwrap();

        let mut answer = Vec::new();
        busy.read_to_end(&mut answer).await.unwrap();
        let answer = String::from_utf8_lossy(&answer);
        assert!(answer.starts_with("HTTP/1.1 200") && answer.ends_with("done"), "{answer}");
        let mut buf = [0u8; 16];
        let n = tokio::time::timeout(Duration::from_secs(2), idle.read(&mut buf)).await;
        assert!(matches!(n, Ok(Ok(0)) | Ok(Err(_))), "the idle connection is closed: {n:?}");
        let n = tokio::time::timeout(Duration::from_secs(2), half.read(&mut buf)).await;
        assert!(matches!(n, Ok(Ok(0)) | Ok(Err(_))), "the half-sent head is closed: {n:?}");
        tokio::time::timeout(Duration::from_secs(2), server).await.unwrap().unwrap().unwrap();
        assert!(TcpStream::connect(addr).await.is_err(), "the listener is closed");
    }

    #[tokio::test(start_paused = true)]
    async fn warnings_are_rate_limited() {
        let mut warnings = Warnings::default();
        assert!(warnings.due());
        assert!(!warnings.due());
        tokio::time::sleep(WARN_EVERY - Duration::from_millis(1)).await;
        assert!(!warnings.due());
        tokio::time::sleep(Duration::from_millis(1)).await;
        assert!(warnings.due());
    }
}
