//! `POST /_resuma/action/{name}`: the checks a call passes, in order, and the call itself.
//!
//! The order: method, origin, CSRF, content type, lookup, rate limit, body limit,
//! arguments, the call (the table in the server functions guide).
//!
//! Invariant: origin and CSRF are checked before the name is looked up, so a
//! cross-origin or tokenless call gets 403 whatever it asks for; the rate limit is taken
//! before the body is read, so a client over its rate costs no body; the body is never
//! buffered past the limit; a panicking server function answers 500 and the server keeps
//! serving. Every outcome is JSON.

use std::net::{IpAddr, SocketAddr};
use std::panic::{catch_unwind, AssertUnwindSafe};

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::FutureExt as _;
use http_body_util::{BodyExt as _, LengthLimitError, Limited};
use serde_json::Value;

use super::registry::{not_an_array, Action};
use super::rejection::ActionRejection;
use super::request::{self, CallContext};
use super::service::ActionService;
use crate::http::json_response;
use crate::render::panic::panic_message;
use crate::security::RateKey;

/// The header a browser sends on `fetch` to say where the request comes from.
const SEC_FETCH_SITE: &str = "sec-fetch-site";

/// Answers one call to a server function.
pub(crate) async fn dispatch(service: std::sync::Arc<ActionService>, req: Request) -> Response {
    match checked_call(&service, req).await {
        Ok(body) => json_response(StatusCode::OK, &body),
        Err(rejection) => {
            tracing::debug!(kind = rejection.kind(), %rejection, "server function call refused");
            rejection.into_response()
        }
    }
}

/// The checks, in the documented order, then the call.
async fn checked_call(service: &ActionService, req: Request) -> Result<Value, ActionRejection> {
    let (parts, body) = req.into_parts();
    if parts.method != Method::POST {
        return Err(ActionRejection::MethodNotAllowed);
    }
    check_origin(&parts)?;
    service.csrf.verify(&parts.headers)?;
    if !is_json(&parts.headers) {
        return Err(ActionRejection::UnsupportedMediaType);
    }
    // The route is `/_resuma/action/{name}` (nested or not): the name is the last segment.
    let name = parts.uri.path().rsplit('/').next().unwrap_or_default();
    let entry = service.actions.get(name).ok_or(ActionRejection::NotFound)?;
    // (e) The key needs only the client and the name: a client over its rate is refused
    // before a byte of its body is read, so a flood of large bodies costs nothing.
    let client = client_ip(&parts, service.trust_forwarded_for);
    let key = RateKey::new(client, entry.action.name);
    service
        .rate_limits
        .take(&key, entry.rate)
        .await
        .map_err(|retry_after| ActionRejection::RateLimited { retry_after })?;
    let bytes = read_body(body, &parts.headers, service.body_limit_bytes).await?;
    let args: Value = serde_json::from_slice(&bytes).map_err(ActionRejection::BadJson)?;
    if !args.is_array() {
        return Err(not_an_array(&args));
    }
    let context = CallContext {
        parts,
        state: std::sync::Arc::clone(&service.state),
        action: entry.action.name,
    };
    call(entry.action, args, context).await
}

/// Runs the server function in its request context, catching a panic in it.
async fn call(
    action: &'static Action,
    args: Value,
    context: CallContext,
) -> Result<Value, ActionRejection> {
    let name = action.name;
    let run = async move {
        // `AssertUnwindSafe`: after a panic the call's future and arguments are dropped;
        // state shared with other calls is the app's to keep consistent (as with axum).
        let future = catch_unwind(AssertUnwindSafe(|| (action.call)(args)))?;
        AssertUnwindSafe(future).catch_unwind().await
    };
    match request::scope(context, run).await {
        Ok(result) => result,
        Err(payload) => {
            tracing::error!(
                action = name,
                panic = panic_message(payload.as_ref()),
                "server function panicked"
            );
            Err(ActionRejection::Panicked)
        }
    }
}

