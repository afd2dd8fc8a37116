//! [`ResumaApp`]: pages plus their shell, turned into a plain axum [`Router`] and served.
//!
//! Invariant: the router is an ordinary `axum::Router` (nest it, merge it, layer it) with
//! one route per page, the `/_resuma/…` routes and no fallback, so merging it with other
//! routers never conflicts. Its security headers layer covers its own routes and its 404s.

mod files;
mod layer;
mod ops;
mod options;
mod shared;

use std::ffi::OsStr;
use std::fmt;
use std::io;
use std::net::{SocketAddr, ToSocketAddrs as _};
use std::sync::Arc;

use axum::extract::Request;
use axum::routing::{any, get};
use axum::Router;
use tokio::net::{TcpListener, ToSocketAddrs};

pub use ops::RequestId;
use options::AppOptions;
pub(crate) use shared::Shared;

use crate::error::ConfigError;
use crate::page::{IntoPage, Page, PageRoute};
use crate::render::Document;

/// The environment variable that `run` reads its listen address from.
pub(crate) const ADDR_VAR: &str = "RESUMA_ADDR";
/// Where `run` listens when `RESUMA_ADDR` is not set.
const DEFAULT_ADDR: SocketAddr =
    SocketAddr::new(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), 3000);

/// Set (to anything) in the environment of an app `resuma build` starts: the app then
/// answers `GET /_resuma/pages` with the JSON list of its page paths (a Flow app's
/// dynamic routes for the params their `#[static_params]` fn lists), `GET
/// /_resuma/files` with the URLs of its runtime files and handler chunks, and renders a
/// request with an `x-resuma-export` header as a static file: no visitor's session in it,
/// and an `x-resuma-dynamic` header saying what it needs a server for.
pub const LIST_PAGES_VAR: &str = "RESUMA_LIST_PAGES";

/// The paths a Flow app's pages export, listed when asked.
pub(crate) type ListPages =
    Arc<dyn Fn() -> futures_util::future::BoxFuture<'static, Vec<String>> + Send + Sync>;

/// Whether `resuma build` started this app ([`LIST_PAGES_VAR`]): read when a router is
/// built, kept in its [`Shared`].
pub(crate) fn list_mode() -> bool {
    std::env::var_os(LIST_PAGES_VAR).is_some()
}

/// A Resuma app: a page shell (title, metas, lang) and the pages served at each path.
///
/// [`router`](ResumaApp::router) turns it into a plain [`axum::Router`];
/// [`serve`](ResumaApp::serve) and [`run`](ResumaApp::run) also serve it.
///
/// ```
/// use resuma::{ResumaApp, View, Page};
///
/// fn home() -> View {
///     View::new(|h| h.push_static("<h1>Home</h1>"))
/// }
///
/// let router: axum::Router = ResumaApp::new()
///     .title("My site")
///     .meta("description", "Pages rendered on the server")
///     .page("/", home)
///     .page("/about", Page::new(home).title("About"))
///     .router();
/// ```
#[derive(Default)]
pub struct ResumaApp {
    document: Document,
    pages: Vec<(String, Page)>,
    stylesheets: Vec<crate::resume::Stylesheet>,
    /// What [`file`](ResumaApp::file) was given: path, content type, bytes.
    files: Vec<(String, String, &'static [u8])>,
    options: AppOptions,
}

impl ResumaApp {
    /// An app with no pages, an empty title and `lang="en"`.
    ///
    /// ```
    /// let app = resuma::ResumaApp::new();
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a stylesheet to every page: the CSS is compiled in, served at
    /// `/_resuma/css/HASH.css` (HASH follows the content, so it is cached for good) and
    /// linked from each page's `<head>`. The page CSP lets it through without a nonce;
    /// `resuma build --static` copies it with the pages.
    ///
    /// ```
    /// // Usually `.stylesheet(include_str!("site.css"))`, beside main.rs.
    /// let app = resuma::ResumaApp::new().stylesheet("body { font-family: system-ui }");
    /// ```
    pub fn stylesheet(mut self, css: &'static str) -> Self {
        let sheet = crate::resume::Stylesheet::new(css);
        self.document = self.document.stylesheet(sheet.url.clone());
        self.stylesheets.push(sheet);
        self
    }

