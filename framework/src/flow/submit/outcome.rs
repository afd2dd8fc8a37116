//! What a `#[submit]` fn answers: [`Submitted`] (a redirect, or data for the page) or a
//! [`FormError`] (field errors and a form-level message, shown in the form with status
//! 422; or a stop as a load has: a redirect, a 404, an error page).

use std::fmt;

use axum::http::header::{HeaderName, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue};

use super::super::load::LoadError;

/// A submit that succeeded: a `303 See Other` to another URL (post/redirect/get, so a
/// reload does not send the form again), or data the page shows (re-rendered, `200`,
/// read with [`use_form`](super::use_form)).
///
/// ```
/// use resuma::flow::Submitted;
///
/// let done: Submitted = Submitted::redirect("/notes");
/// let shown = Submitted::data(42_u32);
/// let login: Submitted = Submitted::redirect("/").set_cookie("sid=…; HttpOnly; SameSite=Lax; Path=/");
/// ```
#[must_use]
pub struct Submitted<T = ()> {
    pub(crate) kind: Success<T>,
    pub(crate) headers: HeaderMap,
}

pub(crate) enum Success<T> {
    Redirect(String),
    Data(T),
}

impl<T> Submitted<T> {
    /// A `303 See Other` to `location` (a path such as `/notes`, or a URL).
    pub fn redirect(location: impl Into<String>) -> Submitted<T> {
        Submitted { kind: Success::Redirect(location.into()), headers: HeaderMap::new() }
    }

    /// The page again, with `value` for [`use_form`](super::use_form) (status 200).
    pub fn data(value: T) -> Submitted<T> {
        Submitted { kind: Success::Data(value), headers: HeaderMap::new() }
    }

    /// Adds a header to the response (appended: `Set-Cookie` twice sets two cookies).
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Submitted<T> {
        self.headers.append(name, value);
        self
    }

    /// Adds a `Set-Cookie: cookie` header. A value that cannot be a header (a newline
    /// in it) is left out and logged as an error.
    pub fn set_cookie(self, cookie: impl AsRef<str>) -> Submitted<T> {
        match HeaderValue::from_str(cookie.as_ref()) {
            Ok(value) => self.header(SET_COOKIE, value),
            Err(_) => {
                tracing::error!("a submit's cookie is no header value: left out");
                self
            }
        }
    }
}

impl<T> fmt::Debug for Submitted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Success::Redirect(location) => f.debug_tuple("Redirect").field(location).finish(),
            Success::Data(_) => f.write_str("Data(..)"),
        }
    }
}

/// The errors of a submitted form: per field (by its `name`), and one form-level
/// message. The form shows each next to its field.
///
/// ```
/// use resuma::flow::FieldErrors;
///
/// let errors = FieldErrors::new().field("title", "Give the note a title.").message("Not saved.");
/// assert_eq!(errors.get("title"), Some("Give the note a title."));
/// assert_eq!(errors.form_message(), Some("Not saved."));
/// ```
#[derive(Clone, Default, PartialEq, Eq, Debug)]
pub struct FieldErrors {
    pub(crate) fields: Vec<(String, String)>,
    pub(crate) message: Option<String>,
}

impl FieldErrors {
    /// No errors.
    pub fn new() -> FieldErrors {
        FieldErrors::default()
    }

    /// Adds the error `message` of the field `name` (a second error of one field is
    /// kept after the first; the form shows the first).
    pub fn field(mut self, name: impl Into<String>, message: impl Into<String>) -> FieldErrors {
        self.fields.push((name.into(), message.into()));
        self
    }

    /// Sets the form-level message.
    pub fn message(mut self, message: impl Into<String>) -> FieldErrors {
        self.message = Some(message.into());
        self
    }

    /// The first error of the field `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(field, _)| field == name).map(|(_, message)| message.as_str())
    }

    /// The form-level message.
    pub fn form_message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Every field error, `(field, message)`, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields.iter().map(|(field, message)| (field.as_str(), message.as_str()))
    }

    /// Whether there is no error at all.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.message.is_none()
    }
}

/// Why a submit did not succeed: the form was invalid (field errors, status 422, the
/// page again with what was typed), or it stopped as a load does (a redirect, a 404,
/// an error page). Any `std::error::Error` converts with `?` into a logged 500.
///
/// ```
/// use resuma::flow::{FieldErrors, FormError, LoadError};
///
/// let taken = FormError::field("email", "This address has an account already.");
/// let several: FormError = FieldErrors::new().field("a", "x").field("b", "y").into();
/// let stop: FormError = LoadError::see_other("/login").into();
/// ```
pub struct FormError {
    pub(crate) kind: Failure,
}

pub(crate) enum Failure {
    Invalid(FieldErrors),
    Stop(LoadError),
}

impl FormError {
    /// One field's error.
    pub fn field(name: impl Into<String>, message: impl Into<String>) -> FormError {
        FieldErrors::new().field(name, message).into()
    }

    /// A form-level message, no field error.
    pub fn message(message: impl Into<String>) -> FormError {
        FieldErrors::new().message(message).into()
    }

    /// The field errors, when the form was invalid.
    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match &self.kind {
            Failure::Invalid(errors) => Some(errors),
            Failure::Stop(_) => None,
        }
    }
}

impl From<FieldErrors> for FormError {
    fn from(errors: FieldErrors) -> FormError {
        FormError { kind: Failure::Invalid(errors) }
    }
}

impl From<LoadError> for FormError {
    fn from(error: LoadError) -> FormError {
        FormError { kind: Failure::Stop(error) }
    }
}

impl<E: std::error::Error + Send + Sync + 'static> From<E> for FormError {
    fn from(err: E) -> FormError {
        FormError { kind: Failure::Stop(LoadError::from(err)) }
    }
}

impl fmt::Debug for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Failure::Invalid(errors) => f.debug_tuple("Invalid").field(errors).finish(),
            Failure::Stop(error) => f.debug_tuple("Stop").field(error).finish(),
        }
    }
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Failure::Invalid(errors) => {
                let count = errors.fields.len();
                write!(
                    f,
                    "the form is invalid ({count} field error{})",
                    if count == 1 { "" } else { "s" }
                )
            }
            Failure::Stop(error) => fmt::Display::fmt(error, f),
        }
    }
}

#[cfg(feature = "garde")]
impl From<garde::Report> for FieldErrors {
    /// Each error of the report under its field's path (`title`, `tags[0]`); an error
    /// of the whole struct (an empty path) is the form-level message.
    fn from(report: garde::Report) -> FieldErrors {
        let mut errors = FieldErrors::new();
        for (path, error) in report.iter() {
            let path = path.to_string();
            if path.is_empty() {
                errors.message = Some(error.message().to_owned());
            } else {
                errors.fields.push((path, error.message().to_owned()));
            }
        }
        errors
    }
}
