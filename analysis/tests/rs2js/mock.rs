//! Rust stand-ins for what handlers use in resuma: a `Signal` with resuma's methods
//! (`get`, `set`, `update(|&mut T|)`, `with(|&T|)`) and an `Event` with its fields.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// A signal: shared, so the test can read it after the handler moved its copy.
pub(crate) struct Signal<T>(Rc<RefCell<T>>);

impl<T> Clone for Signal<T> {
    fn clone(&self) -> Self {
        Signal(Rc::clone(&self.0))
    }
}

impl<T: Clone> Signal<T> {
    pub(crate) fn new(value: T) -> Signal<T> {
        Signal(Rc::new(RefCell::new(value)))
    }

    pub(crate) fn get(&self) -> T {
        self.0.borrow().clone()
    }

    pub(crate) fn set(&self, value: T) {
        *self.0.borrow_mut() = value;
    }

    pub(crate) fn update(&self, f: impl FnOnce(&mut T)) {
        f(&mut self.0.borrow_mut());
    }

    pub(crate) fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.0.borrow())
    }
}

/// The handler's event.
#[derive(Clone)]
pub(crate) struct Event {
    pub(crate) value: String,
    pub(crate) key: String,
    pub(crate) checked: bool,
    prevented: Rc<Cell<bool>>,
}

impl Event {
    pub(crate) fn new(value: &str, key: &str, checked: bool) -> Event {
        Event {
            value: value.to_owned(),
            key: key.to_owned(),
            checked,
            prevented: Rc::new(Cell::new(false)),
        }
    }

    pub(crate) fn prevent_default(&self) {
        self.prevented.set(true);
    }

    pub(crate) fn stop_propagation(&self) {}

    pub(crate) fn prevented(&self) -> bool {
        self.prevented.get()
    }
}

/// Pins a closure's parameter to `Event`, as `view!` does for handlers.
pub(crate) fn handler<R, F: FnMut(Event) -> R>(f: F) -> F {
    f
}

/// A vector of owned strings.
pub(crate) fn sv(items: &[&str]) -> Vec<String> {
    items.iter().map(|it| (*it).to_owned()).collect()
}
