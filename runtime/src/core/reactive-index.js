//! The reactive core: the core (`index.js`) plus the reactive module (`../reactive.js`),
//! for pages with bindings beyond text showing a signal. The server names it in the
//! loader call of such pages only.

import { run as runHandler } from "./run.js";
import { showError } from "./errors.js";
import { resume } from "../reactive.js";

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