    /// Serves `bytes` at `path` as a file of type `content_type`: a favicon,
    /// `robots.txt`, an image a page shows. It answers `GET` and `HEAD` with an `ETag`
    /// (and `304` when the browser has it) and `Cache-Control: public, max-age=3600`;
    /// `resuma build --static` copies it into the export. The same path again replaces
    /// the file.
    ///
    /// ```
    /// let app = resuma::ResumaApp::new()
    ///     .file("/robots.txt", "text/plain; charset=utf-8", b"User-agent: *\nAllow: /\n")
    ///     // with the bytes in the crate: include_bytes!("../static/favicon.ico")
    ///     .file("/favicon.ico", "image/x-icon", &[0, 0, 1, 0]);
    /// ```
    ///
    /// A path that is not a plain one (`/{id}`, `/a?b`, `/dir/`, under `/_resuma/`), a
    /// content type that is not a header value, or a page at the same path is a
    /// [`ConfigError::BadFile`] when the router is built.
    pub fn file(mut self, path: &str, content_type: &str, bytes: &'static [u8]) -> Self {
        self.files.retain(|(known, _, _)| known != path);
        self.files.push((path.to_owned(), content_type.to_owned(), bytes));
        self
    }

    /// Sets the default `<title>` of every page.
    ///
    /// ```
    /// let app = resuma::ResumaApp::new().title("Resuma");
    /// ```
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.document = self.document.title(title);
        self
    }

    /// Adds a `<meta name content>` to every page.
    ///
    /// ```
    /// let app = resuma::ResumaApp::new().meta("description", "A demo");
    /// ```
    pub fn meta(mut self, name: impl Into<String>, content: impl Into<String>) -> Self {
        self.document = self.document.meta(name, content);
        self
    }

    /// Turns the loader's prefetching off (or on again; on by default): see
    /// [`Document::prefetch`](crate::render::Document::prefetch).
    ///
    /// ```
    /// let app = resuma::ResumaApp::new().prefetch(false);
    /// ```
    pub fn prefetch(mut self, on: bool) -> Self {
        self.document = self.document.prefetch(on);
        self
    }

    /// Sets `<html lang>` of every page (default `en`).
    ///
    /// ```
    /// let app = resuma::ResumaApp::new().lang("de");
    /// ```
    pub fn lang(mut self, lang: impl Into<String>) -> Self {
        self.document = self.document.lang(lang);
        self
    }

    /// Serves `page` at `path` (axum path syntax, e.g. `/` or `/docs`). A later page at
    /// the same path replaces the earlier one.
    ///
    /// [`router`](ResumaApp::router) panics if `path` is not a valid axum route path
    /// (for example when it does not start with `/`).
    ///
    /// ```
    /// use resuma::{Page, ResumaApp, View};
    ///
    /// let app = ResumaApp::new()
    ///     .page("/", View::empty)
    ///     .page("/big", Page::new(View::empty).streaming(true));
    /// ```
    pub fn page(mut self, path: &str, page: impl IntoPage) -> Self {
        let page = page.into_page();
        match self.pages.iter_mut().find(|(known, _)| known == path) {
            Some((_, known)) => *known = page,
            None => self.pages.push((path.to_owned(), page)),
        }
        self
    }

