//! [`DeadlineBody`]: a request body that must have arrived by a deadline, and the
//! [`BodyWatch`] telling the request's layer whether it did.
//!
//! Invariant: the deadline is checked on every frame, not only when the body waits, so a
//! client dripping a byte at a time cannot stretch it; no timer exists until the body
//! first waits.

use std::fmt;
use std::future::Future as _;
use std::pin::Pin;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::Bytes;
use axum::BoxError;
use hyper::body::{Body as HttpBody, Frame, SizeHint};
use pin_project_lite::pin_project;
use tokio::time::{Instant, Sleep};

/// Still arriving (or never read).
const ARRIVING: u8 = 0;
/// Read to its end.
const COMPLETE: u8 = 1;
/// Past its deadline.
const TIMED_OUT: u8 = 2;

/// What became of a [`DeadlineBody`], shared with the layer that made it.
#[derive(Debug, Clone)]
pub(super) struct BodyWatch(Arc<AtomicU8>);

impl BodyWatch {
    /// A body still arriving.
    pub(super) fn new() -> Self {
        BodyWatch(Arc::new(AtomicU8::new(ARRIVING)))
    }

    /// Whether the body passed its deadline while the handler read it.
    pub(super) fn timed_out(&self) -> bool {
        self.0.load(Ordering::Relaxed) == TIMED_OUT
    }

    /// Whether the body was not read to its end.
    pub(super) fn incomplete(&self) -> bool {
        self.0.load(Ordering::Relaxed) != COMPLETE
    }

    fn set(&self, state: u8) {
        self.0.store(state, Ordering::Relaxed);
    }
}

pin_project! {
    /// `inner`, failing with [`BodyTimedOut`] once `deadline` has passed.
    pub(super) struct DeadlineBody<B> {
        #[pin]
        inner: B,
        deadline: Instant,
        timer: Option<Pin<Box<Sleep>>>,
        watch: BodyWatch,
    }
}

impl<B: HttpBody> DeadlineBody<B> {
    /// `inner`, due by `deadline`; `watch` learns whether it made it.
    pub(super) fn new(inner: B, deadline: Instant, watch: BodyWatch) -> Self {
        if inner.is_end_stream() {
            watch.set(COMPLETE);
        }
        DeadlineBody { inner, deadline, timer: None, watch }
    }
}

impl<B> HttpBody for DeadlineBody<B>
where
    B: HttpBody<Data = Bytes>,
    B::Error: Into<BoxError>,
{
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.project();
        match this.inner.poll_frame(cx) {
            Poll::Ready(None) => {
                this.watch.set(COMPLETE);
                Poll::Ready(None)
            }
            Poll::Ready(Some(Ok(_))) if Instant::now() >= *this.deadline => {
                this.watch.set(TIMED_OUT);
                Poll::Ready(Some(Err(BodyTimedOut.into())))
            }
            Poll::Ready(Some(frame)) => Poll::Ready(Some(frame.map_err(Into::into))),
            Poll::Pending => {
                let deadline = *this.deadline;
                let timer =
                    this.timer.get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
                if timer.as_mut().poll(cx).is_ready() {
                    this.watch.set(TIMED_OUT);
                    return Poll::Ready(Some(Err(BodyTimedOut.into())));
                }
                Poll::Pending
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// The error a [`DeadlineBody`] ends with when its deadline passes.
#[derive(Debug)]
pub(super) struct BodyTimedOut;

impl fmt::Display for BodyTimedOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the request body took longer than the body timeout")
    }
}

impl std::error::Error for BodyTimedOut {}
