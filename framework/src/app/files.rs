//! [`StaticFile`]: a file an app serves as it is (a favicon, `robots.txt`, an image), its
//! bytes compiled in with `include_bytes!` or read at start-up.
//!
//! Invariant: a file answers `GET`/`HEAD` at exactly its path with its content type, an
//! `ETag` of its bytes (and `304` to a request that has it) and a short public cache
//! life (its URL does not change with its content, unlike the runtime's files); it is
//! listed on `/_resuma/files`, so `resuma build --static` copies it.

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;

use crate::cache;
use crate::error::ConfigError;

/// How long a browser or a shared cache may keep a file before it asks again (then
/// usually for a `304`): an hour, as static hosts commonly do for unhashed URLs.
const FILE_CACHE_CONTROL: HeaderValue = HeaderValue::from_static("public, max-age=3600");

/// One file: where it is served, what it is, its bytes.
#[derive(Debug, Clone)]
pub(crate) struct StaticFile {
    pub(crate) path: String,
    content_type: HeaderValue,
    bytes: Bytes,
    etag: HeaderValue,
}

impl StaticFile {
    /// The file at `path`, or why it cannot be one: the path must be a plain absolute
    /// path (no route parameters, query or fragment, not under `/_resuma/`), the type a
    /// header value.
    pub(crate) fn new(path: &str, content_type: &str, bytes: Bytes) -> Result<Self, ConfigError> {
        let bad = |reason: &'static str| ConfigError::BadFile { path: path.to_owned(), reason };
        if !path.starts_with('/') || path.len() < 2 {
            return Err(bad("a file's path starts with `/` and names a file"));
        }
        if path.contains(['{', '}', '?', '#', '*']) || path.contains("//") || path.ends_with('/') {
            return Err(bad(
                "a file's path is a plain path: no `{}`, `*`, `?`, `#` or empty segment",
            ));
        }
        if path.split('/').any(|it| it == "." || it == "..") {
            return Err(bad("a file's path has no `.` or `..` segment"));
        }
        if path.starts_with("/_resuma/") {
            return Err(bad("paths under /_resuma/ are the framework's"));
        }
        let content_type = HeaderValue::from_str(content_type)
            .map_err(|_| bad("its content type is not a header value"))?;
        let etag = cache::etag(&bytes);
        Ok(StaticFile { path: path.to_owned(), content_type, bytes, etag })
    }

    /// The answer to a request with `headers`: the file, or `304` when the request's
    /// `If-None-Match` has its tag.
    pub(crate) fn respond(&self, headers: &HeaderMap) -> Response {
        let fresh = cache::not_modified(headers, &self.etag);
        let mut res = match fresh {
            true => Response::new(Body::empty()),
            false => Response::new(Body::from(self.bytes.clone())),
        };
        if fresh {
            *res.status_mut() = StatusCode::NOT_MODIFIED;
        }
        let out = res.headers_mut();
        out.insert(header::CONTENT_TYPE, self.content_type.clone());
        out.insert(header::CACHE_CONTROL, FILE_CACHE_CONTROL);
        out.insert(header::ETAG, self.etag.clone());
        res
    }
}

#[cfg(test)]
mod tests {
    use axum::body::Bytes;
    use axum::http::{header, HeaderMap, HeaderValue, StatusCode};

    use super::StaticFile;
    use crate::error::ConfigError;

    #[test]
    fn odd_paths_and_types_are_refused() {
        for path in [
            "",
            "/",
            "favicon.ico",
            "/a/",
            "/a//b",
            "/{id}",
            "/a?b",
            "/a#b",
            "/*x",
            "/_resuma/x",
            "/a/../b",
        ] {
            let err = StaticFile::new(path, "text/plain", Bytes::new()).unwrap_err();
            assert!(matches!(err, ConfigError::BadFile { .. }), "{path}: {err}");
            assert!(err.to_string().contains(&format!("{path:?}")), "{err}");
        }
        assert!(StaticFile::new("/robots.txt", "text/plain\n", Bytes::new()).is_err());
        assert!(StaticFile::new("/.well-known/security.txt", "text/plain", Bytes::new()).is_ok());
    }

    #[test]
    fn a_file_answers_with_its_bytes_then_304_to_its_tag() {
        let file =
            StaticFile::new("/robots.txt", "text/plain", Bytes::from_static(b"User-agent: *\n"))
                .unwrap();
        let res = file.respond(&HeaderMap::new());
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()[header::CONTENT_TYPE], "text/plain");
        assert_eq!(res.headers()[header::CACHE_CONTROL], "public, max-age=3600");
        let etag = res.headers()[header::ETAG].clone();
        let mut again = HeaderMap::new();
        again.insert(header::IF_NONE_MATCH, etag.clone());
        let res = file.respond(&again);
        assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(res.headers()[header::ETAG], etag);
        let mut other = HeaderMap::new();
        other.insert(header::IF_NONE_MATCH, HeaderValue::from_static("W/\"other\""));
        assert_eq!(file.respond(&other).status(), StatusCode::OK);
    }
}
