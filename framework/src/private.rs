//! What macro expansions name. Not a public API: it changes without notice.

pub use ::axum;
pub use ::inventory;
pub use ::serde;
pub use ::serde_json;

pub use ::tokio;

pub use crate::action::{decode_args, ok_json, result_json, Action, ActionFuture, ActionRejection};

pub use crate::render::join::{render_child, StaticText};
pub use crate::resume::context::IslandScope;
pub use crate::resume::reactive::{computed, debounce, effect};
pub use crate::resume::{Capture, Chunk, Dependency};
use crate::Html;

use std::borrow::Cow;
use std::rc::Rc;
use std::sync::Arc;

use crate::Event;

/// Implemented by the marker type `#[server]` puts next to each server function, so that a
/// handler awaiting it can be checked at compile time and knows its action name.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a #[server] function: a handler can only await server functions",
    label = "not a #[server] function",
    note = "mark the function `#[server]`, or call it outside the handler"
)]
pub trait ServerFn {
    /// The action's name: `POST /_resuma/action/{NAME}`.
    const NAME: &'static str;
}

/// A required prop not set yet (typestate of a generated props builder).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Missing;

/// A required prop that is set (typestate of a generated props builder).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Set<T>(pub T);

/// What a prop setter accepts for a prop of type `T`: a `T`, or a string literal for
/// string-like props (`<Card title="x"/>` with `title: String`).
///
/// Not `Into<T>`: with `Into`, an integer literal (`count={3}` for a `u32`) would be
/// ambiguous between every integer type and fall back to `i32`. The identity impl is the
/// only one that matches a number, so inference picks `T`.
#[diagnostic::on_unimplemented(
    message = "this prop takes a `{T}`, not a `{Self}`",
    label = "expected `{T}`",
    note = "string literals convert to string-like props; any other value must have the prop's type, or the parameter can take #[prop(into)]"
)]
pub trait Prop<T> {
    /// The prop value.
    fn into_prop(self) -> T;
}

impl<T> Prop<T> for T {
    fn into_prop(self) -> T {
        self
    }
}

macro_rules! str_props {
    ($($target:ty),*) => {$(
        impl Prop<$target> for &str {
            fn into_prop(self) -> $target {
                self.into()
            }
        }
    )*};
}
str_props!(String, Box<str>, Arc<str>, Rc<str>);

impl<'a> Prop<Cow<'a, str>> for &'a str {
    fn into_prop(self) -> Cow<'a, str> {
        Cow::Borrowed(self)
    }
}

/// Type-checks an event handler closure; handlers run in the browser, never here.
pub fn check_handler<F: FnMut(Event)>(_handler: F) {}

/// Records that the page being rendered has a handler for `event`.
pub fn use_event(event: &'static str) {
    crate::resume::context::use_event(event);
}

/// Records that the page has a binding only the reactive core binds.
pub fn use_reactive() {
    crate::resume::context::use_reactive();
}

/// Enters the scope of an `#[island]`'s render: a new island number, the reactive core,
/// and every graph entry recorded until the guard drops belongs to the island.
pub fn enter_island() -> IslandScope {
    crate::resume::context::enter_island()
}

/// Writes the number of the island being rendered (in its root's `data-r-island`).
pub fn write_island(html: &mut Html) {
    html.push_int(crate::resume::context::current_island().unwrap_or(0));
}

/// Writes a slot number (a handler's capture) into an attribute.
pub fn write_slot(html: &mut Html, slot: u32) {
    html.push_int(slot);
}

/// Type-checks a `<For>` key function against an item (the browser runs it, translated).
pub fn list_key<T, K: PartialEq>(item: &T, key: impl Fn(&T) -> K) -> K {
    key(item)
}

/// What `#[submit]` checks its form with: `(&ValidateForm(&form)).resuma_validate()?`
/// finds garde's rules when the form derives `garde::Validate` ([`ViaGarde`]), and
/// accepts it otherwise ([`NoValidation`], one autoref further).
pub struct ValidateForm<'a, T>(pub &'a T);

/// The check of a form that derives `garde::Validate`: its report as field errors.
pub trait ViaGarde {
    /// Validates the form.
    fn resuma_validate(&self) -> Result<(), crate::flow::FormError>;
}

#[cfg(feature = "garde")]
impl<T: garde::Validate> ViaGarde for ValidateForm<'_, T>
where
    T::Context: Default,
{
    fn resuma_validate(&self) -> Result<(), crate::flow::FormError> {
        self.0.validate().map_err(|report| crate::flow::FieldErrors::from(report).into())
    }
}

/// The check of a form with no validation rules: none.
pub trait NoValidation {
    /// Accepts the form.
    fn resuma_validate(&self) -> Result<(), crate::flow::FormError>;
}

impl<T> NoValidation for &ValidateForm<'_, T> {
    fn resuma_validate(&self) -> Result<(), crate::flow::FormError> {
        Ok(())
    }
}
