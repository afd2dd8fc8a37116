//! [`Document`], the page shell: doctype, `<head>` (charset, viewport, title, metas) and
//! `<body>` around a page's view.
//!
//! Invariant: the shell contains no `<script>`, so a page whose view has no handlers
//! ships zero bytes of JavaScript (the CSRF token is a `<meta>`); the title, metas and
//! `lang` are escaped; the scripts of a resumable page carry the response's CSP nonce.

use super::head::{collect as collect_head, Head};
use super::html::Html;
use super::nonce::{LazyNonce, Nonce};
use super::view::View;
use crate::resume::context::RenderContext;

/// The HTML around every page: `<!DOCTYPE html>`, `<html lang>`, a `<head>` with charset,
/// viewport, `<title>` and `<meta name content>` tags, and the `<body>`.
///
/// ```
/// use resuma::render::Document;
/// use resuma::{Html, View};
///
/// let shell = Document::new().title("Tom & Jerry").meta("description", "A \"cat\"");
/// let mut html = Html::new();
/// shell.render(View::new(|h| h.push_static("<h1>Hi</h1>")), &mut html);
/// assert_eq!(
///     html.as_str(),
///     "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
///      <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
///      <title>Tom &amp; Jerry</title><meta name=\"description\" content=\"A &quot;cat&quot;\">\
///      </head><body><h1>Hi</h1></body></html>"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    lang: String,
    title: String,
    metas: Vec<Meta>,
    canonical: Option<String>,
    prefetch: bool,
    stylesheets: Vec<String>,
}

/// One `<meta name=… content=…>` tag.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Meta {
    name: String,
    content: String,
}

/// Room for a page's `<head>`, written after its body: a few hundred bytes.
const SHELL_BYTES: usize = 512;

/// What one response's shell writes besides the page: the CSP nonce its scripts carry
/// and the CSRF token server function calls send back. [`ResumaApp`](crate::ResumaApp)
/// fills both for every page.
///
/// A page with no script has no use for the token: it goes without.
///
/// ```
/// use resuma::render::{Document, ResponseContext};
///
/// let cx = ResponseContext::new().nonce("abc").csrf_token("tok");
/// let button = || resuma::View::new(|html| {
///     resuma::__private::use_event("click");
///     html.push_static("<button>Hi</button>");
/// });
/// let mut html = resuma::Html::new();
/// Document::new().render_with(button(), &cx, &mut html);
/// assert!(html.as_str().contains(r#"<meta name="resuma-csrf" content="tok"></head>"#));
///
/// let mut html = resuma::Html::new();
/// Document::new().render_with(resuma::View::empty(), &cx, &mut html);
/// assert!(!html.as_str().contains("resuma-csrf"));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResponseContext<'a> {
    nonce: Option<Nonce<'a>>,
    csrf_token: Option<&'a str>,
    mount: &'a str,
}

impl<'a> ResponseContext<'a> {
    /// No nonce, no token: what [`Document::render`] uses.
    pub fn new() -> Self {
        Self::default()
    }

    /// The CSP nonce written as `nonce="…"` on the page's scripts.
    pub fn nonce(mut self, nonce: &'a str) -> Self {
        self.nonce = Some(Nonce::Given(nonce));
        self
    }

    /// The nonce made when the page's first script needs it (a buffered page's).
    pub(crate) fn lazy_nonce(mut self, nonce: &'a LazyNonce) -> Self {
        self.nonce = Some(Nonce::Lazy(nonce));
        self
    }

    /// The path the app's router is nested under (`"/app"` for `Router::nest("/app", …)`),
    /// so that the page points at its runtime assets where they are served.
    pub fn mount(mut self, prefix: &'a str) -> Self {
        self.mount = prefix;
        self
    }

    /// The CSRF token, written as `<meta name="resuma-csrf" content="…">` in `<head>` of a
    /// page that has scripts (a handler, an island, anything carrying the nonce).
    pub fn csrf_token(mut self, token: &'a str) -> Self {
        self.csrf_token = Some(token);
        self
    }

