//! What a translation returns: plain data, read by the payload measure, the chunk
//! builder and the macros.

use std::collections::BTreeSet;

use super::ty::Ty;

/// A translated closure.
#[derive(Clone, Debug, PartialEq)]
pub struct Closure {
    /// A JavaScript arrow function: the closure's own parameters, then one cell per
    /// capture, in [`Closure::captures`] order.
    pub js: String,
    /// The free variables the closure takes from its surroundings, in first-use order.
    pub captures: Vec<Capture>,
    /// The helpers `js` calls (with the helpers they call), for [`helpers_source`](super::helpers_source).
    pub helpers: BTreeSet<&'static str>,
    /// Whether the closure calls `prevent_default()` on its event anywhere, even in a
    /// branch: the loader calls `preventDefault()` before the chunk loads, so a
    /// conditional call prevents the default action always.
    pub calls_prevent_default: bool,
    /// The `#[server]` functions the closure awaits (`NAME(…).await`), by name, in
    /// first-use order: the macro checks at compile time that each is one.
    pub server_fns: Vec<String>,
    /// The type of the value the closure returns, as far as rs2js knows it.
    pub ret: Ty,
}

/// A free variable of a closure, passed to the JavaScript as a cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capture {
    /// The Rust name.
    pub name: String,
    /// Its type, as far as rs2js knows it.
    pub ty: Ty,
}
