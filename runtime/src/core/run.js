//! Running a handler: what both cores (`index.js`, `reactive-index.js`) share.
//!
//! `run(element, value, event)` resumes one handler where the server left it: it reads
//! `value` (`[!]CHUNK#INDEX[|SLOT,SLOT…]`, from `data-r-on:TYPE`), imports the chunk,
//! and calls `h{INDEX}(event, ...cells)`. Before the first handler runs, the page's
//! bindings are bound (`dom.js`, and the reactive module when the page needs it).
//!
//! An error the handler does not catch is logged and shown in the page (`errors.js`), so
//! `run` itself never rejects. Loading this module installs `globalThis.__resuma`, the
//! server-function calls handlers make (`actions.js`) and the page hooks of the form
//! chunk (`global.js`).
//!
//! Invariant: this module stays small, because it is on every page's first
//! interaction; features that not every page needs (computed values, effects, lists)
//! are separate modules this one imports only when they are used. Actions are the
//! exception, being a few hundred bytes that handler chunks call as a global.

import { cell } from "./state.js";
import { showError } from "./errors.js";
import "./global.js";

// Chunk name → its module, once imported. The browser already fetches each module once;
// keeping it here lets a later event call its handler synchronously, while the browser
// is still dispatching it (so `stopPropagation()` in a handler also stops the event).
export const modules = {};

/** Imports the chunk `name` (beside the core, so a nested app finds its own). */
export const load = async (name) =>
  modules[name] || (modules[name] = await import(new URL(`handler/${name}.js`, import.meta.url)));


/**
 * Runs the handler `value` names, for `event` on `element`; resolves when it has finished,
 * also when it failed (the error is then logged and shown, see `errors.js`).
 * @param {Element} element the element carrying `data-r-on:TYPE`
 * @param {string} value the attribute's value
 * @param {Event} event the DOM event
 */
export async function run(element, value, event) {
  try {
    const [, chunk, index, slots] = /^!?([^#]+)#(\d+)\|?(.*)/.exec(value);
    const module = modules[chunk] || (await load(chunk));
    await module["h" + index](event, ...(slots ? slots.split(",").map((slot) => cell(+slot)) : []));
  } catch (error) {
    showError(element, error);
  }
}
