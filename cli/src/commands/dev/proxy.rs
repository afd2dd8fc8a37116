//! The dev server the browser talks to: it forwards every request to the app's current
//! process and serves the dev WebSocket at `/_resuma/dev` on the same origin (so the
//! page's CSP, `connect-src 'self'`, allows it, and the page's address stays the same
//! while the app is rebuilt and restarted on other ports).
//!
//! Invariant: the browser never sees a connection refused while `resuma dev` runs: with no
//! good build yet it gets a page that lists the errors and reloads once the app is up.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use futures_util::{SinkExt as _, StreamExt as _};
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde::Serialize;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::Role;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use super::errors::OverlayError;

/// Where pages connect to; the app is told through `RESUMA_DEV_SOCKET`.
pub(crate) const DEV_SOCKET_PATH: &str = "/_resuma/dev";

type Body = BoxBody<Bytes, hyper::Error>;

/// A message to the pages (the framework's dev client reads it; `framework/src/dev.rs`).
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum DevMessage<'a> {
    Reload,
    Errors { errors: &'a [OverlayError] },
}

/// What the dev server knows: where the app is, the current errors, the open pages.
pub(crate) struct Hub {
    app: Mutex<Option<SocketAddr>>,
    errors: Mutex<Vec<OverlayError>>,
    messages: broadcast::Sender<Arc<str>>,
}

impl Hub {
    pub(crate) fn new() -> Arc<Hub> {
        Arc::new(Hub {
            app: Mutex::new(None),
            errors: Mutex::new(Vec::new()),
            messages: broadcast::channel(16).0,
        })
    }

    /// Points the proxy at the app now listening on `addr`.
    pub(crate) fn set_app(&self, addr: SocketAddr) {
        *self.app.lock().unwrap_or_else(PoisonError::into_inner) = Some(addr);
    }

    fn app(&self) -> Option<SocketAddr> {
        *self.app.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Shows `errors` on every open page (and on pages opened until the next success).
    pub(crate) fn show_errors(&self, errors: Vec<OverlayError>) {
        let message = to_json(&DevMessage::Errors { errors: &errors });
        *self.errors.lock().unwrap_or_else(PoisonError::into_inner) = errors;
        let _ = self.messages.send(message);
    }

    /// Forgets the errors and reloads every open page; returns how many were told.
    pub(crate) fn reload(&self) -> usize {
        self.errors.lock().unwrap_or_else(PoisonError::into_inner).clear();
        self.messages.send(to_json(&DevMessage::Reload)).unwrap_or(0)
    }

    /// What a page that connects now is told first: the current errors, if any.
    fn greeting(&self) -> Option<Arc<str>> {
        let errors = self.errors.lock().unwrap_or_else(PoisonError::into_inner);
        (!errors.is_empty()).then(|| to_json(&DevMessage::Errors { errors: &errors }))
    }
}

fn to_json(message: &DevMessage<'_>) -> Arc<str> {
    // Serialising plain strings and numbers cannot fail.
    Arc::from(serde_json::to_string(message).unwrap_or_default())
}

/// Serves the browser on `listener` until the task is dropped.
pub(crate) async fn serve(listener: TcpListener, hub: Arc<Hub>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else { continue };
        let hub = Arc::clone(&hub);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req| {
                let hub = Arc::clone(&hub);
                async move { Ok::<_, Infallible>(respond(hub, req).await) }
            });
            // A connection that breaks only concerns that browser tab.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades()
                .await;
        });
    }
}

async fn respond(hub: Arc<Hub>, req: Request<Incoming>) -> Response<Body> {
    if req.uri().path() == DEV_SOCKET_PATH {
        return upgrade(hub, req);
    }
    let Some(app) = hub.app() else {
        return waiting_page(&hub);
    };
    match forward(app, req).await {
        Ok(res) => res.map(BodyExt::boxed),
        Err(err) => text_response(
            StatusCode::BAD_GATEWAY,
            format!("resuma dev: the app on {app} did not answer: {err}"),
        ),
    }
}

/// The request, sent to the app on a connection of its own (the app is replaced on every
/// rebuild, so connections are not kept). The `Host` header is passed on as it is, so the
/// app's origin check compares the browser's origin with the address it really used.
async fn forward(
    app: SocketAddr,
    req: Request<Incoming>,
) -> Result<Response<Incoming>, Box<dyn std::error::Error + Send + Sync>> {
    let stream = TcpStream::connect(app).await?;
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    Ok(sender.send_request(req).await?)
}

