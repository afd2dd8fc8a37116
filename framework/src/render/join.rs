//! Static markup joined across a child component's edges at compile time: the parent's
//! markup before `<Badge/>` and Badge's first markup become one string literal, and so do
//! Badge's last markup and the parent's next, so each child costs the buffer no extra
//! copies (each copy is a capacity check and a length update).
//!
//! Invariant: [`render_child`] writes exactly the bytes of
//! `push_static(A); Component::render(props); push_static(Z)`. Only the number of copies
//! differs; a joined pair longer than [`JOIN_MAX_BYTES`] is written as its two halves.
//!
//! The parent's `view!` cannot see the child's markup (it is in the child's own
//! expansion), so the join happens where both are known: in an associated const of
//! [`Joined`], evaluated when the compiler instantiates it for the two texts. Stable Rust
//! has no `[u8; A.len() + B.len()]` in generic code, so the joined text lives in an array
//! of fixed size; 128 bytes holds nearly all tag runs around a child (`</a></td><td>` +
//! `<span class="badge">` is 33) and costs 128 bytes of read-only data per call site.

use std::marker::PhantomData;

use super::html::Html;
use super::view::Component;

/// A piece of static markup known at compile time, as a type: what the macros generate
/// for the markup around a child component, and [`Head`]/[`Tail`] for the child's own.
pub trait StaticText {
    /// The markup, already escaped.
    const TEXT: &'static str;
}

/// No markup: a child with nothing static before or after it in its parent.
impl StaticText for () {
    const TEXT: &'static str = "";
}

/// A component's leading static markup, [`Component::HEAD`].
pub(crate) struct Head<P>(PhantomData<P>);

impl<P: Component> StaticText for Head<P> {
    const TEXT: &'static str = P::HEAD;
}

/// A component's trailing static markup, [`Component::TAIL`].
pub(crate) struct Tail<P>(PhantomData<P>);

impl<P: Component> StaticText for Tail<P> {
    const TEXT: &'static str = P::TAIL;
}

/// The largest joined text; a longer pair is written as two copies, as without joining.
pub(crate) const JOIN_MAX_BYTES: usize = 128;

/// `A::TEXT` followed by `B::TEXT`, as one string, when it fits in [`JOIN_MAX_BYTES`].
pub(crate) struct Joined<A, B>(PhantomData<(A, B)>);

/// The bytes of a joined text and how many of them are used.
struct JoinedBytes {
    bytes: [u8; JOIN_MAX_BYTES],
    len: usize,
}

/// `first` then `second` (empty when they do not fit).
const fn join(first: &str, second: &str) -> JoinedBytes {
    let mut out = JoinedBytes { bytes: [0; JOIN_MAX_BYTES], len: 0 };
    let (first, second) = (first.as_bytes(), second.as_bytes());
    if first.len() + second.len() > JOIN_MAX_BYTES {
        return out;
    }
    let mut idx = 0;
    while idx < first.len() {
        out.bytes[idx] = first[idx];
        idx += 1;
    }
    let mut idx = 0;
    while idx < second.len() {
        out.bytes[first.len() + idx] = second[idx];
        idx += 1;
    }
    out.len = first.len() + second.len();
    out
}

impl<A: StaticText, B: StaticText> Joined<A, B> {
    /// Whether the two texts fit in one.
    pub(crate) const FITS: bool = A::TEXT.len() + B::TEXT.len() <= JOIN_MAX_BYTES;
    const JOINED: JoinedBytes = join(A::TEXT, B::TEXT);
    const BYTES: &'static [u8; JOIN_MAX_BYTES] = &Self::JOINED.bytes;
    /// The joined text; empty when it does not fit. Two strings one after the other are
    /// UTF-8, so the check cannot fail (it is evaluated at compile time).
    pub(crate) const TEXT: &'static str =
        match std::str::from_utf8(Self::BYTES.split_at(Self::JOINED.len).0) {
            Ok(text) => text,
            Err(_) => panic!("two strings joined are UTF-8"),
        };
}

/// Writes `A::TEXT` then `B::TEXT`: one copy when they fit in one joined text.
#[inline(always)]
fn push_joined<A: StaticText, B: StaticText>(html: &mut Html) {
    if Joined::<A, B>::FITS {
        html.push_static(Joined::<A, B>::TEXT);
    } else {
        html.push_static(A::TEXT);
        html.push_static(B::TEXT);
    }
}

