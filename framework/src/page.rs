//! [`Page`]: what one path serves, and how it answers a request (shell, size hint,
//! streaming, panics).
//!
//! Invariant: a page answers `200` with `content-type: text/html; charset=utf-8`, or `500`
//! with a plain error page if its render panicked; nothing on the request path takes a
//! lock (the size hint is a relaxed atomic) and no `View` is held across an await.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;

use crate::render::panic::catch_render;
use crate::render::{render_to_stream_named, Document, Html, View};

/// Chunk size of streaming pages: a few TCP segments, so the first bytes leave early.
const STREAM_CHUNK_BYTES: usize = 8 * 1024;
/// Buffer size of a page's first render, before its own size is known.
const FIRST_SIZE_HINT: usize = 4 * 1024;
/// What a page that panicked answers, with status 500. Says nothing about the cause.
const ERROR_PAGE: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
    <title>500 Internal Server Error</title></head><body><h1>500 Internal Server Error</h1>\
    <p>This page could not be rendered.</p></body></html>";
/// The content type of every page, error pages included.
const HTML_CONTENT_TYPE: HeaderValue = HeaderValue::from_static("text/html; charset=utf-8");

/// A page: the function that builds its view, plus per-page shell settings.
///
/// ```
/// use resuma::{Page, View};
///
/// let page = Page::new(|| View::new(|h| h.push_static("<p>big</p>")))
///     .title("Report")
///     .meta("robots", "noindex")
///     .streaming(true);
/// ```
pub struct Page {
    render: Arc<dyn Fn() -> View + Send + Sync>,
    title: Option<String>,
    metas: Vec<(String, String)>,
    streaming: bool,
}

/// Anything [`ResumaApp::page`](crate::ResumaApp::page) accepts: a [`Page`], or a function or closure returning
/// a [`View`] (such as a `fn() -> View`).
///
/// ```
/// use resuma::{IntoPage, View};
///
/// fn home() -> View {
///     View::empty()
/// }
/// let _page = home.into_page().title("Home");
/// ```
pub trait IntoPage {
    /// Converts `self` into a [`Page`].
    fn into_page(self) -> Page;
}

impl IntoPage for Page {
    fn into_page(self) -> Page {
        self
    }
}

impl<F: Fn() -> View + Send + Sync + 'static> IntoPage for F {
    fn into_page(self) -> Page {
        Page::new(self)
    }
}

impl Page {
    /// A page whose view `page` builds, once per request.
    ///
    /// ```
    /// let page = resuma::Page::new(resuma::View::empty);
    /// ```
    pub fn new(page: impl Fn() -> View + Send + Sync + 'static) -> Page {
        Page { render: Arc::new(page), title: None, metas: Vec::new(), streaming: false }
    }

    /// Sets this page's `<title>`, instead of the app's.
    ///
    /// ```
    /// let page = resuma::Page::new(resuma::View::empty).title("Contact");
    /// ```
    pub fn title(mut self, title: impl Into<String>) -> Page {
        self.title = Some(title.into());
        self
    }

    /// Adds a `<meta name content>` to this page, replacing the app's one of that name.
    ///
    /// ```
    /// let page = resuma::Page::new(resuma::View::empty).meta("robots", "noindex");
    /// ```
    pub fn meta(mut self, name: impl Into<String>, content: impl Into<String>) -> Page {
        self.metas.push((name.into(), content.into()));
        self
    }

    /// Streams the page (default: off): it renders on a blocking thread and the client
    /// gets chunks of about 8 KiB as they are ready. For big or slow pages; a small page
    /// is faster rendered in one piece.
    ///
    /// ```
    /// let page = resuma::Page::new(resuma::View::empty).streaming(true);
    /// ```
    pub fn streaming(mut self, streaming: bool) -> Page {
        self.streaming = streaming;
        self
    }
}

impl fmt::Debug for Page {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Page")
            .field("title", &self.title)
            .field("metas", &self.metas)
            .field("streaming", &self.streaming)
            .finish_non_exhaustive()
    }
}