    /// The app as a plain [`axum::Router`]: nest it, merge it, add layers and routes.
    ///
    /// Each page answers `GET` (and `HEAD`) with `200` and
    /// `content-type: text/html; charset=utf-8`; unknown paths get axum's `404`. Server
    /// functions answer `POST /_resuma/action/{name}`. Every response of this router
    /// carries the security headers (see [`SecurityHeaders`](crate::security::SecurityHeaders)).
    ///
    /// # Panics
    ///
    /// If a page path is not a valid axum route path, or the app cannot start (a
    /// [`ConfigError`]: see [`try_router`](ResumaApp::try_router)).
    ///
    /// ```
    /// let api = axum::Router::new().route("/health", axum::routing::get(|| async { "ok" }));
    /// let app = axum::Router::new()
    ///     .nest("/app", resuma::ResumaApp::new().page("/", resuma::View::empty).router())
    ///     .merge(api);
    /// ```
    pub fn router(self) -> Router {
        self.try_router().unwrap_or_else(|err| panic!("the app cannot start: {err}"))
    }

    /// Like [`router`](ResumaApp::router), but a configuration that cannot work (a short
    /// secret, a rate that does not parse, two server functions of one name, an invalid
    /// header value) is an error instead of a panic.
    ///
    /// # Panics
    ///
    /// If a page path is not a valid axum route path.
    ///
    /// ```
    /// let router = resuma::ResumaApp::new().secret([1u8; 32]).try_router().unwrap();
    /// let err = resuma::ResumaApp::new().rate_limit("lots").try_router().unwrap_err();
    /// assert!(matches!(err, resuma::ConfigError::BadRate { .. }));
    /// ```
    pub fn try_router(self) -> Result<Router, ConfigError> {
        self.build_router(|router, _, _| (router, None))
    }

