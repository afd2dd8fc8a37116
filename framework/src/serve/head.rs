//! A connection's first request head, read into a small buffer of its own before hyper
//! takes the connection ([`read_head`]), and the stream that gives hyper those bytes
//! first ([`Prefixed`]).
//!
//! Why: hyper gives every connection its read and write buffers (8-16 KiB each) as soon
//! as it starts reading, so thousands of clients that open a connection and send half a
//! head (slowloris) hold ~27 KB each until the header read timeout cuts them, and the
//! allocator keeps that high-water mark after they are gone. nginx answers the same
//! attack with a 1 KiB first buffer (`client_header_buffer_size`); here a connection
//! that has not sent a whole head yet holds its task and the bytes it sent, in a buffer
//! that starts at [`FIRST_BUFFER`] and doubles as the head grows.
//!
//! Invariant: every byte read here reaches hyper, in order, before any byte of the
//! socket; a head that is complete, malformed or over the size limit is handed over at
//! once (hyper answers it: `400`, `431`), and only silence, a cut connection or the
//! deadline end a connection here, without an answer, as hyper's header read timeout
//! does.

use std::future::poll_fn;
use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use pin_project_lite::pin_project;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::Instant;

/// The first buffer of a connection's head (nginx's `client_header_buffer_size`).
const FIRST_BUFFER: usize = 1024;
/// As many headers as hyper accepts by default; more is hyper's to refuse.
const MAX_HEADERS: usize = 100;

/// Reads from `io` until it holds a whole request head (or what hyper must refuse: a
/// malformed head, or one of `limit` bytes or more). Returns the bytes read, which may
/// go past the head (a body, a pipelined request); `None` when the connection ends or
/// fails first (an [`IdleIo`](super::idle::IdleIo) fails it after its idle timeout), or
/// reaches `deadline` (the header read timeout: one timer for the whole head, however
/// slowly it trickles in).
pub(super) async fn read_head<T: AsyncRead + Unpin>(
    io: &mut T,
    limit: usize,
    deadline: Option<Instant>,
) -> Option<Vec<u8>> {
    let read = read_whole_head(io, limit);
    match deadline {
        Some(deadline) => tokio::time::timeout_at(deadline, read).await.ok()?,
        None => read.await,
    }
}

/// [`read_head`] without its deadline.
async fn read_whole_head<T: AsyncRead + Unpin>(io: &mut T, limit: usize) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    loop {
        match read_more(io, &mut buf).await {
            Ok(0) | Err(_) => return None,
            Ok(_) if buf.len() >= limit || !is_partial(&buf) => return Some(buf),
            Ok(_) => {}
        }
    }
}

/// Whether `buf` is the start of a request head that needs more bytes (not a whole
/// head, and not one hyper would refuse as it stands).
fn is_partial(buf: &[u8]) -> bool {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    matches!(httparse::Request::new(&mut headers).parse(buf), Ok(httparse::Status::Partial))
}

/// One read into the spare room of `buf` (grown first when it is full): the number of
/// bytes read, 0 at the end of the stream.
async fn read_more<T: AsyncRead + Unpin>(io: &mut T, buf: &mut Vec<u8>) -> io::Result<usize> {
    if buf.len() == buf.capacity() {
        buf.reserve(buf.capacity().max(FIRST_BUFFER));
    }
    let filled = buf.len();
    buf.resize(buf.capacity(), 0);
    let n = poll_fn(|cx| {
        let mut room = ReadBuf::new(&mut buf[filled..]);
        ready!(Pin::new(&mut *io).poll_read(cx, &mut room))?;
        Poll::Ready(Ok(room.filled().len()))
    })
    .await;
    buf.truncate(filled + *n.as_ref().unwrap_or(&0));
    n
}

pin_project! {
    /// `io`, whose reads first return the bytes of `head`.
    pub(super) struct Prefixed<T> {
        head: Vec<u8>,
        at: usize,
        #[pin]
        io: T,
    }
}

impl<T> Prefixed<T> {
    pub(super) fn new(head: Vec<u8>, io: T) -> Self {
        Prefixed { head, at: 0, io }
    }
}

impl<T: AsyncRead> AsyncRead for Prefixed<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.project();
        if *this.at == this.head.len() {
            return this.io.poll_read(cx, buf);
        }
        let rest = &this.head[*this.at..];
        let n = rest.len().min(buf.remaining());
        buf.put_slice(&rest[..n]);
        *this.at += n;
        if *this.at == this.head.len() {
            // Handed over: the buffer goes back to the allocator now, not at the end.
            *this.head = Vec::new();
            *this.at = 0;
        }
        Poll::Ready(Ok(()))
    }
}