/// Everything one page's handler needs, shared by its requests.
pub(crate) struct PageRoute {
    path: Arc<str>,
    render: Arc<dyn Fn() -> View + Send + Sync>,
    document: Document,
    streaming: bool,
    /// Size of the last render, so the next buffer rarely grows.
    size_hint: AtomicUsize,
}

impl PageRoute {
    pub(crate) fn new(path: &str, page: Page, app_document: &Document) -> Self {
        let mut document = app_document.clone();
        if let Some(title) = page.title {
            document = document.title(title);
        }
        for (name, content) in page.metas {
            document = document.meta(name, content);
        }
        PageRoute {
            path: Arc::from(path),
            render: page.render,
            document,
            streaming: page.streaming,
            size_hint: AtomicUsize::new(FIRST_SIZE_HINT),
        }
    }

    /// The response to one request: synchronous, so no `View` is held across an await.
    pub(crate) fn respond(self: Arc<Self>) -> Response {
        if self.streaming {
            let path = Arc::clone(&self.path);
            let page = move || {
                let body = (self.render)();
                View::new(move |html| self.document.render(body, html))
            };
            let stream = render_to_stream_named(path, page, STREAM_CHUNK_BYTES);
            return html_response(StatusCode::OK, Body::from_stream(stream));
        }
        let hint = self.size_hint.load(Ordering::Relaxed);
        let rendered = catch_render(&self.path, || {
            // An eighth of headroom absorbs pages that grow a little between requests.
            let mut html = Html::with_capacity(hint + hint / 8);
            self.document.render((self.render)(), &mut html);
            html.into_string()
        });
        match rendered {
            Some(page) => {
                self.size_hint.store(page.len(), Ordering::Relaxed);
                html_response(StatusCode::OK, Body::from(page))
            }
            None => html_response(StatusCode::INTERNAL_SERVER_ERROR, Body::from(ERROR_PAGE)),
        }
    }
}

/// An HTML response with `status` and `body`.
fn html_response(status: StatusCode, body: Body) -> Response {
    let mut res = Response::new(body);
    *res.status_mut() = status;
    res.headers_mut().insert(header::CONTENT_TYPE, HTML_CONTENT_TYPE);
    res
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::Ordering;
    use std::sync::Arc;

    use axum::http::StatusCode;

    use super::{Document, Page, PageRoute, View, FIRST_SIZE_HINT};

    fn rows(n_rows: usize) -> View {
        View::new(move |html| {
            for _ in 0..n_rows {
                html.push_static("<p>row</p>");
            }
        })
    }

    #[test]
    fn size_hint_remembers_the_last_render() {
        let route = Arc::new(PageRoute::new("/", Page::new(|| rows(1000)), &Document::new()));
        assert_eq!(route.size_hint.load(Ordering::Relaxed), FIRST_SIZE_HINT);
        let res = Arc::clone(&route).respond();
        assert_eq!(res.status(), StatusCode::OK);
        let expected = Document::new().to_html(rows(1000)).len();
        assert_eq!(route.size_hint.load(Ordering::Relaxed), expected);
    }

    #[test]
    fn panicking_render_keeps_the_old_hint() {
        let route = Arc::new(PageRoute::new(
            "/boom",
            Page::new(|| View::new(|_| panic!("boom"))),
            &Document::new(),
        ));
        let res = Arc::clone(&route).respond();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(route.size_hint.load(Ordering::Relaxed), FIRST_SIZE_HINT);
    }

    #[test]
    fn page_settings_override_the_app_shell() {
        let app = Document::new().title("App").meta("a", "1").meta("b", "2");
        let page = Page::new(View::empty).title("Page").meta("b", "3");
        let route = PageRoute::new("/", page, &app);
        assert_eq!(route.document, Document::new().title("Page").meta("a", "1").meta("b", "3"));
    }
}