    /// The router, with `add` adding its own routes (Flow's) after the pages and before
    /// the limits and security layers, and giving the paths its pages export (listed on
    /// `/_resuma/pages` too).
    pub(crate) fn build_router(
        mut self,
        add: impl FnOnce(Router, &Document, &Arc<Shared>) -> (Router, Option<ListPages>),
    ) -> Result<Router, ConfigError> {
        let limits = crate::serve::limits_layer(&self.options.server_limits);
        let ops = ops::Ops::take(&mut self.options);
        let shared = Arc::new(Shared::build(self.options)?);
        let actions = Arc::clone(&shared.actions);
        let sheets = Arc::new(std::mem::take(&mut self.stylesheets));
        let mut router = Router::new()
            .route("/_resuma/handler/{file}", get(crate::resume::serve_chunk))
            .route("/_resuma/{file}", get(crate::resume::serve_core))
            .route(
                "/_resuma/css/{file}",
                get(crate::resume::stylesheet_handler(Arc::clone(&sheets))),
            )
            .route(
                "/_resuma/action/{name}",
                any(move |req: Request| crate::action::dispatch(Arc::clone(&actions), req)),
            );
        let files = self
            .files
            .iter()
            .map(|(path, kind, bytes)| {
                if self.pages.iter().any(|(page, _)| page == path) {
                    let reason = "a page is served at this path";
                    return Err(ConfigError::BadFile { path: path.clone(), reason });
                }
                files::StaticFile::new(path, kind, axum::body::Bytes::from_static(bytes))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let file_urls: Vec<String> = files.iter().map(|it| it.path.clone()).collect();
        for file in files {
            let file = Arc::new(file);
            let path = file.path.clone();
            router = router.route(
                &path,
                get(move |req: Request| std::future::ready(file.respond(req.headers()))),
            );
        }
        let own_pages: Vec<String> = self.pages.iter().map(|(path, _)| path.clone()).collect();
        for (path, page) in self.pages {
            let route = Arc::new(PageRoute::new(&path, page, &self.document, Arc::clone(&shared)));
            router = router.route(
                &path,
                get(move |req: Request| {
                    let route = Arc::clone(&route);
                    async move {
                        let mount = crate::page::mount_prefix(&req);
                        route.respond(req.headers(), &mount)
                    }
                }),
            );
        }
        let (router, more_pages) = add(router, &self.document, &shared);
        let mut router = ops.routes(router);
        // `resuma build` asks the app it starts for its pages and files: only then are the
        // lists served.
        if shared.list_mode {
            router = router
                .route(
                    "/_resuma/pages",
                    get(move || {
                        let (own, more) = (own_pages.clone(), more_pages.clone());
                        async move {
                            let more = match more {
                                Some(list) => list().await,
                                None => Vec::new(),
                            };
                            axum::Json(own.into_iter().chain(more).collect::<Vec<_>>())
                        }
                    }),
                )
                .route(
                    "/_resuma/files",
                    get(move || async move {
                        let sheets = sheets.iter().map(|it| it.url.clone());
                        axum::Json(
                            crate::resume::asset_urls()
                                .into_iter()
                                .chain(sheets)
                                .chain(file_urls.iter().cloned())
                                .collect::<Vec<_>>(),
                        )
                    }),
                );
        }
        let headers = Arc::clone(&shared.headers);
        Ok(router.layer(layer::AppLayer::new(ops.ids(), headers, limits, shared.compression)))
    }

    /// Serves the app on `addr` until Ctrl-C (or SIGTERM on unix), then shuts down
    /// gracefully: the listener closes, idle connections close, requests in flight finish.
    /// Logs `listening on http://ADDR` through `tracing`. A [`ConfigError`] is an
    /// [`io::ErrorKind::InvalidInput`] error, before anything is bound.
    ///
    /// Connections are HTTP/1.1 within the app's [`ServerLimits`](crate::ServerLimits)
    /// (slowloris clients are cut off after 10 s, at most 10 000 connections at once, …;
    /// see [`server_limits`](ResumaApp::server_limits)).
    ///
    /// ```no_run
    /// # async fn start() -> std::io::Result<()> {
    /// resuma::ResumaApp::new()
    ///     .page("/", resuma::View::empty)
    ///     .serve("127.0.0.1:8080")
    ///     .await
    /// # }
    /// ```
    pub async fn serve(self, addr: impl ToSocketAddrs) -> io::Result<()> {
        let limits = self.options.server_limits.clone();
        let router = self.checked_router()?;
        let listener = TcpListener::bind(addr).await?;
        crate::serve::serve_router(router, listener, &limits).await
    }

    /// Like [`serve`](ResumaApp::serve), on a listener that is already bound (say, to
    /// port 0 in a test, reading the port from `listener.local_addr()` first).
    ///
    /// A [`ConfigError`] is an [`io::ErrorKind::InvalidInput`] error. Each connection's
    /// peer address reaches the handlers (as axum's `ConnectInfo<SocketAddr>`), which rate
    /// limits use.
    ///
    /// ```no_run
    /// # async fn start() -> std::io::Result<()> {
    /// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    /// let port = listener.local_addr()?.port();
    /// resuma::ResumaApp::new().serve_listener(listener).await
    /// # }
    /// ```
    pub async fn serve_listener(self, listener: TcpListener) -> io::Result<()> {
        let limits = self.options.server_limits.clone();
        crate::serve::serve_router(self.checked_router()?, listener, &limits).await
    }

    /// [`try_router`](ResumaApp::try_router), its error as an `InvalidInput` IO error.
    fn checked_router(self) -> io::Result<Router> {
        self.try_router().map_err(|err| io::Error::new(io::ErrorKind::InvalidInput, err))
    }

    /// Serves the app on `RESUMA_ADDR` (default `127.0.0.1:3000`) on a new multi-thread
    /// tokio runtime, blocking until shutdown.
    ///
    /// An invalid `RESUMA_ADDR` is an [`io::ErrorKind::InvalidInput`] error that names
    /// the variable and its value.
    ///
    /// ```no_run
    /// fn main() -> std::io::Result<()> {
    ///     resuma::init_tracing();
    ///     resuma::ResumaApp::new().page("/", resuma::View::empty).run()
    /// }
    /// ```
    pub fn run(self) -> io::Result<()> {
        let addrs = listen_addrs(std::env::var_os(ADDR_VAR).as_deref())?;
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()?
            .block_on(self.serve(&addrs[..]))
    }
}

impl From<ResumaApp> for Router {
    fn from(app: ResumaApp) -> Router {
        app.router()
    }
}

impl fmt::Debug for ResumaApp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResumaApp")
            .field("document", &self.document)
            .field("pages", &self.pages)
            .field("stylesheets", &self.stylesheets)
            .field("options", &self.options)
            .finish()
    }
}

