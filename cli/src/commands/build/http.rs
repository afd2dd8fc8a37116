//! One `GET` to the app, over a connection of its own: all `resuma build` needs of HTTP.

use std::net::SocketAddr;

use bytes::Bytes;
use http_body_util::{BodyExt as _, Empty};
use hyper::header;
use hyper::Request;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// What the app answered.
pub(crate) struct Fetched {
    pub(crate) status: u16,
    pub(crate) content_type: String,
    pub(crate) headers: hyper::HeaderMap,
    pub(crate) body: Bytes,
}

impl Fetched {
    /// The value of the header `name`, if it has one that is text.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|it| it.to_str().ok())
    }
}

/// `GET path` from the app at `addr`.
pub(crate) async fn get(
    addr: SocketAddr,
    path: &str,
) -> Result<Fetched, Box<dyn std::error::Error + Send + Sync>> {
    get_with(addr, path, &[]).await
}

/// `GET path` from the app at `addr`, with `headers`.
pub(crate) async fn get_with(
    addr: SocketAddr,
    path: &str,
    headers: &[(&str, &str)],
) -> Result<Fetched, Box<dyn std::error::Error + Send + Sync>> {
    let stream = TcpStream::connect(addr).await?;
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    let mut req = Request::get(path).header(header::HOST, addr.to_string());
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    let req = req.body(Empty::<Bytes>::new())?;
    let res = sender.send_request(req).await?;
    let status = res.status().as_u16();
    let content_type = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|it| it.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await?.to_bytes();
    Ok(Fetched { status, content_type, headers, body })
}
