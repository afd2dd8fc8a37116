//! `<Form submit={create_note}>…</Form>`: a real `<form method="post">` carrying the CSRF
//! token and its submit's address, enhanced by the runtime's form chunk; and
//! [`use_form`], the typed accessor of the last submit's result.
//!
//! Invariant: the form works as plain HTML (it posts to the page's own URL, the token
//! in a hidden field); on the render answering its submit it shows every typed value and
//! each error next to its field (`render::form::keep`); the only script it adds is the
//! `submit` handler address the inlined loader already knows how to follow.

use std::any::TypeId;

use super::func::SubmitFn;
use super::outcome::FieldErrors;
use crate::render::form::keep::{contains_ignore_ascii_case, keep};
use crate::render::form::{csrf_token, query, with_replay};
use crate::{Children, Html, View};

/// Which submit a [`Form`] posts to: written by `view!` from `<Form submit={name}>`
/// (the name is the fn's, the type checks that it is a `#[submit]` fn).
#[derive(Clone, Copy, Debug)]
pub struct SubmitRef {
    name: &'static str,
}

impl SubmitRef {
    /// The submit `submit`, named `name`. `view!` writes this call; written by hand,
    /// `name` must be the fn's name.
    pub fn new<F: SubmitFn<T, O>, T, O>(name: &'static str, submit: F) -> SubmitRef {
        let _ = submit;
        SubmitRef { name }
    }

    /// The submit's name, as its forms' `?_submit=` has it.
    pub fn name(&self) -> &'static str {
        self.name
    }
}

/// A form posting to a `#[submit]` fn of the page (or of a layout around it):
/// `<Form submit={create_note}>…</Form>`. It works without JavaScript; with it, the
/// runtime sends it with `fetch` and applies the answer in place. A form with a file
/// input is sent as `multipart/form-data`.
///
/// ```
/// use resuma::prelude::*;
/// use resuma::flow::{FormError, SubmitCx, Submitted};
///
/// #[derive(serde::Deserialize)]
/// pub struct NewNote {
///     title: String,
/// }
///
/// #[submit]
/// pub async fn create_note(cx: SubmitCx, form: NewNote) -> Result<Submitted, FormError> {
///     let _ = (cx, form.title);
///     Ok(Submitted::redirect("/notes"))
/// }
///
/// #[component]
/// pub fn Notes() -> View {
///     view! {
///         <Form submit={create_note}>
///             <input name="title" required/>
///             <button>"Add"</button>
///         </Form>
///     }
/// }
/// ```
#[crate::component]
pub fn Form(
    submit: SubmitRef,
    children: Children,
    #[prop(optional)] class: Option<String>,
    #[prop(optional)] id: Option<String>,
) -> View {
    View::new(move |html| render_form(submit, children, class.as_deref(), id.as_deref(), html))
}

fn render_form(
    submit: SubmitRef,
    children: View,
    class: Option<&str>,
    id: Option<&str>,
    html: &mut Html,
) {
    let mut inner = Html::new();
    children.render(&mut inner);
    let markup = inner.into_string();
    let kept = with_replay(|replay| (replay.submit == submit.name).then(|| keep(&markup, replay)))
        .flatten();
    let body = kept.as_deref().unwrap_or(&markup);
    html.push_static("<form method=\"post\" action=\"");
    html.push_attr_value(&action(query().as_deref(), submit.name));
    html.push_static("\" data-r-form=\"");
    html.push_attr_value(submit.name);
    html.push_static("\" data-r-on:submit=\"!");
    html.push_attr_value(crate::resume::form_chunk_name());
    html.push_static("#0\"");
    if has_file_input(body) {
        html.push_static(" enctype=\"multipart/form-data\"");
    }
    for (name, value) in [("class", class), ("id", id)] {
        if let Some(value) = value {
            html.push_raw(" ");
            html.push_raw(name);
            html.push_static("=\"");
            html.push_attr_value(value);
            html.push_static("\"");
        }
    }
    html.push_static(">");
    if let Some(token) = csrf_token() {
        html.push_static("<input type=\"hidden\" name=\"_csrf\" value=\"");
        html.push_attr_value(&token);
        html.push_static("\">");
    }
    html.push_raw(body);
    html.push_static("</form>");
    crate::resume::context::use_event("submit");
}