impl<T: AsyncWrite> AsyncWrite for Prefixed<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.project().io.poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.project().io.poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.project().io.poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.project().io.poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    use tokio::time::Instant;

    use super::super::idle::IdleIo;
    use super::{read_head, Prefixed, FIRST_BUFFER};

    const LIMIT: usize = 64 * 1024;

    #[tokio::test]
    async fn a_whole_head_is_handed_over_with_what_follows_it() {
        let (mut client, mut server) = tokio::io::duplex(4096);
        let sent = b"POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello";
        client.write_all(sent).await.unwrap();
        let head = read_head(&mut server, LIMIT, None).await.unwrap();
        assert_eq!(head, sent);
        // Everything read reaches the reader first, then the stream.
        client.write_all(b" world").await.unwrap();
        drop(client);
        let mut all = Vec::new();
        Prefixed::new(head, server).read_to_end(&mut all).await.unwrap();
        assert_eq!(all, [&sent[..], b" world"].concat());
    }

    #[tokio::test(start_paused = true)]
    async fn a_trickled_head_is_read_to_its_end_in_a_small_buffer() {
        let (mut client, mut server) = tokio::io::duplex(4096);
        let sent = b"GET /slow HTTP/1.1\r\nHost: a\r\nX-Long: aaaaaaaaaaaaaaaa\r\n\r\n";
        let reader = tokio::spawn(async move { read_head(&mut server, LIMIT, None).await });
        for byte in sent {
            client.write_all(&[*byte]).await.unwrap();
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        let head = reader.await.unwrap().unwrap();
        assert_eq!(head, sent);
        assert!(head.capacity() <= FIRST_BUFFER, "{}", head.capacity());
    }

    #[tokio::test]
    async fn a_long_head_grows_the_buffer() {
        let (mut client, mut server) = tokio::io::duplex(64 * 1024);
        let mut sent = b"GET / HTTP/1.1\r\nCookie: ".to_vec();
        sent.extend(std::iter::repeat_n(b'c', 20_000));
        sent.extend_from_slice(b"\r\n\r\n");
        let writer = tokio::spawn(async move {
            for part in sent.chunks(700) {
                client.write_all(part).await.unwrap();
                tokio::task::yield_now().await;
            }
            sent
        });
        let head = read_head(&mut server, LIMIT, None).await.unwrap();
        assert_eq!(head, writer.await.unwrap());
    }

    #[tokio::test]
    async fn what_hyper_refuses_is_handed_over_at_once() {
        // Malformed (a TLS hello, a bad version) or over the size limit: hyper answers.
        for sent in [&b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"[..], b"GET / HTTP/9.9\r\n"] {
            let (mut client, mut server) = tokio::io::duplex(4096);
            client.write_all(sent).await.unwrap();
            let head =
                tokio::time::timeout(Duration::from_secs(5), read_head(&mut server, LIMIT, None));
            assert_eq!(head.await.unwrap().unwrap(), sent, "{sent:?}");
        }
        let (mut client, mut server) = tokio::io::duplex(4096);
        let sent = [b"GET / HTTP/1.1\r\nX-Big: ".as_slice(), &[b'b'; 3000]].concat();
        client.write_all(&sent).await.unwrap();
        let head = read_head(&mut server, 2048, None).await.unwrap();
        assert!(head.len() >= 2048 && sent.starts_with(&head), "{}", head.len());
    }

    #[tokio::test(start_paused = true)]
    async fn the_deadline_and_the_end_of_the_stream_close_without_a_head() {
        let (mut client, mut server) = tokio::io::duplex(4096);
        client.write_all(b"GET / HTTP/1.1\r\nHo").await.unwrap();
        let start = Instant::now();
        let deadline = start + Duration::from_secs(10);
        assert_eq!(read_head(&mut server, LIMIT, Some(deadline)).await, None);
        assert_eq!(Instant::now() - start, Duration::from_secs(10));

        // Without a header read timeout, silence for the idle timeout ends it (IdleIo's).
        let (mut client, server) = tokio::io::duplex(4096);
        let reader = tokio::spawn(async move {
            let mut server = IdleIo::new(server, Some(Duration::from_secs(2)));
            read_head(&mut server, LIMIT, None).await
        });
        let start = Instant::now();
        for byte in b"GET / HTTP/1.1\r\n" {
            client.write_all(&[*byte]).await.unwrap();
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        assert_eq!(reader.await.unwrap(), None);
        assert_eq!(Instant::now() - start, Duration::from_secs(17));

        let (mut client, mut server) = tokio::io::duplex(4096);
        client.write_all(b"GET / HT").await.unwrap();
        drop(client);
        assert_eq!(read_head(&mut server, LIMIT, None).await, None);
    }
}
