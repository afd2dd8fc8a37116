//! `globalThis.__resuma`: what code outside the core reaches it through, installed when the
//! core loads unless something already did (then that object is left as it is).
//!
//! - `action`, `result`, `ActionError`: the server-function calls handler chunks make
//!   (`actions.js`; docs/resumability.md, "Actions").
//! - `_replaced()`: the page hook of the form chunk (`../form/`), which morphs a
//!   re-rendered page into the document (docs/resumability.md, "Forms"): the state
//!   script and the binding comments are read again for the cells created from then on;
//!   the cells that exist stay and show their value in the new DOM (`state.js`). It is
//!   internal, so mangled: the form chunk is built with the same names (build.mjs,
//!   mangle.json).

import { action, result, ActionError } from "./actions.js";
import { replaced } from "./state.js";

globalThis.__resuma ||= { action, result, ActionError, _replaced: replaced };
