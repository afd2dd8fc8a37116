//! The reactive core: the core (`index.js`) plus the reactive module (`../reactive.js`),
//! for pages with bindings beyond text showing a signal, or with islands. The server
//! names it in the loader call of such pages only. `island(element)` starts an island
//! (docs/resumability.md, "Islands"). After a form's answer is morphed into the page, the
//! bindings it brought are bound and those it kept refreshed (`rebind`), once the text
//! bound to a signal shows its cell again (`__resuma._replaced`, `state.js`).

import { run as runHandler } from "./run.js";
import { showError } from "./errors.js";
import { resume, rebind, show } from "../reactive.js";

let bound, ready;

/**
 * `run`, once the page is bound (before the first handler only: later handlers run
 * synchronously, as in the plain core, so `stopPropagation()` still stops the event).
 */
export function run(element, value, event) {
  if (ready) return runHandler(element, value, event);
  return (bound || (bound = resume())).then(
    () => {
      ready = 1;
      return runHandler(element, value, event);
    },
    (error) => {
      // A chunk that did not load: shown, and tried again on the next event.
      bound = 0;
      showError(element, error);
    },
  );
}

/**
 * Starts the island `element` once its trigger fired (the inline island script calls it,
 * `../island.js`): the page is bound first (once), then the island, and its effects run.
 * A failure rejects, for the island script to log; the next handler tries the page again.
 * @param {Element} element the element carrying `data-r-island="TRIGGER N CHUNK"`
 * @param {string} number its N
 */
export const island = (element, number) => (bound ||= resume()).then(() => resume(element, number));

// A form's answer is applied by the form chunk's handler, which runs once the page is
// bound (`ready`); the plain hook (`state.js`) first, so new cells read the new state.
const replaced = __resuma._replaced;
__resuma._replaced = () => {
  replaced();
  ready && rebind().catch(show);
};
