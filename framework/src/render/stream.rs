//! Streaming SSR: [`render_to_stream`] renders a page on a blocking thread and sends it
//! as a stream of chunks, so the client gets the first bytes before the render ends.
//!
//! Invariant: the chunks concatenate to exactly what [`View::to_html`] gives for the same
//! view; a panic in the render ends the stream (after logging) instead of hanging it; a
//! dropped stream makes the render discard its output rather than block.

use std::cell::RefCell;
use std::convert::Infallible;
use std::ops::ControlFlow;
use std::rc::Rc;
use std::sync::Arc;

use bytes::Bytes;
use futures_util::Stream;
use tokio::sync::mpsc;

use super::html::Html;
use super::panic::catch_render;
use super::view::View;
use crate::compress::GzipChunks;

/// How many finished chunks may wait in the channel before the render thread blocks:
/// enough to keep the socket busy, small enough to bound memory for a slow client.
const CHANNEL_CHUNKS: usize = 4;

/// Renders the view that `page` builds into a stream of HTML chunks.
///
/// `page` runs on a blocking thread (`tokio::task::spawn_blocking`), started when the
/// stream is first polled (which must happen inside a tokio runtime), so the [`View`]
/// itself need not be `Send`. At each [`Html::boundary`] the buffer is sent as a chunk
/// once it holds at least `chunk_bytes` bytes; the rest is sent at the end. A panic in
/// the render is logged and ends the stream early.
///
/// ```
/// use futures_util::StreamExt;
/// use resuma::View;
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let page = || View::new(|html| {
///     for _ in 0..3 {
///         html.push_static("<p>row</p>");
///         html.boundary();
///     }
/// });
/// let chunks: Vec<_> = resuma::render::render_to_stream(page, 10)
///     .map(|chunk| chunk.unwrap())
///     .collect()
///     .await;
/// assert_eq!(chunks.len(), 3);
/// assert_eq!(chunks.concat(), b"<p>row</p><p>row</p><p>row</p>");
/// # });
/// ```
pub fn render_to_stream(
    page: impl FnOnce() -> View + Send + 'static,
    chunk_bytes: usize,
) -> impl Stream<Item = Result<Bytes, Infallible>> + Send {
    render_to_stream_named(Arc::from("(stream)"), page, chunk_bytes, false)
}

/// [`render_to_stream`], naming the page (its path) in the log if the render panics, and
/// gzipped chunk by chunk when `gzip` says so.
pub(crate) fn render_to_stream_named(
    page_name: Arc<str>,
    page: impl FnOnce() -> View + Send + 'static,
    chunk_bytes: usize,
    gzip: bool,
) -> impl Stream<Item = Result<Bytes, Infallible>> + Send {
    let (tx, mut rx) = mpsc::channel(CHANNEL_CHUNKS);
    // The render starts when the server first polls the body, after the handler (and its
    // `request` span) returned the head: it takes the span along, so what it logs carries
    // the request's id.
    let span = tracing::Span::current();
    let mut render = Some(move || {
        let _request = span.enter();
        render_into_channel(&page_name, page, chunk_bytes, gzip, tx)
    });
    futures_util::stream::poll_fn(move |cx| {
        if let Some(render) = render.take() {
            // The task is not awaited: it ends when the render does, and dropping its
            // sender (inside `Html`) ends the stream.
            drop(tokio::task::spawn_blocking(render));
        }
        rx.poll_recv(cx).map(|chunk| chunk.map(Ok))
    })
}

/// The render thread: builds the view, renders it, sends chunks (gzipped, if `gzip`)
/// until done or until the receiver is gone.
fn render_into_channel(
    page_name: &str,
    page: impl FnOnce() -> View,
    chunk_bytes: usize,
    gzip: bool,
    tx: mpsc::Sender<Bytes>,
) {
    // The render thread's own: the sink compresses each chunk, the end adds the trailer.
    let encoder = Rc::new(RefCell::new(gzip.then(GzipChunks::new)));
    let sink_encoder = Rc::clone(&encoder);
    let sink_tx = tx.clone();
    let mut html = Html::with_chunk_sink(chunk_bytes, move |chunk| {
        let chunk = match sink_encoder.borrow_mut().as_mut() {
            Some(encoder) => encoder.chunk(&chunk),
            None => chunk,
        };
        match sink_tx.blocking_send(chunk) {
            Ok(()) => ControlFlow::Continue(()),
            // The response was dropped (client gone): stop sending.
            Err(_) => ControlFlow::Break(()),
        }
    });
    let rendered = catch_render(page_name, || {
        page().render(&mut html);
        html.flush();
    });
    drop(html);
    // A render that panicked ends the stream without a trailer: the client sees it cut.
    let encoder = encoder.borrow_mut().take();
    if let (Some(()), Some(encoder)) = (rendered, encoder) {
        let _ = tx.blocking_send(encoder.finish());
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc as std_mpsc;
    use std::time::Duration;

    use futures_util::StreamExt;

    use super::{render_to_stream, View};

    fn table(n_rows: u32) -> View {
        View::new(move |html| {
            html.push_static("<table>");
            for idx in 0..n_rows {
                html.push_static("<tr><td>");
                html.push_int(idx);
                html.push_static("</td><td>");
                html.push_text("<cell> & more");
                html.push_static("</td></tr>");
                html.boundary();
            }
            html.push_static("</table>");
        })
    }

    #[tokio::test]
    async fn chunks_concatenate_to_the_unstreamed_html() {
        let chunks: Vec<_> =
            render_to_stream(|| table(1000), 1024).map(|chunk| chunk.unwrap()).collect().await;
        assert!(chunks.len() > 1, "{} chunk(s)", chunks.len());
        assert!(chunks[..chunks.len() - 1].iter().all(|c| c.len() >= 1024));
        assert_eq!(chunks.concat(), table(1000).to_html().into_bytes());
    }

    #[tokio::test]
    async fn small_page_is_one_chunk() {
        let chunks: Vec<_> = render_to_stream(|| table(2), 1 << 20).collect().await;
        assert_eq!(chunks.len(), 1);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn first_chunk_arrives_before_render_ends() {
        let (go_on, wait) = std_mpsc::channel::<()>();
        let page = move || {
            View::new(move |html| {
                html.push_static("<p>first</p>");
                html.boundary();
                // Blocks until the test has seen the first chunk: if chunks were held
                // back until the end, this would time out.
                wait.recv_timeout(Duration::from_secs(10))
                    .expect("first chunk never reached the client");
                html.push_static("<p>second</p>");
            })
        };
        let mut stream = Box::pin(render_to_stream(page, 1));
        let first = stream.next().await.unwrap().unwrap();
        assert_eq!(first, "<p>first</p>");
        go_on.send(()).unwrap();
        let rest: Vec<_> = stream.map(|chunk| chunk.unwrap()).collect().await;
        assert_eq!(rest.concat(), b"<p>second</p>");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_client_that_does_not_read_holds_the_render_back() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;
        let rendered = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&rendered);
        let page = move || {
            View::new(move |html| {
                for _ in 0..10_000 {
                    html.push_static("<p>row</p>");
                    counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    html.boundary();
                }
            })
        };
        let mut stream = Box::pin(render_to_stream(page, 1));
        assert!(stream.next().await.is_some());
        // The client reads nothing more: the render waits once the channel is full.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let before = rendered.load(Ordering::Relaxed);
        assert!(before <= super::CHANNEL_CHUNKS + 2, "{before} rows rendered ahead of the client");
        let rest: Vec<_> = stream.map(|chunk| chunk.unwrap()).collect().await;
        assert_eq!(rest.len(), 10_000 - 1);
    }

    #[tokio::test]
    async fn panic_ends_the_stream_after_the_sent_chunks() {
        let page = || {
            View::new(|html| {
                html.push_static("<p>before</p>");
                html.boundary();
                html.push_static("<p>lost</p>");
                panic!("page broke");
            })
        };
        let chunks: Vec<_> = render_to_stream(page, 1).collect().await;
        assert_eq!(chunks.len(), 1);
        assert_eq!(chunks[0].as_ref().unwrap(), "<p>before</p>");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn dropped_stream_lets_the_render_finish() {
        let (done, finished) = std_mpsc::channel::<usize>();
        let page = move || {
            View::new(move |html| {
                for _ in 0..100 {
                    html.push_static("<p>row</p>");
                    html.boundary();
                }
                done.send(html.len_bytes()).unwrap();
            })
        };
        let mut stream = Box::pin(render_to_stream(page, 1));
        assert!(stream.next().await.is_some());
        drop(stream);
        let written =
            tokio::task::spawn_blocking(move || finished.recv_timeout(Duration::from_secs(10)))
                .await
                .unwrap()
                .expect("render blocked after the stream was dropped");
        assert_eq!(written, 100 * "<p>row</p>".len());
    }
}
