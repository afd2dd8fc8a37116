//! The reactive core: the core (`index.js`) plus the reactive module (`../reactive.js`),
//! for pages with bindings beyond text showing a signal. The server names it in the
//! loader call of such pages only.

import { scan } from "./dom.js";
import { cell, newSlot } from "./state.js";
import { showError } from "./errors.js";
import { onResume, load, modules } from "./run.js";
import { resume } from "../reactive.js";

onResume(() => {
  const [pairs, elements] = scan(document);
  const graph = document.querySelector('script[type="resuma/graph"]');
  return resume({ cell, newSlot, scan, load, modules, showError }, pairs, elements, JSON.parse(graph?.textContent || "[]"));
});

export { run } from "./run.js";