/// (a) The call comes from a page of this site: `Origin` is this host, or, when a browser
/// sends no `Origin`, `Sec-Fetch-Site` says `same-origin`. A repeated `Origin` or `Host`
/// header (which no browser sends) is refused.
pub(crate) fn check_origin(parts: &Parts) -> Result<(), ActionRejection> {
    let same = match only(&parts.headers, header::ORIGIN) {
        Err(Repeated) => false,
        Ok(Some(origin)) => {
            let host = match only(&parts.headers, header::HOST) {
                Ok(Some(host)) => host.to_str().ok(),
                Ok(None) => parts.uri.authority().map(|it| it.as_str()),
                Err(Repeated) => None,
            };
            match (origin.to_str(), host) {
                (Ok(origin), Some(host)) => same_origin(origin, host),
                _ => false,
            }
        }
        Ok(None) => matches!(
            only(&parts.headers, SEC_FETCH_SITE),
            Ok(Some(site)) if site == "same-origin"
        ),
    };
    if same {
        Ok(())
    } else {
        Err(ActionRejection::CrossOrigin)
    }
}

/// A header that occurs more than once.
struct Repeated;

/// The value of header `name` if it occurs at most once.
fn only(
    headers: &HeaderMap,
    name: impl header::AsHeaderName,
) -> Result<Option<&HeaderValue>, Repeated> {
    let mut values = headers.get_all(name).into_iter();
    match (values.next(), values.next()) {
        (first, None) => Ok(first),
        (Some(_), Some(_)) | (None, Some(_)) => Err(Repeated),
    }
}

/// Whether `origin` (`scheme://host[:port]`) names `host` (`host[:port]`), comparing host
/// names case-insensitively and ports with the origin scheme's default filled in. The
/// scheme itself is not compared: behind a TLS-terminating proxy the server cannot know
/// it. `null` and anything that is not an http(s) origin are never the same.
pub(crate) fn same_origin(origin: &str, host: &str) -> bool {
    let Some((scheme, authority)) = origin.split_once("://") else {
        return false;
    };
    let default_port = if scheme.eq_ignore_ascii_case("https") {
        443
    } else if scheme.eq_ignore_ascii_case("http") {
        80
    } else {
        return false;
    };
    match (split_host_port(authority, default_port), split_host_port(host, default_port)) {
        (Some((origin_host, origin_port)), Some((host, port))) => {
            origin_host.eq_ignore_ascii_case(host) && origin_port == port
        }
        _ => false,
    }
}

/// `host[:port]` or `[v6][:port]` into its host and port (`default_port` when absent).
fn split_host_port(authority: &str, default_port: u16) -> Option<(&str, u16)> {
    let (host, port) = if authority.starts_with('[') {
        let end = authority.find(']')?;
        let (host, rest) = authority.split_at(end + 1);
        match rest {
            "" => (host, None),
            _ => (host, Some(rest.strip_prefix(':')?)),
        }
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let bad_char = |it: char| matches!(it, '/' | '@' | '?' | '#' | ' ' | '\\');
    if host.is_empty() || host.contains(bad_char) {
        return None;
    }
    let port = match port {
        Some(port) => port.parse().ok()?,
        None => default_port,
    };
    Some((host, port))
}

/// (c) `Content-Type: application/json`, parameters allowed.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|it| it.to_str().ok())
        .and_then(|it| it.split(';').next())
        .is_some_and(|it| it.trim().eq_ignore_ascii_case("application/json"))
}

/// (f) The body, refused as soon as it is known to be over `limit_bytes`: from
/// `Content-Length` before reading, else while reading.
pub(crate) async fn read_body(
    body: Body,
    headers: &HeaderMap,
    limit_bytes: usize,
) -> Result<Bytes, ActionRejection> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|it| it.to_str().ok())
        .and_then(|it| it.parse::<u64>().ok());
    if declared.is_some_and(|len| len > limit_bytes as u64) {
        return Err(ActionRejection::TooLarge);
    }
    match Limited::new(body, limit_bytes).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(err) if err.downcast_ref::<LengthLimitError>().is_some() => {
            Err(ActionRejection::TooLarge)
        }
        Err(err) => Err(ActionRejection::UnreadableBody(axum::Error::new(err))),
    }
}

