//! The render context: what a page's render collects for the browser to resume it.
//!
//! `use_signal` and the handlers `view!` writes have no handle on the page, so the
//! context is thread-local: a page render runs on one thread, synchronously, inside
//! [`render_scope`]. Outside a scope (a `View` rendered by hand in a test) a detached
//! context takes the values, and nothing is emitted for them.

use std::any::Any;
use std::cell::RefCell;

use serde::Serialize;

/// A value in a slot: kept typed for the server's `get`, serialised for the browser.
pub(crate) trait SlotValue: Any {
    /// The value's JSON, appended to `out`.
    fn write_json(&self, out: &mut Vec<u8>);
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl<T: Serialize + 'static> SlotValue for T {
    fn write_json(&self, out: &mut Vec<u8>) {
        // A value serde cannot write (a map with non-string keys, a failing custom impl)
        // resumes as `null` rather than failing the page; the server logs it.
        let start = out.len();
        if let Err(err) = serde_json::to_writer(&mut *out, self) {
            tracing::error!(error = %err, "a resumable value could not be serialised");
            out.truncate(start);
            out.extend_from_slice(b"null");
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// What one render collected.
#[derive(Default)]
pub(crate) struct RenderContext {
    pub(crate) slots: Vec<Box<dyn SlotValue>>,
    /// Event types with a handler on the page, in first-use order.
    pub(crate) events: Vec<&'static str>,
    /// The page's `computed!`, `effect!` and `debounce!`, in render order.
    pub(crate) graph: Vec<super::reactive::GraphEntry>,
    /// Whether the page has bindings only the reactive core binds (thunks, bound
    /// attributes, blocks, derived values).
    pub(crate) reactive: bool,
    /// How many `#[island]`s the page rendered (their numbers are `0..islands`).
    pub(crate) islands: u32,
    /// The island being rendered, innermost: the graph entries recorded now are its.
    pub(crate) island: Option<u32>,
}

impl RenderContext {
    /// Whether the page resumes in the browser: it has a handler or an island. Such a
    /// page gets the state script and carries its visitor's CSRF token.
    pub(crate) fn has_handlers(&self) -> bool {
        !self.events.is_empty() || self.islands > 0
    }
}

thread_local! {
    static CONTEXT: RefCell<RenderContext> = RefCell::new(RenderContext::default());
}

/// Runs `render` in a fresh context and returns what it collected. Scopes nest: the
/// outer context is put back afterwards, even if `render` panics.
pub(crate) fn render_scope<R>(render: impl FnOnce() -> R) -> (R, RenderContext) {
    struct Restore(Option<RenderContext>);
    impl Drop for Restore {
        fn drop(&mut self) {
            if let Some(outer) = self.0.take() {
                CONTEXT.with(|it| *it.borrow_mut() = outer);
            }
        }
    }
    let outer = CONTEXT.with(|it| std::mem::take(&mut *it.borrow_mut()));
    let mut restore = Restore(Some(outer));
    let out = render();
    let collected = CONTEXT.with(|it| std::mem::take(&mut *it.borrow_mut()));
    if let Some(outer) = restore.0.take() {
        CONTEXT.with(|it| *it.borrow_mut() = outer);
    }
    (out, collected)
}

/// Stores `value` in a new slot and returns its number.
pub(crate) fn push_slot(value: Box<dyn SlotValue>) -> u32 {
    CONTEXT.with(|it| {
        let mut context = it.borrow_mut();
        context.slots.push(value);
        (context.slots.len() - 1) as u32
    })
}

/// Runs `f` on the value in `slot`, if the slot exists in the current context.
///
/// The value is taken out of the context while `f` runs, so `f` may read and write other
/// signals (`total.update(|t| *t += step.get())`); reading the same signal inside `f`
/// finds a placeholder, as it would find a borrow conflict anywhere else.
pub(crate) fn with_slot<R>(slot: u32, f: impl FnOnce(&mut dyn SlotValue) -> R) -> Option<R> {
    let value = CONTEXT.with(|it| {
        let mut context = it.borrow_mut();
        let place = context.slots.get_mut(slot as usize)?;
        Some(std::mem::replace(place, Box::new(())))
    })?;
    // Put back even if `f` panics: the render's state stays whole.
    struct PutBack(u32, Option<Box<dyn SlotValue>>);
    impl Drop for PutBack {
        fn drop(&mut self) {
            if let Some(value) = self.1.take() {
                CONTEXT.with(|it| {
                    if let Some(place) = it.borrow_mut().slots.get_mut(self.0 as usize) {
                        *place = value;
                    }
                });
            }
        }
    }
    let mut taken = PutBack(slot, Some(value));
    let value = taken.1.as_mut()?;
    Some(f(value.as_mut()))
}

/// Records that the page has a handler for `event`.
pub(crate) fn use_event(event: &'static str) {
    CONTEXT.with(|it| {
        let mut context = it.borrow_mut();
        if !context.events.contains(&event) {
            context.events.push(event);
        }
    });
}

/// Records a `computed!`, `effect!` or `debounce!` for the browser.
pub(crate) fn push_graph(entry: super::reactive::GraphEntry) {
    CONTEXT.with(|it| {
        let mut context = it.borrow_mut();
        let mut entry = entry;
        entry.island = context.island;
        context.graph.push(entry);
        context.reactive = true;
    });
}

/// The scope of one island's render, left on drop (also when the render panics).
pub struct IslandScope {
    outer: Option<u32>,
}

impl Drop for IslandScope {
    fn drop(&mut self) {
        CONTEXT.with(|it| it.borrow_mut().island = self.outer);
    }
}

/// Starts rendering an island: the next island number, and the reactive core (which
/// starts islands in the browser).
pub(crate) fn enter_island() -> IslandScope {
    CONTEXT.with(|it| {
        let mut context = it.borrow_mut();
        let number = context.islands;
        context.islands += 1;
        context.reactive = true;
        IslandScope { outer: context.island.replace(number) }
    })
}

/// The number of the island being rendered, if any.
pub(crate) fn current_island() -> Option<u32> {
    CONTEXT.with(|it| it.borrow().island)
}

/// Records that the page needs the reactive core.
pub(crate) fn use_reactive() {
    CONTEXT.with(|it| it.borrow_mut().reactive = true);
}
