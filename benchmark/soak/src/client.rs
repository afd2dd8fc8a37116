//! A minimal HTTP/1.1 client over one keep-alive connection: enough to read the answers of
//! the app under test (content-length or chunked bodies), nothing more.

use std::io;
use std::net::SocketAddr;

use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::TcpStream;

/// One answer.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Reply {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|it| it.1.as_str())
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A keep-alive connection.
pub(crate) struct Conn {
    stream: BufReader<TcpStream>,
}

impl Conn {
    pub(crate) async fn open(addr: SocketAddr) -> io::Result<Conn> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Conn { stream: BufReader::new(stream) })
    }

    /// Sends `raw` (a whole request) and reads its answer.
    pub(crate) async fn send(&mut self, raw: &[u8]) -> io::Result<Reply> {
        self.stream.get_mut().write_all(raw).await?;
        read_reply(&mut self.stream).await
    }
}

fn bad(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_owned())
}

async fn read_reply(stream: &mut BufReader<TcpStream>) -> io::Result<Reply> {
    let mut line = String::new();
    if stream.read_line(&mut line).await? == 0 {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "closed before answering"));
    }
    let status =
        line.split(' ').nth(1).and_then(|it| it.parse().ok()).ok_or_else(|| bad("status line"))?;
    let mut headers = Vec::new();
    loop {
        line.clear();
        stream.read_line(&mut line).await?;
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            break;
        }
        let (name, value) = trimmed.split_once(':').ok_or_else(|| bad("header line"))?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let mut reply = Reply { status, headers, body: Vec::new() };
    if let Some(len) = reply.header("content-length") {
        let len: usize = len.parse().map_err(|_| bad("content-length"))?;
        reply.body.resize(len, 0);
        stream.read_exact(&mut reply.body).await?;
    } else if reply.header("transfer-encoding").is_some_and(|it| it.contains("chunked")) {
        loop {
            line.clear();
            stream.read_line(&mut line).await?;
            let size = usize::from_str_radix(line.trim(), 16).map_err(|_| bad("chunk size"))?;
            let start = reply.body.len();
            reply.body.resize(start + size + 2, 0);
            stream.read_exact(&mut reply.body[start..]).await?;
            reply.body.truncate(start + size);
            if size == 0 {
                break;
            }
        }
    }
    Ok(reply)
}