/// The client a rate limit applies to: the peer address (with
/// `trust_forwarded_for`, the last `X-Forwarded-For` address, which the nearest proxy
/// appended); IPv6 clients by their /64, which one subscriber usually holds whole.
pub(crate) fn client_ip(parts: &Parts, trust_forwarded_for: bool) -> Option<IpAddr> {
    let forwarded = trust_forwarded_for.then(|| forwarded_for(&parts.headers)).flatten();
    let peer = || parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|it| it.0.ip());
    let ip = forwarded.or_else(peer)?.to_canonical();
    Some(match ip {
        IpAddr::V6(v6) => IpAddr::V6((u128::from(v6) & !u128::from(u64::MAX)).into()),
        IpAddr::V4(_) => ip,
    })
}

/// The last address of the last `X-Forwarded-For` header.
fn forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let last = headers.get_all("x-forwarded-for").iter().next_back()?;
    last.to_str().ok()?.rsplit(',').next()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use std::net::{IpAddr, SocketAddr};

    use axum::extract::ConnectInfo;
    use axum::http::Request;

    use super::{client_ip, same_origin, split_host_port};

    #[test]
    fn origins_match_their_host_and_port() {
        assert!(same_origin("https://example.com", "example.com"));
        assert!(same_origin("http://Example.COM", "example.com"));
        assert!(same_origin("https://example.com", "example.com:443"));
        assert!(same_origin("http://localhost:3000", "localhost:3000"));
        assert!(same_origin("http://[::1]:3000", "[::1]:3000"));
        // Scheme-insensitive: TLS may end at a proxy.
        assert!(same_origin("https://example.com:8443", "example.com:8443"));
        assert!(same_origin("http://localhost:3000", "LOCALHOST:3000"));
    }

    #[test]
    fn other_origins_do_not() {
        for (origin, host) in [
            ("https://evil.example", "example.com"),
            ("https://example.com.evil.example", "example.com"),
            ("http://localhost:3001", "localhost:3000"),
            ("http://localhost", "localhost:3000"),
            ("null", "example.com"),
            ("", "example.com"),
            ("file://example.com", "example.com"),
            ("https://user@example.com", "example.com"),
            ("https://example.com/", "example.com"),
            ("https://example.com:x", "example.com"),
            ("https://", ""),
            ("https://[::1", "[::1]"),
        ] {
            assert!(!same_origin(origin, host), "{origin} vs {host}");
        }
    }

    #[test]
    fn host_and_port_split() {
        assert_eq!(split_host_port("a:1", 80), Some(("a", 1)));
        assert_eq!(split_host_port("a", 80), Some(("a", 80)));
        assert_eq!(split_host_port("[::1]", 443), Some(("[::1]", 443)));
        assert_eq!(split_host_port("[::1]x", 443), None);
        assert_eq!(split_host_port(":80", 80), None);
    }

    #[test]
    fn clients_are_peers_unless_forwarded_for_is_trusted() {
        let peer: SocketAddr = "192.0.2.7:5555".parse().unwrap();
        let req = Request::post("/")
            .header("x-forwarded-for", "203.0.113.9, 198.51.100.1")
            .extension(ConnectInfo(peer))
            .body(())
            .unwrap();
        let (parts, ()) = req.into_parts();
        assert_eq!(client_ip(&parts, false), Some(peer.ip()));
        assert_eq!(client_ip(&parts, true), Some("198.51.100.1".parse().unwrap()));
        let (bare, ()) = Request::post("/").body(()).unwrap().into_parts();
        assert_eq!(client_ip(&bare, true), None);
        let v6 = Request::post("/")
            .extension(ConnectInfo("[2001:db8:1:2:3:4:5:6]:1".parse::<SocketAddr>().unwrap()))
            .body(())
            .unwrap();
        let expected: IpAddr = "2001:db8:1:2::".parse().unwrap();
        assert_eq!(client_ip(&v6.into_parts().0, false), Some(expected));
    }
}
