//! The core: the module the loader imports on a page's first interaction, for pages whose
//! only bindings are text showing a signal (`<!--r:SLOT-->`). Pages with more (thunks,
//! bound attributes, blocks, derived values) get `reactive-index.js` instead: the server
//! knows which a page needs and names that core in the loader call, so this one carries
//! nothing they need.
//!
//! `run(element, value, event)` resumes one handler where the server left it: it reads
//! `value` (`[!]CHUNK#INDEX[|SLOT,SLOT…]`, from `data-r-on:TYPE`), imports the chunk,
//! and calls `h{INDEX}(event, ...cells)`. The state script and the binding comments are
//! read on the first cell a handler asks for.
//!
//! An error the handler does not catch is logged and shown in the page (`errors.js`), so
//! `run` itself never rejects. Loading this module installs `globalThis.__resuma`, the
//! server-function calls handlers make (`actions.js`) and the page hook of the form
//! chunk (`global.js`).
//!
//! Invariant: this module stays small, because it is on every page's first interaction.

export { run } from "./run.js";
