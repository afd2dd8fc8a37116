//! Catching a panic inside a page render, so that one broken page cannot take the server
//! down.
//!
//! Invariant: a caught panic is always logged through `tracing` with the page it came
//! from and the panic message; callers then answer 500 or end the stream.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Runs `render`; on a panic logs it (naming `page`) and returns `None`.
///
/// `AssertUnwindSafe` is sound here: after a panic the caller drops everything the render
/// touched (its buffer, its view) and answers with an error instead.
pub(crate) fn catch_render<T>(page: &str, render: impl FnOnce() -> T) -> Option<T> {
    match catch_unwind(AssertUnwindSafe(render)) {
        Ok(value) => Some(value),
        Err(payload) => {
            tracing::error!(page, panic = panic_message(payload.as_ref()), "page render panicked");
            None
        }
    }
}

/// The message of a panic payload: `panic!` gives a `&str` or a `String`.
pub(crate) fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(message) = payload.downcast_ref::<&str>() {
        message
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message
    } else {
        "(non-string panic payload)"
    }
}

#[cfg(test)]
mod tests {
    use super::{catch_render, panic_message};

    #[test]
    fn values_pass_through_and_panics_become_none() {
        assert_eq!(catch_render("/ok", || 7), Some(7));
        assert_eq!(catch_render("/boom", || -> u8 { panic!("boom") }), None);
    }

    #[test]
    fn messages_of_every_payload_kind() {
        assert_eq!(panic_message(&"static"), "static");
        assert_eq!(panic_message(&String::from("owned")), "owned");
        assert_eq!(panic_message(&42u8), "(non-string panic payload)");
    }
}
