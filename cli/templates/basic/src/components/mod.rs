//! The app's components: one file each.

mod counter;
mod home;

// Globs, because `view!` names a component's props struct (`<Counter/>` builds a
// `CounterProps`): each component comes with its props.
pub use counter::*;
pub use home::*;
