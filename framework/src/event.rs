//! The event a handler closure receives.
//!
//! Handlers never run on the server: the closure is translated to JavaScript and runs in
//! the browser. On the server it is only type-checked against this type, so what a
//! handler may read is exactly what the translation supports.

/// A DOM event as a handler sees it: `onInput={move |e| q.set(e.value)}`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Event {
    /// The `value` of the event's target (inputs, selects, text areas), `""` otherwise.
    pub value: String,
    /// The key of a keyboard event (`"Enter"`, `"a"`), `""` otherwise.
    pub key: String,
    /// Whether the event's target is a checked checkbox or radio button.
    pub checked: bool,
}

impl Event {
    /// Stops the browser's default action (following a link, submitting a form).
    pub fn prevent_default(&self) {}

    /// Stops the event from reaching handlers on enclosing elements.
    pub fn stop_propagation(&self) {}
}

#[cfg(test)]
mod tests {
    use super::Event;

    #[test]
    fn handler_closures_type_check_against_event() {
        let seen = std::cell::RefCell::new(Vec::new());
        let handler = |e: Event| {
            e.prevent_default();
            e.stop_propagation();
            seen.borrow_mut().push((e.value.clone(), e.key.clone(), e.checked));
        };
        handler(Event { value: "v".into(), key: "Enter".into(), checked: true });
        assert_eq!(seen.into_inner(), [("v".to_owned(), "Enter".to_owned(), true)]);
    }
}
