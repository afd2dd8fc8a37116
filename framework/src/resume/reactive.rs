//! `computed!`, `effect!` and `debounce!` on the server: each runs its body once, during
//! the render, and records for the browser which thunk replays it when a dependency
//! changes (docs/resumability.md, "Derived values and effects").
//!
//! The `#[component]` macro rewrites each call into one of these functions, with the
//! thunk's address in the component's chunk and the slots of its captures and
//! dependencies.

use serde::Serialize;

use super::context::push_graph;
use super::signal::{use_signal, Signal};

/// What the browser does when a dependency changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Replay {
    /// Recompute the value of the signal in this slot.
    Computed(u32),
    /// Run the body.
    Effect,
    /// Run the body once no dependency has changed for this many milliseconds.
    Debounce(u32),
}

/// One `computed!`, `effect!` or `debounce!` of the page.
#[derive(Clone, Debug)]
pub(crate) struct GraphEntry {
    pub(crate) replay: Replay,
    /// `Component.HASH#tN`: the thunk.
    pub(crate) thunk: &'static str,
    /// The slots of the thunk's captures, its arguments.
    pub(crate) captures: Vec<u32>,
    /// The slots of the dependencies, whose changes replay it.
    pub(crate) deps: Vec<u32>,
    /// The island it was recorded in: the browser binds it, and runs an effect once,
    /// when that island starts (set by `push_graph`).
    pub(crate) island: Option<u32>,
}

impl GraphEntry {
    /// `["c",TARGET,"Chunk#tN|CAPTURES",[DEPS]]` (`"e"` with 0, `"d"` with the delay),
    /// and the island's number fifth in an island.
    pub(crate) fn write_json(&self, out: &mut Vec<u8>) {
        let (kind, arg) = match self.replay {
            Replay::Computed(slot) => ("c", slot),
            Replay::Effect => ("e", 0),
            Replay::Debounce(ms) => ("d", ms),
        };
        let captures: Vec<String> = self.captures.iter().map(u32::to_string).collect();
        let address = format!("{}|{}", self.thunk, captures.join(","));
        let json = match self.island {
            Some(island) => serde_json::json!([kind, arg, address, self.deps, island]),
            None => serde_json::json!([kind, arg, address, self.deps]),
        };
        // A `Value` of strings and numbers always serialises.
        let _ = serde_json::to_writer(out, &json);
    }
}

/// What a `computed!`/`effect!`/`debounce!` dependency may be: a signal.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a signal: a dependency list names signals",
    label = "not a signal",
    note = "list the signals the body reads; plain values never change in the browser"
)]
pub trait Dependency {
    /// The slot the browser watches.
    fn dependency_slot(&self) -> u32;
}

impl<T> Dependency for Signal<T> {
    fn dependency_slot(&self) -> u32 {
        self.slot_number()
    }
}

/// `computed!`: the value now, as a signal the browser recomputes.
pub fn computed<T: Serialize + Clone + 'static>(
    thunk: &'static str,
    captures: &[u32],
    deps: &[u32],
    body: impl FnOnce() -> T,
) -> Signal<T> {
    let signal = use_signal(body());
    push_graph(GraphEntry {
        replay: Replay::Computed(signal.slot_number()),
        thunk,
        captures: captures.to_vec(),
        deps: deps.to_vec(),
        island: None,
    });
    signal
}

/// `effect!`: runs the body now, and in the browser on every change of a dependency.
pub fn effect(thunk: &'static str, captures: &[u32], deps: &[u32], body: impl FnOnce()) {
    body();
    push_graph(GraphEntry {
        replay: Replay::Effect,
        thunk,
        captures: captures.to_vec(),
        deps: deps.to_vec(),
        island: None,
    });
}

/// `debounce!`: runs the body now, and in the browser `ms` milliseconds after the last of
/// a burst of changes.
pub fn debounce(ms: u32, thunk: &'static str, captures: &[u32], deps: &[u32], body: impl FnOnce()) {
    body();
    push_graph(GraphEntry {
        replay: Replay::Debounce(ms),
        thunk,
        captures: captures.to_vec(),
        deps: deps.to_vec(),
        island: None,
    });
}
