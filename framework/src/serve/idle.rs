//! [`IdleIo`]: a connection that fails once no byte has moved either way for a while.
//!
//! Invariant: a read or write that makes progress only records the time (no timer is
//! touched); the one timer of a connection is looked at only when IO would wait, and is
//! pushed back to the last progress before it may fire.

use std::future::Future as _;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use pin_project_lite::pin_project;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

pin_project! {
    /// `io`, failing with [`io::ErrorKind::TimedOut`] when a read or write would wait and
    /// nothing was read or written for `timeout`.
    pub(super) struct IdleIo<T> {
        #[pin]
        io: T,
        idle: Option<Idle>,
    }
}

/// The timeout, the last progress and the timer of an [`IdleIo`].
struct Idle {
    timeout: Duration,
    last_progress: Instant,
    /// Made on the first wait, so a connection that never waits has no timer.
    timer: Option<Pin<Box<Sleep>>>,
}

impl<T> IdleIo<T> {
    /// `io` with `timeout` (`None`: never).
    pub(super) fn new(io: T, timeout: Option<Duration>) -> Self {
        let idle =
            timeout.map(|timeout| Idle { timeout, last_progress: Instant::now(), timer: None });
        IdleIo { io, idle }
    }
}

impl Idle {
    fn progress(&mut self) {
        self.last_progress = Instant::now();
    }

    /// Whether the connection has been silent for the whole timeout (registering `cx`
    /// for the moment it will have been, if not yet).
    fn expired(&mut self, cx: &mut Context<'_>) -> bool {
        let deadline = self.last_progress + self.timeout;
        let timer = self.timer.get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
        loop {
            if timer.as_mut().poll(cx).is_pending() {
                return false;
            }
            let deadline = self.last_progress + self.timeout;
            if deadline <= Instant::now() {
                return true;
            }
            // Progress since the timer was set: wait for the new deadline instead.
            timer.as_mut().reset(deadline);
        }
    }
}

/// What a wait becomes: the pending poll, or the timeout error.
fn on_wait<R>(idle: &mut Option<Idle>, cx: &mut Context<'_>) -> Poll<io::Result<R>> {
    match idle.as_mut().map(|it| it.expired(cx)) {
        Some(true) => Poll::Ready(Err(io::Error::new(
            io::ErrorKind::TimedOut,
            "no byte read or written for the idle timeout",
        ))),
        _ => Poll::Pending,
    }
}

fn on_ready<R>(idle: &mut Option<Idle>, res: io::Result<R>) -> Poll<io::Result<R>> {
    if let Some(idle) = idle {
        idle.progress();
    }
    Poll::Ready(res)
}

impl<T: AsyncRead> AsyncRead for IdleIo<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.project();
        match this.io.poll_read(cx, buf) {
            Poll::Ready(res) => on_ready(this.idle, res),
            Poll::Pending => on_wait(this.idle, cx),
        }
    }
}

impl<T: AsyncWrite> AsyncWrite for IdleIo<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.project();
        match this.io.poll_write(cx, buf) {
            Poll::Ready(res) => on_ready(this.idle, res),
            Poll::Pending => on_wait(this.idle, cx),
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.project();
        match this.io.poll_write_vectored(cx, bufs) {
            Poll::Ready(res) => on_ready(this.idle, res),
            Poll::Pending => on_wait(this.idle, cx),
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.project();
        match this.io.poll_flush(cx) {
            Poll::Ready(res) => Poll::Ready(res),
            Poll::Pending => on_wait(this.idle, cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.project().io.poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

    use super::IdleIo;

    #[tokio::test(start_paused = true)]
    async fn silence_times_out_and_progress_pushes_it_back() {
        let (client, server) = tokio::io::duplex(64);
        let mut server = Box::pin(IdleIo::new(server, Some(Duration::from_secs(10))));
        let mut client = client;
        let reader = tokio::spawn(async move {
            let mut buf = [0u8; 8];
            let mut n_read = 0;
            loop {
                match server.read(&mut buf).await {
                    Ok(0) => return Ok(n_read),
                    Ok(n) => n_read += n,
                    Err(err) => return Err((err.kind(), n_read, tokio::time::Instant::now())),
                }
            }
        });
        let start = tokio::time::Instant::now();
        for _ in 0..3 {
            tokio::time::sleep(Duration::from_secs(8)).await;
            client.write_all(b"x").await.unwrap();
        }
        let (kind, n_read, at) = reader.await.unwrap().unwrap_err();
        assert_eq!(kind, std::io::ErrorKind::TimedOut);
        assert_eq!(n_read, 3);
        // The last byte came at 24 s; silence for 10 s more ends it.
        assert_eq!(at - start, Duration::from_secs(34));
    }

    #[tokio::test(start_paused = true)]
    async fn no_timeout_never_fails() {
        let (client, server) = tokio::io::duplex(64);
        let mut server = Box::pin(IdleIo::new(server, None));
        let read = tokio::spawn(async move {
            let mut buf = [0u8; 1];
            server.read(&mut buf).await.map_err(|it| it.kind())
        });
        tokio::time::sleep(Duration::from_secs(3600)).await;
        drop(client);
        assert_eq!(read.await.unwrap(), Ok(0));
    }
}