/// A child component between the static markup `Before` and `After` of its parent: what
/// `view!` writes for `…markup…<Badge n={1}/>…markup…`.
///
/// ```
/// use resuma::__private::{render_child, StaticText};
/// use resuma::{Component, Html};
///
/// struct Item(u32);
/// impl Component for Item {
///     const NAME: &'static str = "Item";
///     const HEAD: &'static str = "<li>";
///     const TAIL: &'static str = "</li>";
///     fn render_body(self, html: &mut Html) {
///         resuma::Render::render(self.0, html);
///     }
///     fn render(self, html: &mut Html) {
///         html.push_static(Self::HEAD);
///         self.render_body(html);
///         html.push_static(Self::TAIL);
///     }
/// }
/// struct Open;
/// impl StaticText for Open {
///     const TEXT: &'static str = "<ul>";
/// }
/// struct Close;
/// impl StaticText for Close {
///     const TEXT: &'static str = "</ul>";
/// }
///
/// let mut html = Html::new();
/// render_child::<Open, Close, _>(Item(7), &mut html);
/// assert_eq!(html.as_str(), "<ul><li>7</li></ul>");
/// ```
#[inline(always)]
pub fn render_child<Before: StaticText, After: StaticText, P: Component>(
    props: P,
    html: &mut Html,
) {
    push_joined::<Before, Head<P>>(html);
    P::render_body(props, html);
    push_joined::<Tail<P>, After>(html);
}

#[cfg(test)]
mod tests {
    use super::{render_child, Joined, StaticText, JOIN_MAX_BYTES};
    use crate::{Component, Html, Render};

    struct Text<const N: usize>;
    macro_rules! texts {
        ($($n:literal => $text:expr),*) => {$(
            impl StaticText for Text<$n> {
                const TEXT: &'static str = $text;
            }
        )*};
    }
    texts!(0 => "", 1 => "<td>", 2 => "é→😀", 3 => "</td>");

    struct Long;
    impl StaticText for Long {
        const TEXT: &'static str = concat!(
            "0123456789012345678901234567890123456789012345678901234567890123",
            "0123456789012345678901234567890123456789012345678901234567890123"
        );
    }

    struct Badge(u32);
    impl Component for Badge {
        const NAME: &'static str = "Badge";
        const HEAD: &'static str = "<span class=\"badge\">";
        const TAIL: &'static str = "</span>";
        fn render_body(self, html: &mut Html) {
            self.0.render(html);
        }
        fn render(self, html: &mut Html) {
            html.push_static(Self::HEAD);
            self.render_body(html);
            html.push_static(Self::TAIL);
        }
    }

    /// A component written by hand, with neither `HEAD` nor `TAIL`.
    struct Plain;
    impl Component for Plain {
        const NAME: &'static str = "Plain";
        fn render(self, html: &mut Html) {
            html.push_static("<hr>");
        }
    }

    #[test]
    fn joined_texts_are_both_in_order() {
        assert_eq!(Joined::<Text<1>, Text<2>>::TEXT, "<td>é→😀");
        assert_eq!(Joined::<Text<0>, Text<3>>::TEXT, "</td>");
        assert_eq!(Joined::<Text<3>, Text<0>>::TEXT, "</td>");
        assert_eq!(Joined::<(), ()>::TEXT, "");
        const { assert!(Joined::<Text<1>, Text<3>>::FITS) };
    }

    #[test]
    fn texts_too_long_to_join_are_written_apart() {
        assert_eq!(Long::TEXT.len(), JOIN_MAX_BYTES);
        const { assert!(Joined::<Long, ()>::FITS) };
        assert_eq!(Joined::<Long, ()>::TEXT, Long::TEXT);
        const { assert!(!Joined::<Long, Text<1>>::FITS) };
        let mut html = Html::new();
        render_child::<Long, Text<3>, _>(Badge(1), &mut html);
        assert_eq!(html.as_str(), format!("{}<span class=\"badge\">1</span></td>", Long::TEXT));
    }

    #[test]
    fn a_child_renders_the_same_bytes_joined() {
        let mut joined = Html::new();
        render_child::<Text<1>, Text<3>, _>(Badge(42), &mut joined);
        render_child::<(), (), _>(Badge(7), &mut joined);
        render_child::<Text<1>, Text<3>, _>(Plain, &mut joined);
        let mut apart = Html::new();
        apart.push_static("<td>");
        Badge(42).render(&mut apart);
        apart.push_static("</td>");
        Badge(7).render(&mut apart);
        apart.push_static("<td>");
        Plain.render(&mut apart);
        apart.push_static("</td>");
        assert_eq!(joined.as_str(), apart.as_str());
        assert_eq!(
            joined.as_str(),
            "<td><span class=\"badge\">42</span></td><span class=\"badge\">7</span><td><hr></td>"
        );
    }
}
