//! The reactive core: the core (`index.js`) plus the reactive module (`../reactive.js`),
//! for pages with bindings beyond text showing a signal. The server names it in the
//! loader call of such pages only.

import { scan } from "./dom.js";
import { onResume } from "./run.js";
import { resume } from "../reactive.js";

onResume(() => {
  const [pairs, elements] = scan(document);
  const graph = document.querySelector('script[type="resuma/graph"]');
  return resume(pairs, elements, JSON.parse(graph?.textContent || "[]"));
});

export { run } from "./run.js";
