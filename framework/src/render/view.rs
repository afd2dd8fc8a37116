//! [`View`] (a deferred render), [`Children`] and the [`Component`] trait.
//!
//! Invariant: a `View` renders exactly once, into its parent's buffer; components are
//! direct calls into that same buffer, so no component allocates a `String` of its own.

use std::fmt;

use super::html::Html;
use super::traits::Render;

/// A piece of UI not rendered yet: a closure that writes into an [`Html`] buffer.
///
/// `view!` builds one; pass it around as a child, return it from a component, render it
/// once. It is not `Send`: build it on the thread that renders it.
///
/// ```
/// use resuma::View;
///
/// let name = "<Ada>";
/// let view = View::new(move |html| {
///     html.push_static("<p>Hello, ");
///     html.push_text(name);
///     html.push_static("</p>");
/// });
/// assert_eq!(view.to_html(), "<p>Hello, &lt;Ada&gt;</p>");
/// ```
pub struct View(Box<dyn FnOnce(&mut Html)>);

/// The children passed to a component: a [`View`] the component renders where it wants.
///
/// ```
/// use resuma::{Children, View};
///
/// fn card(children: Children) -> View {
///     View::new(move |html| {
///         html.push_static("<div class=\"card\">");
///         children.render(html);
///         html.push_static("</div>");
///     })
/// }
/// let inner = View::new(|html| html.push_text("hi"));
/// assert_eq!(card(inner).to_html(), "<div class=\"card\">hi</div>");
/// ```
pub type Children = View;

/// A component: the props struct that `#[component]` generates, rendered by a direct call.
///
/// A child component in `view!` becomes `Component::render(props, html)`, writing into
/// the parent's buffer with no allocation of its own.
///
/// ```
/// use resuma::{Component, Html};
///
/// struct Greeting {
///     name: String,
/// }
///
/// impl Component for Greeting {
///     const NAME: &'static str = "Greeting";
///     fn render(self, html: &mut Html) {
///         html.push_static("<p>Hi ");
///         html.push_text(&self.name);
///         html.push_static("</p>");
///     }
/// }
///
/// let mut html = Html::new();
/// Greeting { name: "Bo".into() }.render(&mut html);
/// assert_eq!(html.as_str(), "<p>Hi Bo</p>");
/// ```
pub trait Component: Sized {
    /// The component's name as written in the source (`Counter`), used to name its
    /// handler chunk and in diagnostics.
    const NAME: &'static str;

    /// Static markup that every render starts with (already escaped). `#[component]` sets
    /// it to its view's leading tags, so that a parent can join it with its own markup at
    /// compile time (`render_child` in the macros' support code); `""` by default.
    #[doc(hidden)]
    const HEAD: &'static str = "";

    /// Static markup that every render ends with; see [`HEAD`](Component::HEAD).
    #[doc(hidden)]
    const TAIL: &'static str = "";

    /// Writes the component's markup into `html`.
    fn render(self, html: &mut Html);

    /// Writes the markup between [`HEAD`](Component::HEAD) and
    /// [`TAIL`](Component::TAIL): [`render`](Component::render) is `HEAD`, then this,
    /// then `TAIL`. The default (with both empty) is `render`.
    #[doc(hidden)]
    fn render_body(self, html: &mut Html) {
        self.render(html);
    }
}

impl View {
    /// A view that runs `render` when it is rendered.
    ///
    /// ```
    /// let view = resuma::View::new(|html| html.push_static("<hr>"));
    /// assert_eq!(view.to_html(), "<hr>");
    /// ```
    pub fn new(render: impl FnOnce(&mut Html) + 'static) -> View {
        View(Box::new(render))
    }

    /// A view that renders nothing (and does not allocate).
    ///
    /// ```
    /// assert_eq!(resuma::View::empty().to_html(), "");
    /// ```
    pub fn empty() -> View {
        View::new(|_| {})
    }

    /// Writes the view into `html`.
    ///
    /// ```
    /// let mut html = resuma::Html::new();
    /// resuma::View::new(|html| html.push_text("&")).render(&mut html);
    /// assert_eq!(html.as_str(), "&amp;");
    /// ```
    pub fn render(self, html: &mut Html) {
        (self.0)(html);
    }

    /// Renders the view into a new `String`.
    ///
    /// ```
    /// assert_eq!(resuma::View::new(|h| h.push_static("<b>")).to_html(), "<b>");
    /// ```
    pub fn to_html(self) -> String {
        let mut html = Html::new();
        // A scope of its own: signals created while rendering belong to this render.
        crate::resume::context::render_scope(|| self.render(&mut html));
        html.into_string()
    }
}

impl Default for View {
    fn default() -> Self {
        View::empty()
    }
}

impl fmt::Debug for View {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("View(..)")
    }
}

/// A nested view (`{children}`), followed by a streaming [`boundary`](Html::boundary).
impl Render for View {
    fn render(self, html: &mut Html) {
        View::render(self, html);
        html.boundary();
    }
}

#[cfg(test)]
mod tests {
    use super::{Component, Html, Render, View};

    struct Item(u32);

    impl Component for Item {
        const NAME: &'static str = "Item";
        fn render(self, html: &mut Html) {
            html.push_static("<li>");
            html.push_int(self.0);
            html.push_static("</li>");
        }
    }

    #[test]
    fn views_nest_into_one_buffer() {
        let inner = View::new(|html| html.push_text("<in>"));
        let outer = View::new(move |html| {
            html.push_static("<div>");
            Render::render(inner, html);
            Render::render(View::empty(), html);
            html.push_static("</div>");
        });
        assert_eq!(outer.to_html(), "<div>&lt;in&gt;</div>");
    }

    #[test]
    fn components_render_by_direct_call() {
        let list = View::new(|html| {
            html.push_static("<ul>");
            for idx in 1..=2 {
                Component::render(Item(idx), html);
            }
            html.push_static("</ul>");
        });
        assert_eq!(list.to_html(), "<ul><li>1</li><li>2</li></ul>");
        assert_eq!(<Item as Component>::NAME, "Item");
    }

    #[test]
    fn default_and_debug() {
        assert_eq!(View::default().to_html(), "");
        assert_eq!(format!("{:?}", View::empty()), "View(..)");
    }
}