/// The form's address: the page's own URL with its query kept (a `next=…` the page
/// reads must survive a failed submit) and `_submit=NAME` in place of any earlier one.
fn action(query: Option<&str>, submit: &str) -> String {
    let mut out = form_urlencoded::Serializer::for_suffix(String::from("?"), 1);
    out.extend_pairs(
        form_urlencoded::parse(query.unwrap_or_default().as_bytes())
            .filter(|(key, _)| key != "_submit"),
    );
    out.append_pair("_submit", submit);
    out.finish()
}

/// Whether `markup` has an `<input type="file">` (so the form must be multipart).
fn has_file_input(markup: &str) -> bool {
    ["type=\"file\"", "type='file'", "type=file"]
        .iter()
        .any(|it| contains_ignore_ascii_case(markup, it))
}

/// The last submit of `submit` as the page renders it: nothing on an ordinary view; on
/// the page answering that submit, its data (success with [`Submitted::data`]), its
/// errors and the values that were sent.
///
/// [`Submitted::data`]: super::Submitted::data
///
/// ```
/// use resuma::prelude::*;
/// use resuma::flow::{use_form, FormError, SubmitCx, Submitted};
///
/// #[derive(serde::Deserialize)]
/// pub struct Guess {
///     number: u32,
/// }
///
/// #[submit]
/// pub async fn guess(_cx: SubmitCx, form: Guess) -> Result<Submitted<bool>, FormError> {
///     Ok(Submitted::data(form.number == 42))
/// }
///
/// #[component]
/// pub fn Game() -> View {
///     let last = use_form(guess);
///     let verdict = match last.data() {
///         Some(true) => "Right!",
///         Some(false) => "Try again.",
///         None => "",
///     };
///     view! { <p>{verdict}</p><Form submit={guess}><input name="number"/></Form> }
/// }
/// ```
pub fn use_form<F, T, O>(submit: F) -> FormState<O>
where
    F: SubmitFn<T, O>,
    O: Clone + 'static,
{
    let _ = submit;
    let id = TypeId::of::<F>();
    with_replay(|replay| {
        (replay.id == Some(id)).then(|| FormState {
            submitted: true,
            data: replay.data.as_ref().and_then(|it| it.downcast_ref::<O>()).cloned(),
            errors: FieldErrors { fields: replay.errors.clone(), message: replay.message.clone() },
            values: replay.values.clone(),
        })
    })
    .flatten()
    .unwrap_or(FormState {
        submitted: false,
        data: None,
        errors: FieldErrors::new(),
        values: Vec::new(),
    })
}

/// What [`use_form`] gives: the last submit of one `#[submit]` fn, on the page that
/// answers it.
#[derive(Clone, Debug)]
pub struct FormState<O> {
    submitted: bool,
    data: Option<O>,
    errors: FieldErrors,
    values: Vec<(String, String)>,
}

impl<O> FormState<O> {
    /// Whether this page answers a submit of that fn.
    pub fn submitted(&self) -> bool {
        self.submitted
    }

    /// The data it succeeded with ([`Submitted::data`](super::Submitted::data)).
    pub fn data(&self) -> Option<&O> {
        self.data.as_ref()
    }

    /// Its errors (empty unless it failed).
    pub fn errors(&self) -> &FieldErrors {
        &self.errors
    }

    /// The first value sent for the field `name` (never a password: those are not kept).
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values.iter().find(|(field, _)| field == name).map(|(_, value)| value.as_str())
    }
}
