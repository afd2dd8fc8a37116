//! [`Page`]: what one path serves, and how it answers a request (shell, size hint,
//! streaming, panics).
//!
//! Invariant: a page answers `200` with `content-type: text/html; charset=utf-8`, or `500`
//! with a plain error page if its render panicked; nothing on the request path takes a
//! lock (the size hint is a relaxed atomic) and no `View` is held across an await. A page
//! with scripts gets a fresh CSP nonce, which they carry and its CSP names; a buffered
//! page makes it when it writes its first script, and one with none makes no nonce and
//! gets the page policy without nonces (a streamed page always has one). A page with
//! scripts or a form carries the CSRF token of the client's session, which it starts
//! (`Set-Cookie`) when the request has none; a buffered page with neither carries no
//! token and starts no session (a streamed page always does: its head leaves before its
//! body is known).

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;

use crate::action::csrf::{session_cookie, session_id};
use crate::app::Shared;
use crate::cache;
use crate::render::form::{form_scope, token_taken as form_token_taken, Replay, Token};
use crate::render::nonce::LazyNonce;
use crate::render::panic::catch_render;
use crate::render::{render_to_stream_named, Document, Html, ResponseContext, View};
use crate::security::random::{new_nonce, new_session_id};

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
    shared: Arc<Shared>,
    render: Arc<dyn Fn() -> View + Send + Sync>,
    document: Document,
    streaming: bool,
    /// Size of the last render, so the next buffer rarely grows.
    size_hint: AtomicUsize,
}

impl PageRoute {
    pub(crate) fn new(
        path: &str,
        page: Page,
        app_document: &Document,
        shared: Arc<Shared>,
    ) -> Self {
        let mut document = app_document.clone();
        if let Some(title) = page.title {
            document = document.title(title);
        }
        for (name, content) in page.metas {
            document = document.meta(name, content);
        }
        PageRoute {
            path: Arc::from(path),
            shared,
            render: page.render,
            document,
            streaming: page.streaming,
            size_hint: AtomicUsize::new(FIRST_SIZE_HINT),
        }
    }

    /// The response to a request with `headers`: synchronous, so no `View` is held across
    /// an await.
    pub(crate) fn respond(self: Arc<Self>, headers: &HeaderMap, mount: &str) -> Response {
        if self.streaming {
            let route = Arc::clone(&self);
            let body = move || (route.render)();
            return self.render_streamed(headers, mount, Answer::ok(), false, body);
        }
        self.render_buffered(headers, mount, Answer::ok(), || (self.render)())
    }

    /// The response to a request with `headers` whose page is `body` (a Flow page, built
    /// from the request's params), answered as `answer` says, in one buffer.
    pub(crate) fn respond_view(
        &self,
        headers: &HeaderMap,
        mount: &str,
        answer: Answer,
        body: impl FnOnce() -> View,
    ) -> Response {
        self.render_buffered(headers, mount, answer, body)
    }

    /// The response to a request with `headers` whose page is `body` (a Flow page with
    /// deferred parts), answered as `answer` says, streamed.
    pub(crate) fn respond_streamed(
        &self,
        headers: &HeaderMap,
        mount: &str,
        answer: Answer,
        body: impl FnOnce() -> View + Send + 'static,
    ) -> Response {
        self.render_streamed(headers, mount, answer, true, body)
    }

