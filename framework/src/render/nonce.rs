//! The CSP nonce a response's inline scripts carry: given (a streamed page's, made before
//! its head left, or one a caller of [`Document::render_with`](super::Document::render_with)
//! passes), or made the first time a script is written (a buffered page's, so that a page
//! with no script costs no random bytes).
//!
//! Invariant: a [`LazyNonce`] is made at most once; a page whose scripts asked for it
//! while the system had no random bytes knows it ([`LazyNonce::failure`]), and answers an
//! error page rather than scripts without a nonce.

use std::cell::OnceCell;

use crate::security::random::new_nonce;

/// The nonce of one render.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Nonce<'a> {
    /// Made beforehand.
    Given(&'a str),
    /// Made on first use.
    Lazy(&'a LazyNonce),
}

impl<'a> Nonce<'a> {
    /// The nonce to write, made now if it is lazy and not made yet; `None` when there
    /// were no random bytes for it.
    pub(crate) fn get(self) -> Option<&'a str> {
        match self {
            Nonce::Given(nonce) => Some(nonce),
            Nonce::Lazy(lazy) => lazy.0.get_or_init(new_nonce).as_deref().ok(),
        }
    }
}

/// A nonce made when a script first needs one.
#[derive(Debug, Default)]
pub(crate) struct LazyNonce(OnceCell<Result<String, getrandom::Error>>);

impl LazyNonce {
    /// The nonce, if a script asked for it and it could be made.
    pub(crate) fn made(&self) -> Option<&str> {
        self.0.get()?.as_deref().ok()
    }

    /// Why the nonce a script asked for could not be made.
    pub(crate) fn failure(&self) -> Option<&getrandom::Error> {
        self.0.get()?.as_ref().err()
    }
}

/// One lazy nonce is only ever equal to itself (it is one render's).
impl PartialEq for LazyNonce {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for LazyNonce {}

#[cfg(test)]
mod tests {
    use super::{LazyNonce, Nonce};

    #[test]
    fn a_lazy_nonce_is_made_on_first_use_and_then_kept() {
        let lazy = LazyNonce::default();
        assert_eq!(lazy.made(), None, "nothing asked for it");
        let first = Nonce::Lazy(&lazy).get().expect("random bytes").to_owned();
        assert_eq!(first.len(), 24, "{first}");
        assert_eq!(Nonce::Lazy(&lazy).get(), Some(first.as_str()), "made once");
        assert_eq!(lazy.made(), Some(first.as_str()));
        assert!(lazy.failure().is_none());
        assert_ne!(
            Nonce::Lazy(&LazyNonce::default()).get(),
            Some(first.as_str()),
            "fresh per render"
        );
        assert_eq!(Nonce::Given("n0nce").get(), Some("n0nce"));
    }
}
