//! [`RawHtml`] and [`raw_html`]: the one explicit way to put unescaped markup in a page.
//!
//! Invariant: nothing else in the crate turns a runtime string into markup, so
//! `grep raw_html` finds every place where escaping is switched off.

use super::html::Html;
use super::traits::Render;

/// Markup that is rendered **without escaping**: the one explicit opt-out of escaping.
///
/// Only wrap HTML you produced or sanitised yourself: anything in it, `<script>` included,
/// reaches the browser as is. Build it with [`raw_html`], which is easy to grep for.
///
/// ```
/// use resuma::{raw_html, Render, Html};
///
/// let mut html = Html::new();
/// raw_html("<em>trusted</em>").render(&mut html);
/// assert_eq!(html.as_str(), "<em>trusted</em>");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawHtml(String);

impl RawHtml {
    /// The markup, as given.
    ///
    /// ```
    /// assert_eq!(resuma::raw_html("<hr>").as_str(), "<hr>");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Marks `markup` as trusted HTML to render **unescaped**: the one explicit opt-in.
///
/// Never pass user input here: it would be an XSS hole. Text and attribute values are
/// escaped by the renderer without this.
///
/// ```
/// use resuma::{raw_html, Render, View};
///
/// let view = View::new(|html| raw_html("<b>bold</b>").render(html));
/// assert_eq!(view.to_html(), "<b>bold</b>");
/// ```
pub fn raw_html(markup: impl Into<String>) -> RawHtml {
    RawHtml(markup.into())
}

impl Render for RawHtml {
    fn render(self, html: &mut Html) {
        html.push_raw(&self.0);
    }
}

impl Render for &RawHtml {
    fn render(self, html: &mut Html) {
        html.push_raw(&self.0);
    }
}