    /// This context without its CSRF token.
    fn without_csrf_token(mut self) -> Self {
        self.csrf_token = None;
        self
    }
}

impl Document {
    /// A shell with `lang="en"`, an empty title and no extra metas.
    ///
    /// ```
    /// let doc = resuma::render::Document::new();
    /// assert_eq!(doc.title_str(), "");
    /// ```
    pub fn new() -> Self {
        Document {
            lang: "en".to_owned(),
            title: String::new(),
            metas: Vec::new(),
            canonical: None,
            prefetch: true,
            stylesheets: Vec::new(),
        }
    }

    /// Sets the `<title>` (escaped when rendered).
    ///
    /// ```
    /// let doc = resuma::render::Document::new().title("Home");
    /// assert_eq!(doc.title_str(), "Home");
    /// ```
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }

    /// Sets `<html lang>` (default `en`).
    ///
    /// ```
    /// let doc = resuma::render::Document::new().lang("fr");
    /// assert!(doc.to_html(resuma::View::empty()).contains("<html lang=\"fr\">"));
    /// ```
    pub fn lang(mut self, lang: impl Into<String>) -> Self {
        self.lang = lang.into();
        self
    }

    /// Whether the loader prefetches (default on): when the user shows intent (pointer
    /// over, focus on or touch of an element with a handler), the core and that element's
    /// handler chunks, as `<link rel="modulepreload">`. Nothing at load, not even the
    /// chunks of handlers in view, so the page costs only the inline loader until then
    /// (docs/resumability.md, "Prefetch"). Off, nothing is fetched before the first
    /// interaction.
    ///
    /// ```
    /// use resuma::render::Document;
    /// let page = |doc: Document| {
    ///     doc.to_html(resuma::View::new(|html| {
    ///         resuma::__private::use_event("click");
    ///         html.push_static("<button>Hi</button>");
    ///     }))
    /// };
    /// assert!(page(Document::new()).contains(r#",["click"],1)</script>"#));
    /// assert!(page(Document::new().prefetch(false)).contains(r#",["click"])</script>"#));
    /// ```
    pub fn prefetch(mut self, on: bool) -> Self {
        self.prefetch = on;
        self
    }

    /// Adds `<meta name=… content=…>`, replacing an earlier one with the same name.
    ///
    /// ```
    /// let doc = resuma::render::Document::new()
    ///     .meta("robots", "index")
    ///     .meta("robots", "noindex");
    /// let page = doc.to_html(resuma::View::empty());
    /// assert!(page.contains(r#"<meta name="robots" content="noindex">"#));
    /// assert!(!page.contains("content=\"index\""));
    /// ```
    pub fn meta(mut self, name: impl Into<String>, content: impl Into<String>) -> Self {
        let name = name.into();
        let content = content.into();
        match self.metas.iter_mut().find(|meta| meta.name == name) {
            Some(meta) => meta.content = content,
            None => self.metas.push(Meta { name, content }),
        }
        self
    }

    /// Sets `<link rel="canonical" href>` (escaped when rendered).
    ///
    /// ```
    /// let page = resuma::render::Document::new().canonical("/a?b&c").to_html(resuma::View::empty());
    /// assert!(page.contains(r#"<link rel="canonical" href="/a?b&amp;c">"#));
    /// ```
    pub fn canonical(mut self, href: impl Into<String>) -> Self {
        self.canonical = Some(href.into());
        self
    }

    /// Adds `<link rel="stylesheet" href>` to the head (once per `href`). An `href` from
    /// the app's root (`/…`) is written under the app's mount path when its router is
    /// nested. [`ResumaApp::stylesheet`](crate::ResumaApp::stylesheet) serves the CSS too.
    ///
    /// ```
    /// let page = resuma::render::Document::new().stylesheet("/site.css").to_html(resuma::View::empty());
    /// assert!(page.contains(r#"<link rel="stylesheet" href="/site.css"></head>"#));
    /// ```
    pub fn stylesheet(mut self, href: impl Into<String>) -> Self {
        let href = href.into();
        if !self.stylesheets.contains(&href) {
            self.stylesheets.push(href);
        }
        self
    }

    /// This shell with what a response's [`Head`] sets on top.
    pub(crate) fn with_head(&self, head: Head) -> Document {
        let mut document = self.clone();
        if let Some(title) = head.title {
            document.title = title;
        }
        for (name, content) in head.metas {
            document = document.meta(name, content);
        }
        if let Some(href) = head.canonical {
            document.canonical = Some(href);
        }
        if let Some(lang) = head.lang {
            document.lang = lang;
        }
        document
    }

    /// The title as set (unescaped).
    ///
    /// ```
    /// assert_eq!(resuma::render::Document::new().title("<x>").title_str(), "<x>");
    /// ```
    pub fn title_str(&self) -> &str {
        &self.title
    }

    /// Writes the whole page, with `body` inside `<body>`, into `html`.
    ///
    /// A streaming [`boundary`](Html::boundary) follows the `<head>`, so the browser can
    /// start on it while the body renders.
    ///
    /// ```
    /// let mut html = resuma::Html::new();
    /// resuma::render::Document::new().render(resuma::View::empty(), &mut html);
    /// assert!(html.as_str().ends_with("<body></body></html>"));
    /// ```
    pub fn render(&self, body: View, html: &mut Html) {
        self.render_with(body, &ResponseContext::new(), html);
    }

    /// Like [`render`](Document::render), with a response's nonce and CSRF token.
    ///
    /// ```
    /// use resuma::render::{Document, ResponseContext};
    ///
    /// let page = resuma::View::new(|html| {
    ///     resuma::__private::use_event("click");
    ///     html.push_static("<button>Hi</button>");
    /// });
    /// let mut html = resuma::Html::new();
    /// Document::new().render_with(page, &ResponseContext::new().nonce("n0nce"), &mut html);
    /// assert!(html.as_str().contains(r#"<script type="resuma/state" nonce="n0nce">"#));
    /// ```
    pub fn render_with(&self, body: View, cx: &ResponseContext<'_>, html: &mut Html) {
        self.render_page(body, cx, html);
    }

    /// [`render_with`](Document::render_with): a buffered page with no script goes without
    /// the CSRF token (nothing would read it); a streamed one always carries it (its head
    /// leaves before the body is known).
    pub(crate) fn render_page(&self, body: View, cx: &ResponseContext<'_>, html: &mut Html) {
        if html.is_streaming() {
            // The head leaves first, so the browser starts on it: what the body sets with
            // `use_head` comes too late, and is dropped.
            self.write_head(cx, html);
            // Deferred parts render after the page, in its scope: one state for them all.
            let ((), context) = crate::resume::context::render_scope(|| {
                super::defer::with_parts(html, cx.nonce, |html| body.render(html));
            });
            self.finish_page(&context, cx, html);
            return;
        }
        // Buffered: the body first, so the components it runs can set the head, and the
        // shell is known to need the token or not; the head goes in front of it. A page
        // with no script (no handler, no island, nothing that wrote the nonce) has no use
        // for the token.
        let (((), context), head) =
            collect_head(|| crate::resume::context::render_scope(|| body.render(html)));
        let scripted = context.has_handlers() || html.has_nonce();
        // A page's token comes from its form scope (made on first use) unless given.
        let from_scope =
            (scripted && cx.csrf_token.is_none()).then(crate::render::form::csrf_token).flatten();
        let cx = match from_scope.as_deref() {
            Some(token) => cx.csrf_token(token),
            None if scripted => *cx,
            None => cx.without_csrf_token(),
        };
        let mut shell = Html::with_capacity(SHELL_BYTES);
        if head.is_empty() {
            self.write_head(&cx, &mut shell);
        } else {
            self.with_head(head).write_head(&cx, &mut shell);
        }
        html.prepend(&shell);
        self.finish_page(&context, &cx, html)
    }

    /// A streamed page whose body is quick and whose parts are slow (a Flow page with
    /// deferred values): the body renders first, into a buffer of its own, so what it sets
    /// with `use_head` is in the head; then the head and the body leave together, and each
    /// deferred part follows when it is ready; the state and the loader come last, after
    /// the parts, so a part's signals resume like the body's.
    pub(crate) fn render_body_first(&self, body: View, cx: &ResponseContext<'_>, html: &mut Html) {
        let ((), context) = crate::resume::context::render_scope(|| {
            super::defer::with_parts(html, cx.nonce, |html| {
                let mut own = Html::with_capacity(SHELL_BYTES * 8);
                let ((), head) = collect_head(|| body.render(&mut own));
                match head.is_empty() {
                    true => self.write_head(cx, html),
                    false => self.with_head(head).write_head(cx, html),
                }
                html.append(&own);
            });
        });
        self.finish_page(&context, cx, html);
    }

    /// The doctype and `<head>`, up to the `<body>` tag and the streaming boundary after
    /// it.
    fn write_head(&self, cx: &ResponseContext<'_>, html: &mut Html) {
        html.push_static("<!DOCTYPE html><html lang=\"");
        html.push_attr_value(&self.lang);
        html.push_static(
            "\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>",
        );
        html.push_text(&self.title);
        html.push_static("</title>");
        for meta in &self.metas {
            html.push_static("<meta name=\"");
            html.push_attr_value(&meta.name);
            html.push_static("\" content=\"");
            html.push_attr_value(&meta.content);
            html.push_static("\">");
        }
        if let Some(href) = &self.canonical {
            html.push_static("<link rel=\"canonical\" href=\"");
            html.push_attr_value(href);
            html.push_static("\">");
        }
        for href in &self.stylesheets {
            html.push_static("<link rel=\"stylesheet\" href=\"");
            if href.starts_with('/') && !href.starts_with("//") {
                html.push_attr_value(cx.mount);
            }
            html.push_attr_value(href);
            html.push_static("\">");
        }
        if let Some(token) = cx.csrf_token {
            html.push_static("<meta name=\"resuma-csrf\" content=\"");
            html.push_attr_value(token);
            html.push_static("\">");
        }
        html.push_static("</head><body>");
        html.boundary();
    }

    /// The scripts after the body, and the closing tags.
    fn finish_page(&self, context: &RenderContext, cx: &ResponseContext<'_>, html: &mut Html) {
        crate::resume::state::write_resume_scripts(
            context,
            cx.nonce,
            cx.mount,
            self.prefetch,
            html,
        );
        // Only under `resuma dev` (RESUMA_DEV_SOCKET): live reload and the error overlay.
        crate::dev::write_dev_script(cx.nonce, html);
        html.push_static("</body></html>");
    }

    /// Renders the whole page around `body` into a new `String`.
    ///
    /// ```
    /// let page = resuma::render::Document::new().to_html(resuma::View::empty());
    /// assert!(page.starts_with("<!DOCTYPE html>"));
    /// ```
    pub fn to_html(&self, body: View) -> String {
        let mut html = Html::new();
        self.render(body, &mut html);
        html.into_string()
    }
}

impl Default for Document {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::{Document, View};

    #[test]
    fn shell_escapes_title_lang_and_metas() {
        let page = Document::new()
            .lang("en\"><script>")
            .title("</title><script>alert(1)</script>")
            .meta("x\"", "<y>")
            .to_html(View::new(|h| h.push_static("<main></main>")));
        assert_eq!(
            page,
            "<!DOCTYPE html><html lang=\"en&quot;&gt;&lt;script&gt;\"><head>\
             <meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>\
             <meta name=\"x&quot;\" content=\"&lt;y&gt;\"></head>\
             <body><main></main></body></html>"
        );
    }

    #[test]
    fn shell_ships_no_script() {
        let page = Document::new().title("t").meta("description", "d").to_html(View::empty());
        assert!(!page.contains("<script"), "{page}");
    }

    #[test]
    fn metas_keep_insertion_order_and_replace_by_name() {
        let page =
            Document::new().meta("a", "1").meta("b", "2").meta("a", "3").to_html(View::empty());
        let a = page.find(r#"<meta name="a" content="3">"#).unwrap();
        let b = page.find(r#"<meta name="b" content="2">"#).unwrap();
        assert!(a < b);
    }
}
