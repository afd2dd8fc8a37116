//! What a page's render knows about its forms: the visitor's CSRF token, which a
//! `<Form>` writes as a hidden field and a page with scripts in its head (made on first
//! use, so a page that needs none costs no HMAC, and [`token_taken`] tells whether it
//! needs its session), and the replay of a submit that failed (or answered with data),
//! whose typed values and errors the form it came from shows again.
//!
//! Like the resume context, the scope is thread-local: a page renders on one thread,
//! synchronously, inside [`form_scope`]. Outside a scope (a `View` rendered by hand) a
//! form has no token and no replay.
//!
//! Invariant: the scope holds plain data (no Flow types), so rendering depends on
//! nothing above it; Flow's submit route fills the replay, the `<Form>` component reads
//! it, and [`keep`] applies it to the form's markup.

pub(crate) mod keep;

use std::any::{Any, TypeId};
use std::cell::{Cell, RefCell};

/// A submit's result, shown again by the form it came from.
#[derive(Debug, Default)]
pub(crate) struct Replay {
    /// The submit's name (`create_note`), as the form's `?_submit=` has it.
    pub(crate) submit: String,
    /// The submit fn's type (a fn item), for the typed accessor `use_form`.
    pub(crate) id: Option<TypeId>,
    /// Every text field the visitor sent, in order (`_csrf` and `_submit` taken out).
    pub(crate) values: Vec<(String, String)>,
    /// The errors of fields, in order: `(field, message)`.
    pub(crate) errors: Vec<(String, String)>,
    /// The form-level message.
    pub(crate) message: Option<String>,
    /// What the submit answered with on success (`Submitted::data`).
    pub(crate) data: Option<Box<dyn Any + Send>>,
}

/// Where a scope's CSRF token comes from.
pub(crate) enum Token {
    /// None: a form has no token (a page exported for every visitor).
    None,
    /// This one.
    Given(String),
    /// Made on first use, by a form or the page's head (an HMAC a page that needs no
    /// token never pays).
    Lazy(MakeToken),
}

/// What makes a token on first use (`None`: it could not, and said why in the log).
pub(crate) type MakeToken = Box<dyn FnOnce() -> Option<String>>;

struct Scope {
    /// The token, or what makes it: a `Lazy` one is `Given` (or `None`) after first use.
    token: RefCell<Token>,
    /// Whether the token was read: the page then needs its visitor's session.
    token_taken: Cell<bool>,
    query: Option<String>,
    replay: Option<Replay>,
}

thread_local! {
    static SCOPE: RefCell<Option<Scope>> = const { RefCell::new(None) };
}

/// Runs `render` with `token`, the request's `query` and `replay` in scope; the outer
/// scope is put back afterwards, even if `render` panics.
pub(crate) fn form_scope<R>(
    token: Token,
    query: Option<String>,
    replay: Option<Replay>,
    render: impl FnOnce() -> R,
) -> R {
    struct Restore(Option<Scope>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let outer = self.0.take();
            SCOPE.with(|it| *it.borrow_mut() = outer);
        }
    }
    let scope = Scope { token: RefCell::new(token), token_taken: Cell::new(false), query, replay };
    let outer = SCOPE.with(|it| it.borrow_mut().replace(scope));
    let _restore = Restore(outer);
    render()
}

/// The visitor's CSRF token, when the page renders with one (and [`token_taken`] says so
/// from now on).
pub(crate) fn csrf_token() -> Option<String> {
    SCOPE.with(|it| {
        let scope = it.borrow();
        let scope = scope.as_ref()?;
        let mut token = scope.token.borrow_mut();
        *token = match std::mem::replace(&mut *token, Token::None) {
            Token::Lazy(make) => make().map_or(Token::None, Token::Given),
            made => made,
        };
        let Token::Given(token) = &*token else {
            return None;
        };
        scope.token_taken.set(true);
        Some(token.clone())
    })
}

/// Whether the current scope's token was read (by a form, or the page's head).
pub(crate) fn token_taken() -> bool {
    SCOPE.with(|it| it.borrow().as_ref().is_some_and(|scope| scope.token_taken.get()))
}

/// The request's query string, if it has one.
pub(crate) fn query() -> Option<String> {
    SCOPE.with(|it| it.borrow().as_ref().and_then(|scope| scope.query.clone()))
}

/// Runs `f` on the replay, if the page renders one.
pub(crate) fn with_replay<R>(f: impl FnOnce(&Replay) -> R) -> Option<R> {
    SCOPE.with(|it| it.borrow().as_ref().and_then(|scope| scope.replay.as_ref()).map(f))
}