    /// Renders `body` in its shell on a blocking thread, sending chunks of about 8 KiB as
    /// they are ready and every deferred part when its value is (`body_first`: the body
    /// renders before the head, for its `use_head`, and leaves with it; otherwise the head
    /// leaves first and the body streams as it renders). The headers leave before the
    /// body has run, so the page is never `public` (its CSRF token is in the head) and has
    /// no `ETag`. Gzipped chunk by chunk when the app compresses and the client takes gzip.
    fn render_streamed(
        &self,
        request: &HeaderMap,
        mount: &str,
        answer: Answer,
        body_first: bool,
        body: impl FnOnce() -> View + Send + 'static,
    ) -> Response {
        let document = self.document.clone();
        let export = is_export(&self.shared, request);
        // The head leaves before the body: the nonce and the token are made now, needed
        // or not.
        let nonce = match new_nonce() {
            Ok(nonce) => nonce,
            Err(err) => {
                no_randomness(&self.path, &err);
                return error_page();
            }
        };
        let (token, cookie) = match export {
            true => (None, None),
            false => match session(&self.shared, session_id(request)) {
                Ok((token, cookie)) => (Some(token), cookie),
                Err(err) => {
                    no_randomness(&self.path, &err);
                    return error_page();
                }
            },
        };
        let page_nonce = nonce.clone();
        let mount = mount.to_owned();
        let (replay, query) = (answer.replay, answer.query);
        let page = move || {
            View::new(move |html| {
                let mut cx = ResponseContext::new().nonce(&page_nonce).mount(&mount);
                if let Some(token) = &token {
                    cx = cx.csrf_token(token);
                }
                let given = token.clone().map_or(Token::None, Token::Given);
                form_scope(given, query, replay, || match body_first {
                    true => document.render_body_first(body(), &cx, html),
                    false => document.render_page(body(), &cx, html),
                });
            })
        };
        let gzip = self.shared.compression && crate::compress::accepts_gzip(request);
        let stream = render_to_stream_named(Arc::clone(&self.path), page, STREAM_CHUNK_BYTES, gzip);
        let mut res = html_response(answer.status, Body::from_stream(stream));
        if gzip {
            crate::compress::mark_gzip(res.headers_mut());
        }
        let control = match &answer.cache {
            Some(value) if cache::lets_shared_caches_keep(value) => {
                cache::per_visitor(value, &self.path)
            }
            value => value.clone(),
        };
        if let Some(control) = control {
            res.headers_mut().insert(header::CACHE_CONTROL, control);
        }
        // The head left before the body was known: it allows the nonce.
        self.finish(res, Some(&nonce), cookie)
    }

    /// Renders `body` in its shell (with what it sets by `use_head`) into one buffer:
    /// `answer`'s status, or `500` if it panicked. The nonce is made when the first script
    /// is written: a `200` page with none (no scripts) gets an `ETag`, and answers `304`
    /// when the request's `If-None-Match` has it.
    fn render_buffered(
        &self,
        request: &HeaderMap,
        mount: &str,
        answer: Answer,
        body: impl FnOnce() -> View,
    ) -> Response {
        let hint = self.size_hint.load(Ordering::Relaxed);
        let (replay, query) = (answer.replay, answer.query);
        let shareable = answer.cache.as_ref().is_some_and(cache::lets_shared_caches_keep);
        // A file for every visitor has no visitor's token.
        let export = is_export(&self.shared, request);
        // The token is made when a form or the page's head first needs it: a page with no
        // script and no form costs no HMAC. `started`: the cookie of the session it
        // starts, if the request had none.
        let started: Rc<Cell<Option<HeaderValue>>> = Rc::default();
        let token = match export {
            true => Token::None,
            false => {
                let (shared, path) = (Arc::clone(&self.shared), Arc::clone(&self.path));
                let (sid, started) = (session_id(request).map(str::to_owned), Rc::clone(&started));
                Token::Lazy(Box::new(move || match session(&shared, sid.as_deref()) {
                    Ok((token, cookie)) => {
                        started.set(cookie);
                        Some(token)
                    }
                    Err(err) => {
                        // The page goes without a token: its calls are refused, and said why.
                        no_randomness(&path, &err);
                        None
                    }
                }))
            }
        };
        let nonce = LazyNonce::default();
        let rendered = catch_render(&self.path, || {
            // An eighth of headroom absorbs pages that grow a little between requests.
            let mut html = Html::with_capacity(hint + hint / 8);
            let cx = ResponseContext::new().lazy_nonce(&nonce).mount(mount);
            let personal = form_scope(token, query, replay, || {
                self.document.render_page(body(), &cx, &mut html);
                form_token_taken()
            });
            (html.into_string(), personal)
        });
        let Some((page, personal)) = rendered else {
            return self.finish(error_page(), None, None);
        };
        // Its scripts asked for a nonce the system had no random bytes for.
        if let Some(err) = nonce.failure() {
            no_randomness(&self.path, err);
            return self.finish(error_page(), None, None);
        }
        self.size_hint.store(page.len(), Ordering::Relaxed);
        // A page carrying its visitor's CSRF token (it has scripts, or a form) is theirs
        // alone: it stays `private`, with its session cookie. One without (no script, no
        // form) starts no session, and a shared cache may keep it if it asked to be shared.
        let control = match &answer.cache {
            Some(value) if shareable && personal => cache::per_visitor(value, &self.path),
            value => value.clone(),
        };
        let cookie = if personal { started.take() } else { None };
        // A page that wrote its nonce has scripts needing it: it is this response's alone.
        let nonce = nonce.made();
        let etag = (answer.status == StatusCode::OK && nonce.is_none())
            .then(|| cache::etag(page.as_bytes()));
        let fresh = etag.as_ref().is_some_and(|etag| cache::not_modified(request, etag));
        let (status, body) = match fresh {
            true => (StatusCode::NOT_MODIFIED, Body::empty()),
            false => (answer.status, Body::from(page)),
        };
        let mut res = html_response(status, body);
        if let Some(control) = control {
            res.headers_mut().insert(header::CACHE_CONTROL, control);
        }
        if let Some(etag) = etag {
            res.headers_mut().insert(header::ETAG, etag);
        }
        self.finish(res, nonce, cookie)
    }