/// Installs a `tracing` subscriber that prints to stderr, filtered by `RUST_LOG`
/// (default `info`). Calling it again, or after another subscriber was set, does nothing.
///
/// ```
/// resuma::init_tracing();
/// resuma::init_tracing(); // idempotent
/// ```
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // `Err` only means a subscriber is already installed, which is what we want.
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}

/// The addresses to listen on, from the value of `RESUMA_ADDR` (`None`: unset).
pub(crate) fn listen_addrs(value: Option<&OsStr>) -> io::Result<Vec<SocketAddr>> {
    let Some(value) = value else {
        return Ok(vec![DEFAULT_ADDR]);
    };
    let bad = |problem| {
        let value = value.to_string_lossy().into_owned();
        io::Error::new(
            io::ErrorKind::InvalidInput,
            BadListenAddr { variable: ADDR_VAR, value, problem },
        )
    };
    let text = value.to_str().ok_or_else(|| bad(AddrProblem::NotUnicode))?;
    let addrs: Vec<_> =
        text.to_socket_addrs().map_err(|err| bad(AddrProblem::Unresolvable(err)))?.collect();
    if addrs.is_empty() {
        return Err(bad(AddrProblem::NoAddress));
    }
    Ok(addrs)
}

/// `RESUMA_ADDR` does not name an address to listen on.
#[derive(Debug)]
struct BadListenAddr {
    variable: &'static str,
    value: String,
    problem: AddrProblem,
}

#[derive(Debug)]
enum AddrProblem {
    NotUnicode,
    Unresolvable(io::Error),
    NoAddress,
}

impl fmt::Display for BadListenAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let BadListenAddr { variable, value, problem } = self;
        write!(f, "{variable}={value:?} is not an address to listen on (expected host:port, e.g. {DEFAULT_ADDR})")?;
        match problem {
            AddrProblem::NotUnicode => f.write_str(": not valid UTF-8"),
            AddrProblem::Unresolvable(err) => write!(f, ": {err}"),
            AddrProblem::NoAddress => f.write_str(": it resolves to no address"),
        }
    }
}

impl std::error::Error for BadListenAddr {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.problem {
            AddrProblem::Unresolvable(err) => Some(err),
            AddrProblem::NotUnicode | AddrProblem::NoAddress => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;
    use std::io;

    use super::{listen_addrs, DEFAULT_ADDR};

    #[test]
    fn unset_addr_is_the_default() {
        assert_eq!(listen_addrs(None).unwrap(), [DEFAULT_ADDR]);
        assert_eq!(DEFAULT_ADDR.to_string(), "127.0.0.1:3000");
    }

    #[test]
    fn socket_addresses_parse() {
        let addrs = listen_addrs(Some(OsStr::new("0.0.0.0:8080"))).unwrap();
        assert_eq!(addrs, ["0.0.0.0:8080".parse().unwrap()]);
        let addrs = listen_addrs(Some(OsStr::new("[::1]:9000"))).unwrap();
        assert_eq!(addrs, ["[::1]:9000".parse().unwrap()]);
    }

    #[test]
    fn bad_addr_is_invalid_input_naming_the_variable() {
        for value in ["3000", "127.0.0.1", "127.0.0.1:http", "", "::1:99999"] {
            let err = listen_addrs(Some(OsStr::new(value))).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidInput, "{value:?}");
            let message = err.to_string();
            assert!(
                message.starts_with(&format!("RESUMA_ADDR={value:?} is not an address")),
                "{message}"
            );
        }
    }
}
