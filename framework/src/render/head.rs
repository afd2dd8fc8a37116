//! [`Head`] and [`use_head`]: what a page (or a layout around it) puts in `<head>` — its
//! title, metas and canonical link — and its `<html lang>`, set while the page is built.
//!
//! Invariant: a buffered response renders its body before its shell, collecting the
//! calls its components make; the last value of a field wins, and a page renders inside
//! the layouts that wrap it, so a page overrides its layouts' defaults and both the
//! app's. Calls outside a response change nothing; so do those of a streaming page,
//! whose `<head>` leaves before its body renders.

use std::cell::RefCell;

/// What one response writes in `<head>` beside the app's defaults.
///
/// ```
/// use resuma::render::{use_head, Head};
///
/// use_head(Head::new().title("Post · Blog").meta("description", "A post").canonical("/blog/a"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Head {
    pub(crate) title: Option<String>,
    pub(crate) metas: Vec<(String, String)>,
    pub(crate) canonical: Option<String>,
    pub(crate) lang: Option<String>,
}

impl Head {
    /// A head that changes nothing.
    pub fn new() -> Head {
        Head::default()
    }

    /// The page's `<title>` (escaped when written).
    pub fn title(mut self, title: impl Into<String>) -> Head {
        self.title = Some(title.into());
        self
    }

    /// A `<meta name content>`, replacing the app's of that name (and an earlier one of
    /// this head: the last wins, as everywhere in the head).
    pub fn meta(mut self, name: impl Into<String>, content: impl Into<String>) -> Head {
        self.apply(Head { metas: vec![(name.into(), content.into())], ..Head::default() });
        self
    }

    /// `<link rel="canonical" href>`: the URL search engines should index for the page.
    pub fn canonical(mut self, href: impl Into<String>) -> Head {
        self.canonical = Some(href.into());
        self
    }

    /// The page's `<html lang>` (escaped when written), over the app's
    /// ([`ResumaApp::lang`](crate::ResumaApp::lang)): a page in the language its
    /// visitor asked for says so. Like the rest of the head, a streaming page's is the app's.
    ///
    /// ```
    /// use resuma::render::{use_head, Head};
    ///
    /// use_head(Head::new().lang("de"));
    /// ```
    pub fn lang(mut self, lang: impl Into<String>) -> Head {
        self.lang = Some(lang.into());
        self
    }

    /// Whether it sets nothing.
    pub(crate) fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.metas.is_empty()
            && self.canonical.is_none()
            && self.lang.is_none()
    }

    /// Takes every field `later` sets: the last setter wins.
    fn apply(&mut self, later: Head) {
        if later.title.is_some() {
            self.title = later.title;
        }
        if later.canonical.is_some() {
            self.canonical = later.canonical;
        }
        if later.lang.is_some() {
            self.lang = later.lang;
        }
        for (name, content) in later.metas {
            match self.metas.iter_mut().find(|(known, _)| *known == name) {
                Some(meta) => meta.1 = content,
                None => self.metas.push((name, content)),
            }
        }
    }
}

thread_local! {
    /// The head of the response being built on this thread, if one is.
    static CURRENT: RefCell<Option<Head>> = const { RefCell::new(None) };
}

/// Sets what the current response writes in `<head>`, over what earlier calls set: a
/// page, which renders inside its layouts, overrides their defaults. Call it in a
/// component's body (a page's, a layout's, or any component they render).
///
/// ```
/// use resuma::prelude::*;
/// use resuma::render::{use_head, Head};
///
/// #[component]
/// fn About() -> View {
///     use_head(Head::new().title("About us"));
///     view! { <h1>"About"</h1> }
/// }
/// ```
pub fn use_head(head: Head) {
    CURRENT.with(|current| {
        if let Some(current) = current.borrow_mut().as_mut() {
            current.apply(head);
        }
    });
}

/// Runs `build` (which builds a response's view) and returns what it set with
/// [`use_head`]. Nested scopes each collect their own.
pub(crate) fn collect<R>(build: impl FnOnce() -> R) -> (R, Head) {
    let outer = CURRENT.with(|current| current.borrow_mut().replace(Head::new()));
    // Restored even if `build` panics, so a caught panic leaves no scope behind.
    struct Restore(Option<Option<Head>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let outer = self.0.take().flatten();
            CURRENT.with(|current| *current.borrow_mut() = outer);
        }
    }
    let restore = Restore(Some(outer));
    let value = build();
    let head = CURRENT.with(|current| current.borrow_mut().take()).unwrap_or_default();
    drop(restore);
    (value, head)
}

#[cfg(test)]
mod tests {
    use super::{collect, use_head, Head};

    #[test]
    fn the_last_setter_of_a_field_wins() {
        let ((), head) = collect(|| {
            use_head(Head::new().title("Blog").meta("description", "layout").meta("author", "me"));
            use_head(Head::new().title("Post").meta("description", "page"));
        });
        assert_eq!(head.title.as_deref(), Some("Post"));
        assert_eq!(
            head.metas,
            [("description".to_owned(), "page".to_owned()), ("author".to_owned(), "me".to_owned())]
        );
        assert_eq!(head.canonical, None);
    }

    #[test]
    fn a_meta_set_twice_in_one_head_keeps_the_last() {
        let head = Head::new().meta("robots", "index").meta("robots", "noindex");
        assert_eq!(head.metas, [("robots".to_owned(), "noindex".to_owned())]);
    }

    #[test]
    fn calls_outside_a_scope_change_nothing_and_scopes_nest() {
        use_head(Head::new().title("lost"));
        let (inner, outer) = collect(|| {
            use_head(Head::new().title("outer"));
            let ((), inner) = collect(|| use_head(Head::new().title("inner")));
            inner
        });
        assert_eq!(inner.title.as_deref(), Some("inner"));
        assert_eq!(outer.title.as_deref(), Some("outer"));
        let ((), empty) = collect(|| {});
        assert!(empty.is_empty());
    }

    #[test]
    fn a_panic_leaves_no_scope_behind() {
        let caught = std::panic::catch_unwind(|| collect(|| panic!("boom")));
        assert!(caught.is_err());
        use_head(Head::new().title("after"));
        let ((), head) = collect(|| {});
        assert!(head.is_empty());
    }
}
