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
use tower_http::compression::predicate::{And, DefaultPredicate, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel};

/// What compresses the responses of an app (unless it turned compression off).
pub(crate) type Compress = CompressionLayer<And<DefaultPredicate, WholeBody>>;

/// The compression of an app's responses: brotli at quality 4 and gzip at level 4 (fast
/// enough to run per request, within a few percent of the best size for HTML), for
/// bodies whose size is known and over 32 bytes, not images or event streams
/// (tower-http's default predicate).
pub(crate) fn layer() -> Compress {
    CompressionLayer::new()
        .no_deflate()
        .no_zstd()
        .quality(CompressionLevel::Precise(4))
        .compress_when(predicate())
}

fn predicate() -> And<DefaultPredicate, WholeBody> {
    DefaultPredicate::new().and(WholeBody)
}

/// Whether [`layer`] would compress `res` for a client that takes an encoding (as
/// tower-http decides it: not already encoded, not a range, and [`predicate`]'s say).
pub(crate) fn would_compress(res: &Response<axum::body::Body>) -> bool {
    !res.headers().contains_key(header::CONTENT_ENCODING)
        && !res.headers().contains_key(header::CONTENT_RANGE)
        && predicate().should_compress(res)
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

/// Compresses only bodies whose length is known: a stream is left to compress itself.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WholeBody;

impl Predicate for WholeBody {
    fn should_compress<B: axum::body::HttpBody>(&self, response: &Response<B>) -> bool {
        response.body().size_hint().exact().is_some()
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

    use super::{accepts_gzip, gunzip, GzipChunks};

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
