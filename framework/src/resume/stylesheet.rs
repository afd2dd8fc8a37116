//! An app's stylesheets: CSS compiled into the binary, served at a URL named by its
//! content, linked from every page's `<head>`.
//!
//! A `<link rel="stylesheet">` to a `'self'` URL is what the page CSP (`style-src 'self'`,
//! with `'nonce-N'` on a page that has inline scripts) lets through without a nonce, so a
//! page with no handlers stays without one (and cacheable); the URL changes with the CSS,
//! so the file is served immutable; and `/_resuma/files` lists it, so `resuma build
//! --static` copies it beside the pages.

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::sync::Arc;

const CSS: HeaderValue = HeaderValue::from_static("text/css; charset=utf-8");

/// One stylesheet: its CSS and the URL it is served at.
#[derive(Debug, Clone)]
pub(crate) struct Stylesheet {
    /// `/_resuma/css/HASH.css`, HASH 16 hex digits of the CSS's SHA-256.
    pub(crate) url: String,
    css: &'static str,
}

impl Stylesheet {
    pub(crate) fn new(css: &'static str) -> Stylesheet {
        let digest = Sha256::digest(css.as_bytes());
        let hash: String = digest[..8].iter().map(|byte| format!("{byte:02x}")).collect();
        Stylesheet { url: format!("/_resuma/css/{hash}.css"), css }
    }
}

/// `GET /_resuma/css/{file}`: one of `sheets`, by its current name only.
pub(crate) fn serve(sheets: &[Stylesheet], file: &str) -> Response {
    match sheets.iter().find(|it| it.url.rsplit('/').next() == Some(file)) {
        Some(sheet) => (
            [(header::CONTENT_TYPE, CSS), (header::CACHE_CONTROL, super::assets::IMMUTABLE)],
            sheet.css,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The route's handler over `sheets`.
pub(crate) fn handler(
    sheets: Arc<Vec<Stylesheet>>,
) -> impl Fn(Path<String>) -> std::future::Ready<Response> + Clone + Send + Sync + 'static {
    move |Path(file): Path<String>| std::future::ready(serve(&sheets, &file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_follows_the_content() {
        let a = Stylesheet::new("body { margin: 0 }");
        assert!(a.url.starts_with("/_resuma/css/") && a.url.ends_with(".css"), "{}", a.url);
        assert_eq!(a.url.len(), "/_resuma/css/".len() + 16 + ".css".len());
        assert_eq!(a.url, Stylesheet::new("body { margin: 0 }").url);
        assert_ne!(a.url, Stylesheet::new("body { margin: 1px }").url);
    }

    #[test]
    fn a_sheet_is_served_by_its_name_only() {
        let sheet = Stylesheet::new("p { color: red }");
        let name = sheet.url.rsplit('/').next().unwrap().to_owned();
        let ok = serve(std::slice::from_ref(&sheet), &name);
        assert_eq!(ok.status(), StatusCode::OK);
        assert_eq!(ok.headers()[header::CONTENT_TYPE], "text/css; charset=utf-8");
        assert!(ok.headers()[header::CACHE_CONTROL].to_str().unwrap().contains("immutable"));
        assert_eq!(serve(&[sheet], "0000000000000000.css").status(), StatusCode::NOT_FOUND);
    }
}
