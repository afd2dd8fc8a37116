//! [`SubmitFn`], what a `#[submit]` fn is to the page table, and [`Submission`], one
//! submit of a route with its form decoding, type-erased for the table.
//!
//! Invariant: nothing from the request reaches a submit but its `SubmitCx` and its typed
//! form: the fields are decoded (every field error collected) before it runs, and a body
//! that does not decode never calls it.

use std::any::{Any, TypeId};
use std::fmt;
use std::future::Future;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::super::form::{decode, Fields};
use super::super::load::LoadCx;
use super::super::middleware::BoxFuture;
use super::outcome::{FormError, Submitted, Success};

/// What a `#[submit]` fn gets besides its form: the request and the app, as a load has
/// them ([`LoadCx`]).
pub type SubmitCx = LoadCx;

/// A `#[submit]` fn: `async fn(cx: SubmitCx, form: T) -> Result<Submitted<O>, FormError>`
/// (any fn item of that shape implements it).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a `#[submit]` fn",
    label = "`<Form submit={{…}}>` takes a `#[submit]` fn of the page or a layout",
    note = "a submit is `#[submit] pub async fn name(cx: SubmitCx, form: Fields) -> Result<Submitted, FormError>`"
)]
pub trait SubmitFn<T, O>: Copy + Send + Sync + 'static {
    /// Runs the submit.
    fn submit(self, cx: SubmitCx, form: T) -> BoxFuture<Result<Submitted<O>, FormError>>;
}

impl<F, T, O, Fut> SubmitFn<T, O> for F
where
    F: Fn(SubmitCx, T) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<Submitted<O>, FormError>> + Send + 'static,
{
    fn submit(self, cx: SubmitCx, form: T) -> BoxFuture<Result<Submitted<O>, FormError>> {
        Box::pin(self(cx, form))
    }
}

/// What a submit answered, its data type-erased.
pub(crate) type Answered = Result<Submitted<Box<dyn Any + Send>>, FormError>;

type Run =
    dyn Fn(SubmitCx, &Fields) -> Result<BoxFuture<Answered>, Vec<(String, String)>> + Send + Sync;

/// One submit of a route: its name (the `?_submit=` of its forms) and how its form is
/// decoded and the fn called.
///
/// ```
/// use resuma::flow::{FormError, SubmitCx, Submission, Submitted};
///
/// #[derive(serde::Deserialize)]
/// struct NewNote {
///     title: String,
/// }
///
/// async fn create_note(_cx: SubmitCx, form: NewNote) -> Result<Submitted, FormError> {
///     Ok(Submitted::redirect(format!("/notes?created={}", form.title.len())))
/// }
///
/// let submission = Submission::new("create_note", create_note);
/// ```
#[derive(Clone)]
pub struct Submission {
    pub(crate) name: &'static str,
    /// Its rate limit's key (`submit:NAME`): apart from a server function's of that name.
    pub(crate) rate_key: &'static str,
    pub(crate) id: TypeId,
    pub(crate) run: Arc<Run>,
}

impl Submission {
    /// The submit `submit`, which forms name `name`.
    pub fn new<F, T, O>(name: &'static str, submit: F) -> Submission
    where
        F: SubmitFn<T, O>,
        T: DeserializeOwned + Send + 'static,
        O: Send + 'static,
    {
        let run = move |cx: SubmitCx, fields: &Fields| {
            let form: T = decode(fields)?;
            let future: BoxFuture<Answered> = Box::pin(async move {
                let submitted = submit.submit(cx, form).await?;
                let kind = match submitted.kind {
                    Success::Redirect(location) => Success::Redirect(location),
                    Success::Data(data) => Success::Data(Box::new(data) as Box<dyn Any + Send>),
                };
                Ok(Submitted { kind, headers: submitted.headers })
            });
            Ok(future)
        };
        // One small string per submit of the table, made once when the app starts.
        let rate_key: &'static str = Box::leak(format!("submit:{name}").into_boxed_str());
        Submission { name, rate_key, id: TypeId::of::<F>(), run: Arc::new(run) }
    }
}

impl fmt::Debug for Submission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Submission").field("name", &self.name).finish_non_exhaustive()
    }
}