    /// Adds the page's CSP (allowing its `nonce`, if it wrote one) and the `cookie` of a
    /// session it starts.
    fn finish(
        &self,
        mut res: Response,
        nonce: Option<&str>,
        cookie: Option<HeaderValue>,
    ) -> Response {
        if let Some(csp) = self.shared.headers.page_csp(nonce) {
            res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, csp);
        }
        if let Some(cookie) = cookie {
            res.headers_mut().insert(header::SET_COOKIE, cookie);
        }
        res
    }
}

/// How a buffered page answers: its status, and the `Cache-Control` its loads asked for
/// (default `private, no-cache`).
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) cache: Option<HeaderValue>,
    /// A submit's result its form shows again (values, errors, data).
    pub(crate) replay: Option<Replay>,
    /// The request's query, which the page's forms post back with their submit's name.
    pub(crate) query: Option<String>,
}

impl Answer {
    pub(crate) fn ok() -> Answer {
        Answer { status: StatusCode::OK, cache: None, replay: None, query: None }
    }

    pub(crate) fn status(status: StatusCode) -> Answer {
        Answer { status, cache: None, replay: None, query: None }
    }
}

/// The header `resuma build --static` sends: render the page as a file, for every
/// visitor (only heeded when `resuma build` started the app).
pub(crate) const EXPORT_HEADER: &str = "x-resuma-export";

/// Whether the request asks for the page as a static file (see [`EXPORT_HEADER`]).
pub(crate) fn is_export(shared: &Shared, headers: &HeaderMap) -> bool {
    shared.list_mode && headers.contains_key(EXPORT_HEADER)
}

/// The CSRF token of the session `sid` (the request's), or of a new one with the cookie
/// that starts it.
fn session(
    shared: &Shared,
    sid: Option<&str>,
) -> Result<(String, Option<HeaderValue>), getrandom::Error> {
    Ok(match sid {
        Some(sid) => (shared.csrf.csrf_token_for(sid), None),
        None => {
            let sid = new_session_id()?;
            let cookie = session_cookie(&sid, shared.secure_cookies);
            (shared.csrf.csrf_token_for(&sid), Some(cookie))
        }
    })
}

