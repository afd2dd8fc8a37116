//! [`Render`] (what a `{expr}` child becomes) and [`AttributeValue`] (what an
//! `attr={expr}` value becomes), with their impls for std types.
//!
//! Invariant: every impl here escapes (text as text, values as quoted attribute values)
//! or writes something that cannot need escaping (numbers, `bool` attributes); URL
//! attributes additionally refuse script-running schemes. Unescaped output exists only
//! for [`RawHtml`](crate::RawHtml), in `raw.rs`.

use std::borrow::Cow;
use std::sync::Arc;

use super::html::Html;
use super::url::{is_dangerous_url, UNSAFE_URL};

/// A value that can appear as a child in a view: `{expr}` becomes
/// `Render::render(expr, html)`.
///
/// Strings and `char`s are escaped as text; numbers are written in decimal; `Option`
/// renders nothing for `None`; a `Vec` renders its items in order. `bool` deliberately
/// does not implement it: write `{if flag { "yes" } else { "no" }}` instead.
///
/// ```
/// use resuma::{Html, Render};
///
/// let mut html = Html::new();
/// "a < b".render(&mut html);
/// 42u8.render(&mut html);
/// Some('!').render(&mut html);
/// None::<&str>.render(&mut html);
/// vec![1, 2].render(&mut html);
/// assert_eq!(html.as_str(), "a &lt; b42!12");
/// ```
pub trait Render {
    /// Writes `self` into `html`, escaped as element text content.
    fn render(self, html: &mut Html);
}

