//! Compression of responses: `tower-http`'s layer for whole bodies (brotli or gzip, as
//! the client prefers), and gzip flushed chunk by chunk for streamed pages.
//!
//! Invariant: a streamed body is never given to the layer, whose encoder holds output
//! back until the body ends (tower-http#292) and would undo streaming; a streamed page
//! compresses itself, each chunk flushed (`Z_SYNC_FLUSH`), so every chunk the render
//! sends reaches the client as soon as it would have uncompressed.

use std::io::Write as _;

use axum::http::{header, HeaderMap, HeaderValue, Response};
use bytes::Bytes;
use flate2::write::GzEncoder;
use flate2::Compression;
use tower_http::compression::predicate::Predicate;
use tower_http::compression::{CompressionLayer, CompressionLevel};

/// What compresses the responses of an app (unless it turned compression off).
pub(crate) type Compress = CompressionLayer<Compressible>;

/// The compression of an app's responses: brotli at quality 4 and gzip at level 4 (fast
/// enough to run per request, within a few percent of the best size for HTML), for
/// the responses [`Compressible`] takes.
pub(crate) fn layer() -> Compress {
    CompressionLayer::new()
        .no_deflate()
        .no_zstd()
        .quality(CompressionLevel::Precise(4))
        .compress_when(Compressible)
}

/// Whether [`layer`] would compress `res` for a client that takes an encoding (as
/// tower-http decides it: not already encoded, not a range, and [`Compressible`]'s say).
pub(crate) fn would_compress(res: &Response<axum::body::Body>) -> bool {
    !res.headers().contains_key(header::CONTENT_ENCODING)
        && !res.headers().contains_key(header::CONTENT_RANGE)
        && Compressible.should_compress(res)
}

/// Adds `Vary: accept-encoding` unless the response's `Vary` names it already: a
/// compressible response varies with the request's encodings even when this one had none.
pub(crate) fn mark_vary(headers: &mut HeaderMap) {
    let named = headers.get_all(header::VARY).iter().any(|value| {
        value.as_bytes().split(|b| *b == b',').any(|it| {
            it.trim_ascii().eq_ignore_ascii_case(header::ACCEPT_ENCODING.as_str().as_bytes())
        })
    });
    if !named {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
}

/// The responses an app compresses: tower-http's default predicate (32 bytes or more;
/// not gRPC but gRPC-web, not images but SVG, not event streams) for bodies whose length
/// is known, a stream being left to compress itself. Written out so that the
/// `Content-Type` is looked up once, not once per rule: it runs for every response.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Compressible;

impl Predicate for Compressible {
    fn should_compress<B: axum::body::HttpBody>(&self, response: &Response<B>) -> bool {
        let Some(size) = response.body().size_hint().exact() else { return false };
        if size < 32 {
            return false;
        }
        let kind = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|it| it.to_str().ok())
            .unwrap_or_default();
        let not = |kind_of: &str, but: Option<&str>| {
            !kind.starts_with(kind_of) || but.is_some_and(|but| kind.starts_with(but))
        };
        not("application/grpc", Some("application/grpc-web"))
            && not("image/", Some("image/svg+xml"))
            && not("text/event-stream", None)
    }
}

/// Whether the request's `Accept-Encoding` takes gzip (a `q=0` refuses it).
pub(crate) fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|it| it.to_str().ok()).any(|it| {
        it.split(',').any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or("");
            let refused = parts.any(|param| {
                param.strip_prefix("q=").is_some_and(|q| q.parse::<f32>().is_ok_and(|q| q <= 0.0))
            });
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
    })
}

/// The headers of a response whose body is gzip: `Content-Encoding`, and `Vary`.
pub(crate) fn mark_gzip(headers: &mut HeaderMap) {
    headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
}

/// A gzip stream fed chunk by chunk: each chunk's compressed bytes come out at once.
pub(crate) struct GzipChunks {
    encoder: GzEncoder<Vec<u8>>,
}

impl GzipChunks {
    pub(crate) fn new() -> GzipChunks {
        GzipChunks { encoder: GzEncoder::new(Vec::new(), Compression::new(4)) }
    }

    /// `chunk`, compressed and flushed: the client can decode all of it on arrival.
    pub(crate) fn chunk(&mut self, chunk: &[u8]) -> Bytes {
        // Writing into a `Vec` cannot fail.
        let _ = self.encoder.write_all(chunk);
        let _ = self.encoder.flush();
        Bytes::from(std::mem::take(self.encoder.get_mut()))
    }

    /// The end of the stream (the gzip trailer).
    pub(crate) fn finish(self) -> Bytes {
        Bytes::from(self.encoder.finish().unwrap_or_default())
    }
}

/// Decompresses a whole gzip body: for tests.
#[cfg(test)]
pub(crate) fn gunzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read as _;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).expect("a gzip body");
    out
}

#[cfg(test)]
mod tests {
    use axum::http::{header, HeaderMap, HeaderValue};

    use super::{accepts_gzip, gunzip, Compressible, GzipChunks};

    #[test]
    fn compressible_is_tower_https_default_for_whole_bodies() {
        use tower_http::compression::predicate::{DefaultPredicate, Predicate as _};
        let kinds = [
            None,
            Some("text/html; charset=utf-8"),
            Some("application/json"),
            Some("application/grpc"),
            Some("application/grpc+proto"),
            Some("application/grpc-web"),
            Some("image/png"),
            Some("image/svg+xml"),
            Some("image/svg"),
            Some("text/event-stream"),
            Some("text/event-streams"),
            Some(""),
        ];
        for kind in kinds {
            for size in [0, 31, 32, 33, 4096] {
                let mut res = axum::http::Response::new(axum::body::Body::from(vec![b'a'; size]));
                if let Some(kind) = kind {
                    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
                }
                let expected = DefaultPredicate::new().should_compress(&res);
                assert_eq!(Compressible.should_compress(&res), expected, "{kind:?} {size}");
            }
        }
        // A stream (no known length) is never taken: it compresses itself.
        let stream = futures_util::stream::iter([Ok::<_, std::io::Error>(
            bytes::Bytes::from_static(&[b'a'; 100]),
        )]);
        let res = axum::http::Response::new(axum::body::Body::from_stream(stream));
        assert!(!Compressible.should_compress(&res));
    }

    #[test]
    fn accept_encoding_takes_gzip_unless_refused() {
        for (value, takes) in [
            ("gzip, deflate, br", true),
            ("br;q=1.0, GZIP;q=0.5", true),
            ("br", false),
            ("gzip;q=0", false),
            ("*", true),
            ("identity", false),
        ] {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
            assert_eq!(accepts_gzip(&headers), takes, "{value}");
        }
        assert!(!accepts_gzip(&HeaderMap::new()));
    }

    #[test]
    fn each_chunk_decodes_on_its_own_and_all_make_the_page() {
        let mut gzip = GzipChunks::new();
        let first = gzip.chunk(b"<p>first</p>");
        // What arrived so far decodes to the first chunk, before the stream ends.
        let mut partial = Vec::new();
        let mut decoder = flate2::write::GzDecoder::new(&mut partial);
        std::io::Write::write_all(&mut decoder, &first).unwrap();
        std::io::Write::flush(&mut decoder).unwrap();
        drop(decoder);
        assert_eq!(partial, b"<p>first</p>");
        let second = gzip.chunk(b"<p>second</p>");
        let end = gzip.finish();
        let whole = [first, second, end].concat();
        assert_eq!(gunzip(&whole), b"<p>first</p><p>second</p>");
    }
}
