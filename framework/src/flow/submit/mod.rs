//! Flow's forms: `#[submit]` fns ([`SubmitFn`], one [`Submission`] per fn in the page
//! table), what they answer ([`Submitted`], [`FormError`], [`FieldErrors`]), the
//! [`Form`] component and [`use_form`], and the `POST` route that runs them (`post.rs`).
//! The guide is [`crate::guide::forms`].

mod form;
mod func;
mod outcome;
mod post;

pub use form::{use_form, Form, FormProps, FormState, SubmitRef};
pub use func::{Submission, SubmitCx, SubmitFn};
pub use outcome::{FieldErrors, FormError, Submitted};
pub(super) use post::{post, Posted};