/// A value that can appear as an attribute: `name={expr}` becomes
/// `AttributeValue::render_attr(expr, "name", html)`, or
/// [`render_url_attr`](AttributeValue::render_url_attr) for attributes that hold a URL.
///
/// ```
/// use resuma::{AttributeValue, Html};
///
/// let mut html = Html::new();
/// html.push_static("<input");
/// "say \"hi\"".render_attr("value", &mut html);
/// true.render_attr("disabled", &mut html);
/// false.render_attr("hidden", &mut html);
/// None::<&str>.render_attr("title", &mut html);
/// "javascript:alert(1)".render_url_attr("formaction", &mut html);
/// html.push_static(">");
/// assert_eq!(
///     html.as_str(),
///     r#"<input value="say &quot;hi&quot;" disabled formaction="about:invalid#resuma-unsafe-url">"#
/// );
/// ```
pub trait AttributeValue: Sized {
    /// Writes ` name="value"` with the value escaped; a `bool` writes ` name` when true
    /// and nothing when false; `None` writes nothing.
    fn render_attr(self, name: &'static str, html: &mut Html);

    /// Like [`render_attr`](AttributeValue::render_attr), but a string whose scheme is
    /// `javascript:`, `vbscript:` or `data:` (judged after dropping ASCII whitespace and
    /// control characters, ignoring case) is replaced by
    /// `about:invalid#resuma-unsafe-url`.
    ///
    /// The `view!` macro calls it for `href`, `src`, `action`, `formaction`, `poster`,
    /// `cite`, `data`, `background`, `ping` and `xlink:href`.
    fn render_url_attr(self, name: &'static str, html: &mut Html) {
        self.render_attr(name, html);
    }
}

/// ` name="escaped value"`.
#[inline]
fn write_attr(html: &mut Html, name: &'static str, value: &str) {
    html.push_static(" ");
    html.push_static(name);
    html.push_static("=\"");
    html.push_attr_value(value);
    html.push_static("\"");
}

/// ` name="url"`, or the inert placeholder when `url` would run script.
#[inline]
fn write_url_attr(html: &mut Html, name: &'static str, url: &str) {
    let url = if is_dangerous_url(url) { UNSAFE_URL } else { url };
    write_attr(html, name, url);
}

/// Render and AttributeValue for string types, through `AsRef<str>`.
macro_rules! string_impls {
    ($($ty:ty),* $(,)?) => {$(
        impl Render for $ty {
            // Always: the clean case is a scan and one copy, smaller than a call.
            #[inline(always)]
            fn render(self, html: &mut Html) {
                html.push_text(AsRef::<str>::as_ref(&self));
            }
        }

        impl AttributeValue for $ty {
            #[inline]
            fn render_attr(self, name: &'static str, html: &mut Html) {
                write_attr(html, name, AsRef::<str>::as_ref(&self));
            }

            #[inline]
            fn render_url_attr(self, name: &'static str, html: &mut Html) {
                write_url_attr(html, name, AsRef::<str>::as_ref(&self));
            }
        }
    )*};
}

string_impls!(&str, String, &String, Box<str>, Cow<'_, str>, Arc<str>, &Arc<str>);

/// Render and AttributeValue for a `Copy` type and references to it, given how to write
/// its text (`$push`) into the buffer. Values of these types never need escaping inside
/// a quoted attribute except `char`, whose attribute path escapes.
macro_rules! copy_impls {
    ($push:ident: $($ty:ty),* $(,)?) => {$(
        impl Render for $ty {
            #[inline]
            fn render(self, html: &mut Html) {
                html.$push(self);
            }
        }

        impl Render for &$ty {
            #[inline]
            fn render(self, html: &mut Html) {
                html.$push(*self);
            }
        }

        impl AttributeValue for $ty {
            #[inline]
            fn render_attr(self, name: &'static str, html: &mut Html) {
                html.push_static(" ");
                html.push_static(name);
                html.push_static("=\"");
                html.$push(self);
                html.push_static("\"");
            }
        }

        impl AttributeValue for &$ty {
            #[inline]
            fn render_attr(self, name: &'static str, html: &mut Html) {
                (*self).render_attr(name, html);
            }
        }
    )*};
}

copy_impls!(push_int: i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize);
copy_impls!(push_float: f32, f64);

impl Render for char {
    #[inline]
    fn render(self, html: &mut Html) {
        html.push_char(self);
    }
}

impl Render for &char {
    #[inline]
    fn render(self, html: &mut Html) {
        html.push_char(*self);
    }
}

impl AttributeValue for char {
    #[inline]
    fn render_attr(self, name: &'static str, html: &mut Html) {
        write_attr(html, name, self.encode_utf8(&mut [0; 4]));
    }
}

impl AttributeValue for &char {
    #[inline]
    fn render_attr(self, name: &'static str, html: &mut Html) {
        (*self).render_attr(name, html);
    }
}

/// A boolean attribute: present when true, absent when false (`disabled`, `checked`, …).
impl AttributeValue for bool {
    #[inline]
    fn render_attr(self, name: &'static str, html: &mut Html) {
        if self {
            html.push_static(" ");
            html.push_static(name);
        }
    }
}

impl AttributeValue for &bool {
    #[inline]
    fn render_attr(self, name: &'static str, html: &mut Html) {
        (*self).render_attr(name, html);
    }
}

/// `None` renders nothing.
impl<T: Render> Render for Option<T> {
    #[inline]
    fn render(self, html: &mut Html) {
        if let Some(value) = self {
            value.render(html);
        }
    }
}

/// `None` leaves the attribute out.
impl<T: AttributeValue> AttributeValue for Option<T> {
    #[inline]
    fn render_attr(self, name: &'static str, html: &mut Html) {
        if let Some(value) = self {
            value.render_attr(name, html);
        }
    }

    #[inline]
    fn render_url_attr(self, name: &'static str, html: &mut Html) {
        if let Some(value) = self {
            value.render_url_attr(name, html);
        }
    }
}

/// Items in order, with a streaming [`boundary`](Html::boundary) after each, so a long
/// list can be sent while it is still rendering.
impl<T: Render> Render for Vec<T> {
    fn render(self, html: &mut Html) {
        for item in self {
            item.render(html);
            html.boundary();
        }
    }
}

/// Nothing.
impl Render for () {
    #[inline]
    fn render(self, _html: &mut Html) {}
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::sync::Arc;

    use super::{AttributeValue, Html, Render};

    fn text<T: Render>(value: T) -> String {
        let mut html = Html::new();
        value.render(&mut html);
        html.into_string()
    }

    fn attr<T: AttributeValue>(value: T) -> String {
        let mut html = Html::new();
        value.render_attr("a", &mut html);
        html.into_string()
    }

    fn url(value: impl AttributeValue) -> String {
        let mut html = Html::new();
        value.render_url_attr("href", &mut html);
        html.into_string()
    }

    #[test]
    fn strings_render_escaped_in_every_form() {
        let owned = String::from("<&>");
        assert_eq!(text("<&>"), "&lt;&amp;&gt;");
        assert_eq!(text(&owned), "&lt;&amp;&gt;");
        assert_eq!(text(owned.clone()), "&lt;&amp;&gt;");
        assert_eq!(text(Box::<str>::from("<")), "&lt;");
        assert_eq!(text(Cow::Borrowed("<")), "&lt;");
        assert_eq!(text(Arc::<str>::from("<")), "&lt;");
        assert_eq!(text::<&Arc<str>>(&Arc::from("<")), "&lt;");
        assert_eq!(text('<'), "&lt;");
        assert_eq!(text::<&char>(&'é'), "é");
    }

    #[test]
    fn numbers_render_in_decimal() {
        assert_eq!(text(0u8), "0");
        assert_eq!(text(i8::MIN), "-128");
        assert_eq!(text::<&u64>(&u64::MAX), "18446744073709551615");
        assert_eq!(text(i128::MIN), "-170141183460469231731687303715884105728");
        assert_eq!(text(usize::MAX).len(), usize::MAX.to_string().len());
        assert_eq!(text(1.5f32), "1.5");
        assert_eq!(text::<&f64>(&-0.25), "-0.25");
        assert_eq!(text(f64::INFINITY), "inf");
    }

    #[test]
    fn containers_and_unit() {
        assert_eq!(text(Some("<")), "&lt;");
        assert_eq!(text(None::<String>), "");
        assert_eq!(text(vec!["a", "<", "b"]), "a&lt;b");
        assert_eq!(text(Vec::<u8>::new()), "");
        assert_eq!(text(()), "");
        assert_eq!(text(vec![Some(1), None, Some(3)]), "13");
    }

    #[test]
    fn attributes_are_quoted_and_escaped() {
        assert_eq!(attr("x\"y'z<>&"), r#" a="x&quot;y&#39;z&lt;&gt;&amp;""#);
        assert_eq!(attr(String::from("v")), r#" a="v""#);
        assert_eq!(attr(Cow::Borrowed("v")), r#" a="v""#);
        assert_eq!(attr(Arc::<str>::from("v")), r#" a="v""#);
        assert_eq!(attr('"'), r#" a="&quot;""#);
        assert_eq!(attr(-7i32), r#" a="-7""#);
        assert_eq!(attr::<&usize>(&3), r#" a="3""#);
        assert_eq!(attr(2.5f64), r#" a="2.5""#);
    }

    #[test]
    fn boolean_and_optional_attributes() {
        assert_eq!(attr(true), " a");
        assert_eq!(attr::<&bool>(&true), " a");
        assert_eq!(attr(false), "");
        assert_eq!(attr(Some("v")), r#" a="v""#);
        assert_eq!(attr(None::<&str>), "");
        assert_eq!(attr(Some(true)), " a");
    }

    #[test]
    fn url_attributes_refuse_script_schemes() {
        let unsafe_href = r#" href="about:invalid#resuma-unsafe-url""#;
        assert_eq!(url("javascript:alert(1)"), unsafe_href);
        assert_eq!(url(String::from(" JaVa\tscript:x")), unsafe_href);
        assert_eq!(url(Some("data:text/html,x")), unsafe_href);
        assert_eq!(url(Cow::Borrowed("vbscript:x")), unsafe_href);
        assert_eq!(url(None::<&str>), "");
        assert_eq!(url("/a?b=1&c=2"), r#" href="/a?b=1&amp;c=2""#);
        assert_eq!(url(5u8), r#" href="5""#);
        assert_eq!(url(true), " href");
    }
}
