//! A visitor without JavaScript: cookies kept, the page's CSRF token remembered, one
//! HTTP/1.1 connection per request (hyper's client), redirects returned, not followed.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Method, Request, StatusCode};
use http_body_util::{BodyExt as _, Full};
use hyper_util::rt::TokioIo;
use serde::de::DeserializeOwned;

use crate::action::csrf::CSRF_HEADER;

/// What the client keeps between requests.
#[derive(Debug, Default)]
struct Jar {
    /// Cookie name to value, as the last `Set-Cookie` of that name left it.
    cookies: BTreeMap<String, String>,
    /// The CSRF token of the last page that carried one.
    csrf: Option<String>,
}

/// A client of one [`TestServer`](super::TestServer); clones share cookies and token.
#[derive(Debug, Clone)]
pub struct Client {
    addr: SocketAddr,
    jar: Arc<Mutex<Jar>>,
}

impl Client {
    pub(super) fn new(addr: SocketAddr) -> Client {
        Client { addr, jar: Arc::default() }
    }

    /// `GET path` (`/blog?page=2`).
    ///
    /// # Panics
    ///
    /// If the server cannot be reached.
    pub async fn get(&self, path: &str) -> Response {
        self.send("GET", path, &[], Vec::new()).await
    }

    /// Posts `fields` urlencoded to `path` (a `#[submit]`'s is `/page?_submit=name`), with
    /// the `_csrf` field of the last page read (read a page with the form first).
    ///
    /// # Panics
    ///
    /// If the server cannot be reached.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let mut body = form_urlencoded::Serializer::new(String::new());
        if let Some(token) = self.csrf() {
            body.append_pair("_csrf", &token);
        }
        body.extend_pairs(fields);
        let headers = [("content-type", "application/x-www-form-urlencoded")];
        self.send("POST", path, &headers, body.finish().into_bytes()).await
    }

    /// Calls the `#[server]` fn `name` with `args`, a JSON array of its arguments in
    /// order (`json!([2, 3])`; `json!([])` for none): `POST /_resuma/action/{name}` with
    /// the `x-resuma-csrf` header of the last page read. Its value is the response's
    /// [`json`](Response::json): `{"ok": value}` (or a `Result`'s `{"err": …}`) with status
    /// 200, or a refusal's `{"error": {"kind": …, "message": …}}` (403 without a token).
    ///
    /// # Panics
    ///
    /// If the server cannot be reached.
    pub async fn call(&self, name: &str, args: serde_json::Value) -> Response {
        let token = self.csrf().unwrap_or_default();
        let headers = [("content-type", "application/json"), (CSRF_HEADER, token.as_str())];
        let headers = if token.is_empty() { &headers[..1] } else { &headers[..] };
        let body = serde_json::to_vec(&args).expect("a JSON value serializes");
        self.send("POST", &format!("/_resuma/action/{name}"), headers, body).await
    }

    /// Sends one request (`"GET"`, `"POST"`, …) with `headers` and the client's cookies
    /// (and `Origin` of this server on anything but `GET` and `HEAD`), keeping the
    /// cookies and any CSRF token the answer carries.
    ///
    /// ```no_run
    /// # async fn e2e(client: resuma::test::Client) {
    /// let page = client.send("GET", "/", &[("accept-language", "de")], Vec::new()).await;
    /// # }
    /// ```
    ///
    /// # Panics
    ///
    /// If the server cannot be reached, or a method, path or header is not valid.
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> Response {
        let method = Method::from_bytes(method.as_bytes()).expect("an HTTP method");
        let mut req = Request::builder()
            .method(method.clone())
            .uri(path)
            .header(header::HOST, self.addr.to_string());
        if method != Method::GET && method != Method::HEAD {
            req = req.header(header::ORIGIN, format!("http://{}", self.addr));
        }
        if let Some(cookie) = self.cookie_header() {
            req = req.header(header::COOKIE, cookie);
        }
        for (name, value) in headers {
            let name = HeaderName::from_bytes(name.as_bytes()).expect("a header name");
            req = req.header(name, HeaderValue::from_str(value).expect("a header value"));
        }
        let req = req.body(Full::new(Bytes::from(body))).expect("a well-formed request");
        let stream = tokio::net::TcpStream::connect(self.addr).await.expect("the test server");
        let (mut sender, conn) =
            hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.expect("HTTP/1.1");
        tokio::spawn(conn);
        let res = sender.send_request(req).await.expect("an answer");
        let (parts, body) = res.into_parts();
        let body = body.collect().await.expect("the whole body").to_bytes();
        let res = Response { status: parts.status, headers: parts.headers, body };
        self.keep(&res);
        res
    }

    /// The CSRF token of the last page read that carried one.
    pub fn csrf(&self) -> Option<String> {
        self.jar().csrf.clone()
    }

    /// The value of cookie `name`, if the client has it.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.jar().cookies.get(name).cloned()
    }

    /// Sets cookie `name` as if the server had (`lang=de`, say).
    pub fn set_cookie(&self, name: &str, value: &str) {
        self.jar().cookies.insert(name.to_owned(), value.to_owned());
    }

    fn jar(&self) -> std::sync::MutexGuard<'_, Jar> {
        self.jar.lock().unwrap_or_else(|it| it.into_inner())
    }

    fn cookie_header(&self) -> Option<String> {
        let jar = self.jar();
        let pairs: Vec<String> =
            jar.cookies.iter().map(|(name, value)| format!("{name}={value}")).collect();
        (!pairs.is_empty()).then(|| pairs.join("; "))
    }

    /// Keeps the cookies `res` sets (an empty value or `Max-Age=0` removes one) and the
    /// CSRF token its HTML carries.
    fn keep(&self, res: &Response) {
        let mut jar = self.jar();
        for value in res.headers.get_all(header::SET_COOKIE) {
            let Ok(value) = value.to_str() else { continue };
            let mut attributes = value.split(';');
            let Some((name, value)) = attributes.next().and_then(|it| it.split_once('=')) else {
                continue;
            };
            let (name, value) = (name.trim(), value.trim());
            let expired = attributes.any(|it| it.trim().eq_ignore_ascii_case("max-age=0"))
                || value.is_empty();
            if expired {
                jar.cookies.remove(name);
            } else {
                jar.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        if let Some(token) = csrf_token(res.text()) {
            jar.csrf = Some(token.to_owned());
        }
    }
}

/// The token of `<meta name="resuma-csrf" content="…">`, or else of a form's `_csrf`
/// field, in `html`.
fn csrf_token(html: &str) -> Option<&str> {
    let after = |marker: &str| {
        let start = html.find(marker)? + marker.len();
        let len = html[start..].find('"')?;
        Some(&html[start..start + len])
    };
    after("<meta name=\"resuma-csrf\" content=\"").or_else(|| after("name=\"_csrf\" value=\""))
}

/// A whole response: status, headers and body.
#[derive(Debug, Clone)]
pub struct Response {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Response {
    /// Its status, comparable with a number (`res.status() == 303`).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Its headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The value of header `name`, if it has one that is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// Where a redirect goes: its `Location`.
    pub fn location(&self) -> Option<&str> {
        self.header("location")
    }

    /// The body as text (empty if it is not UTF-8).
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap_or_default()
    }

    /// The body's bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.body
    }

    /// The body as JSON of type `T` (a server fn's value, or `serde_json::Value`).
    ///
    /// # Errors
    ///
    /// If the body is not JSON of that type.
    pub fn json<T: DeserializeOwned>(&self) -> serde_json::Result<T> {
        serde_json::from_slice(&self.body)
    }
}
