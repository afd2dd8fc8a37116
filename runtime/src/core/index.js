//! The core: the module the loader imports on a page's first interaction.
//!
//! `run(element, value, event)` resumes one handler where the server left it: it reads
//! `value` (`[!]CHUNK#INDEX[|SLOT,SLOT…]`, from `data-r-on:TYPE`), imports the chunk,
//! and calls `h{INDEX}(event, ...cells)`. Everything else is lazy: the state script and
//! the binding comments are read on the first cell a handler asks for.
//!
//! Invariant: this module stays small, because it is on every page's first
//! interaction; features that not every page needs (computed values, effects, lists,
//! actions) are separate modules this one imports only when they are used.

import { cell } from "./state.js";

// Chunk name → its module, once imported. The browser already fetches each module once;
// keeping it here lets a later event call its handler synchronously, while the browser
// is still dispatching it (so `stopPropagation()` in a handler also stops the event).
const modules = {};

/**
 * Runs the handler `value` names, for `event` on `element`; settles when it has finished.
 * @param {Element} element the element carrying `data-r-on:TYPE`
 * @param {string} value the attribute's value
 * @param {Event} event the DOM event
 */
export async function run(element, value, event) {
  const [, chunk, index, slots] = /^!?([^#]+)#(\d+)\|?(.*)/.exec(value);
  const module = modules[chunk] || (modules[chunk] = await import(`/_resuma/handler/${chunk}.js`));
  await module["h" + index](event, ...(slots ? slots.split(",").map((slot) => cell(+slot)) : []));
}