/// Logs that the system had no random bytes for the page at `path` (its nonce or a
/// session).
fn no_randomness(path: &str, err: &getrandom::Error) {
    tracing::error!(page = %path, error = %err, "no random bytes for the page's nonce or session");
}

/// A page carries its session's CSRF token and a one-time CSP nonce: no shared cache may
/// keep it, and a browser revalidates before reusing it.
const PAGE_CACHE_CONTROL: HeaderValue = HeaderValue::from_static("private, no-cache");

/// The `500` page of a render that panicked or could not start.
fn error_page() -> Response {
    html_response(StatusCode::INTERNAL_SERVER_ERROR, Body::from(ERROR_PAGE))
}

/// An HTML response with `status` and `body`.
fn html_response(status: StatusCode, body: Body) -> Response {
    let mut res = Response::new(body);
    *res.status_mut() = status;
    // Room for every header a page leaves with (the security headers, CSP, cookie, ETag,
    // length), so the map is not grown and rehashed three times on the way out.
    let headers = res.headers_mut();
    headers.reserve(RESPONSE_HEADERS);
    headers.insert(header::CONTENT_TYPE, HTML_CONTENT_TYPE);
    headers.insert(header::CACHE_CONTROL, PAGE_CACHE_CONTROL);
    res
}

/// How many headers a page's response has room for from the start.
const RESPONSE_HEADERS: usize = 16;

/// The prefix a nesting router stripped from the request's path: the original path
/// (`OriginalUri`, kept by axum's `nest`) minus the path this router saw.
pub(crate) fn mount_prefix(req: &axum::extract::Request) -> String {
    let Some(original) = req.extensions().get::<axum::extract::OriginalUri>() else {
        return String::new();
    };
    let full = original.path().trim_end_matches('/');
    let own = req.uri().path().trim_end_matches('/');
    full.strip_suffix(own).unwrap_or("").to_owned()
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::Ordering;
    use std::sync::Arc;

    use axum::http::{HeaderMap, StatusCode};

    use super::{Document, Page, PageRoute, View, FIRST_SIZE_HINT};
    use crate::app::Shared;
    use crate::render::ResponseContext;

    fn route(path: &str, page: Page, document: &Document) -> PageRoute {
        PageRoute::new(path, page, document, Arc::new(Shared::for_tests()))
    }

    fn rows(n_rows: usize) -> View {
        View::new(move |html| {
            for _ in 0..n_rows {
                html.push_static("<p>row</p>");
            }
        })
    }

    #[test]
    fn size_hint_remembers_the_last_render() {
        let route = Arc::new(route("/", Page::new(|| rows(1000)), &Document::new()));
        assert_eq!(route.size_hint.load(Ordering::Relaxed), FIRST_SIZE_HINT);
        let res = Arc::clone(&route).respond(&HeaderMap::new(), "");
        assert_eq!(res.status(), StatusCode::OK);
        let token = "x".repeat(43);
        let cx = ResponseContext::new().csrf_token(&token);
        let mut html = crate::Html::new();
        Document::new().render_with(rows(1000), &cx, &mut html);
        let expected = html.as_str().len();
        assert_eq!(route.size_hint.load(Ordering::Relaxed), expected);
    }

    #[test]
    fn panicking_render_keeps_the_old_hint() {
        let route =
            Arc::new(route("/boom", Page::new(|| View::new(|_| panic!("boom"))), &Document::new()));
        let res = Arc::clone(&route).respond(&HeaderMap::new(), "");
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(route.size_hint.load(Ordering::Relaxed), FIRST_SIZE_HINT);
    }

    #[test]
    fn page_settings_override_the_app_shell() {
        let app = Document::new().title("App").meta("a", "1").meta("b", "2");
        let page = Page::new(View::empty).title("Page").meta("b", "3");
        let route = route("/", page, &app);
        assert_eq!(route.document, Document::new().title("Page").meta("a", "1").meta("b", "3"));
    }
}
