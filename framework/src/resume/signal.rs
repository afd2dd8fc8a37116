//! [`Signal`]: a reactive value that the server renders and the browser resumes.

use std::fmt::{self, Display};
use std::marker::PhantomData;

use serde::Serialize;

use super::context::{push_slot, with_slot};
use crate::{Html, Render};

/// A reactive value: `let count = use_signal(0);`.
///
/// A `Signal` is a `Copy` handle to a slot of the page's state. On the server it reads and
/// writes the value during the render; in the browser the same slot becomes a signal that
/// handlers update, and every text node bound to it (`{count}` in `view!`) follows.
///
/// ```
/// use resuma::prelude::*;
///
/// #[component]
/// fn Counter() -> View {
///     let count = use_signal(0);
///     view! { <button onClick={move |_| count.update(|c| *c += 1)}>"Count: " {count}</button> }
/// }
///
/// let html = Counter().to_html();
/// assert!(html.contains("Count: <!--r:0-->0<!--/r-->"));
/// ```
pub struct Signal<T> {
    slot: u32,
    _value: PhantomData<fn() -> T>,
}

impl<T> Clone for Signal<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Signal<T> {}

impl<T> fmt::Debug for Signal<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signal").field("slot", &self.slot).finish()
    }
}

/// Creates a signal holding `initial`, in the page being rendered.
///
/// Each call makes a new slot, so two instances of a component keep separate state.
pub fn use_signal<T: Serialize + Clone + 'static>(initial: T) -> Signal<T> {
    Signal { slot: push_slot(Box::new(initial)), _value: PhantomData }
}

impl<T: Serialize + Clone + 'static> Signal<T> {
    /// The slot number the browser knows this signal by.
    pub fn slot(self) -> u32 {
        self.slot
    }

    /// A copy of the current value.
    ///
    /// # Panics
    /// When called outside the render that created the signal (a signal belongs to one
    /// page render).
    pub fn get(self) -> T {
        self.with(T::clone)
    }

    /// Runs `f` with a reference to the value.
    pub fn with<R>(self, f: impl FnOnce(&T) -> R) -> R {
        let mut f = Some(f);
        with_slot(self.slot, |value| {
            value.as_any().downcast_ref::<T>().map(|it| (f.take().expect("called once"))(it))
        })
        .flatten()
        .unwrap_or_else(|| panic!("{self:?} is read outside the render that created it"))
    }

    /// Replaces the value.
    pub fn set(self, value: T) {
        self.update(|it| *it = value);
    }

    /// Changes the value in place.
    pub fn update(self, f: impl FnOnce(&mut T)) {
        let mut f = Some(f);
        let done = with_slot(self.slot, |value| {
            value.as_any_mut().downcast_mut::<T>().map(|it| (f.take().expect("called once"))(it))
        })
        .flatten();
        if done.is_none() {
            panic!("{self:?} is written outside the render that created it");
        }
    }
}

impl<T> Signal<T> {
    /// The slot number, for any `T` (`slot` needs the bounds of the value's use).
    pub(crate) fn slot_number(self) -> u32 {
        self.slot
    }
}

impl<T: Serialize + Clone + crate::AttributeValue + 'static> crate::AttributeValue for Signal<T> {
    /// The value as the attribute's; `view!` also marks the attribute as bound to the
    /// signal (`data-r-a`), so the browser keeps it in step.
    fn render_attr(self, name: &'static str, html: &mut Html) {
        self.get().render_attr(name, html);
    }

    fn render_url_attr(self, name: &'static str, html: &mut Html) {
        self.get().render_url_attr(name, html);
    }
}

impl<T: Serialize + Clone + Display + 'static> Render for Signal<T> {
    /// Writes the value between two comments that tell the browser which text node
    /// follows the signal: `<!--r:0-->5<!--/r-->`.
    fn render(self, html: &mut Html) {
        html.push_static("<!--r:");
        html.push_int(self.slot);
        html.push_static("-->");
        self.with(|value| html.push_display(value));
        html.push_static("<!--/r-->");
    }
}

/// What a handler may capture: a signal passes its slot; any other value is copied into
/// a new slot of the page's state.
#[diagnostic::on_unimplemented(
    message = "a handler cannot capture a `{Self}`: it is not serialisable",
    label = "captured by a handler here",
    note = "handlers run in the browser, so what they capture is sent as JSON: capture a signal or a value that implements serde::Serialize + Clone"
)]
pub trait Capture {
    /// The slot the browser finds this capture in.
    fn capture_slot(&self) -> u32;
}

impl<T> Capture for Signal<T> {
    fn capture_slot(&self) -> u32 {
        self.slot
    }
}

impl<T: Serialize + Clone + 'static> Capture for T {
    fn capture_slot(&self) -> u32 {
        push_slot(Box::new(self.clone()))
    }
}