/// Accepts the dev WebSocket and keeps the page told until it goes away.
fn upgrade(hub: Arc<Hub>, mut req: Request<Incoming>) -> Response<Body> {
    let is_upgrade = req
        .headers()
        .get(header::UPGRADE)
        .and_then(|it| it.to_str().ok())
        .is_some_and(|it| it.eq_ignore_ascii_case("websocket"));
    let Some(key) = req.headers().get(header::SEC_WEBSOCKET_KEY).filter(|_| is_upgrade) else {
        return text_response(
            StatusCode::BAD_REQUEST,
            "a WebSocket upgrade is expected".to_owned(),
        );
    };
    let accept = derive_accept_key(key.as_bytes());
    let on_upgrade = hyper::upgrade::on(&mut req);
    // Subscribed before the page hears the socket is open, so no message falls between.
    let messages = hub.messages.subscribe();
    tokio::spawn(async move {
        let Ok(upgraded) = on_upgrade.await else { return };
        let socket =
            WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, None).await;
        talk(&hub, messages, socket).await;
    });
    let mut res = Response::new(empty());
    *res.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    let headers = res.headers_mut();
    headers.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
    headers.insert(header::CONNECTION, HeaderValue::from_static("upgrade"));
    if let Ok(accept) = HeaderValue::from_str(&accept) {
        headers.insert(header::SEC_WEBSOCKET_ACCEPT, accept);
    }
    res
}

async fn talk<S>(hub: &Hub, mut messages: broadcast::Receiver<Arc<str>>, socket: WebSocketStream<S>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let (mut sink, mut incoming) = socket.split();
    if let Some(greeting) = hub.greeting() {
        if sink.send(Message::text(&*greeting)).await.is_err() {
            return;
        }
    }
    loop {
        tokio::select! {
            message = messages.recv() => match message {
                Ok(text) => {
                    if sink.send(Message::text(&*text)).await.is_err() {
                        return;
                    }
                }
                Err(broadcast::error::RecvError::Lagged(_)) => {}
                Err(broadcast::error::RecvError::Closed) => return,
            },
            frame = incoming.next() => match frame {
                Some(Ok(Message::Close(_)) | Err(_)) | None => return,
                Some(Ok(_)) => {}
            },
        }
    }
}

/// The page served before the first good build: the errors, and a script that reloads
/// when the app is up and refreshes the list when the errors change.
fn waiting_page(hub: &Hub) -> Response<Body> {
    let errors = hub.errors.lock().unwrap_or_else(PoisonError::into_inner).clone();
    let listing = if errors.is_empty() {
        "Building…".to_owned()
    } else {
        errors.iter().map(|error| error.rendered.as_str()).collect::<Vec<_>>().join("\n")
    };
    let page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>resuma dev</title></head>\
         <body style=\"background:#18181c;color:#eee;font:14px/1.5 monospace;padding:24px\">\
         <h1 style=\"font-size:18px\">resuma dev: waiting for a successful build</h1>\
         <pre id=\"resuma-dev-errors\" style=\"white-space:pre-wrap\">{}</pre>\
         <script>(()=>{{const u=new URL({},location.href);u.protocol=u.protocol.replace(\"http\",\"ws\");\
         const c=()=>{{const w=new WebSocket(u);w.onmessage=m=>{{const d=JSON.parse(m.data);\
         if(d.type==\"reload\")location.reload();else if(d.type==\"errors\")\
         document.getElementById(\"resuma-dev-errors\").textContent=d.errors.map(e=>e.rendered).join(\"\\n\")}};\
         w.onclose=()=>setTimeout(c,500)}};c()}})()</script></body></html>",
        escape_html(&listing),
        serde_json::to_string(DEV_SOCKET_PATH).unwrap_or_default(),
    );
    let mut res = Response::new(full(page));
    *res.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

fn text_response(status: StatusCode, text: String) -> Response<Body> {
    let mut res = Response::new(full(text));
    *res.status_mut() = status;
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    res
}

fn full(text: String) -> Body {
    Full::new(Bytes::from(text)).map_err(|never| match never {}).boxed()
}

fn empty() -> Body {
    full(String::new())
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
