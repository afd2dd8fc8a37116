//! The island script: inlined, after the loader, in pages with an `#[island]` only, so
//! pages without islands stay as they are (docs/resumability.md, "Islands").
//!
//! The server writes `<script nonce>ISLANDS("/_resuma/core-reactive.HASH.js")</script>`,
//! where ISLANDS is this function expression as `dist/island.min.js` has it. For each
//! `data-r-island="TRIGGER N CHUNK"` element it waits for the trigger, then imports the
//! core and the island's chunk side by side and calls `core.island(element, N)`:
//! - `visible`: the element intersects the viewport (IntersectionObserver);
//! - `idle`: after the `load` event (at once if it is past), when the browser is idle
//!   (`requestIdleCallback`, else `setTimeout`);
//! - `interaction`: the first `pointerover`, `focusin`, `touchstart` or `pointerdown` on
//!   it.
//!
//! `self._islands()` wires the islands not wired yet; the form chunk calls it after a
//! morph, which may bring new ones (`form/index.js`). `N` and `CHUNK` are read when the
//! trigger fires, not when it is wired: a morph may renumber the page's islands between.
//!
//! Invariants: nothing is fetched before an island's trigger fires; an element is wired
//! once (`_wired`: the attribute it was wired with) and started at most once
//! (`_started`: the start's promise), after which the morph leaves its `data-r-island` to
//! the core, which removes it. Every byte here is inlined in every page
//! with an island: the budget is in `size-budget.json`.

/** @param {string} coreUrl the reactive core; chunks are fetched beside it, from `handler/` */
export default (coreUrl) => {
  (self._islands = () => {
    for (const element of document.querySelectorAll("[data-r-island]")) {
      if (element._wired) continue;
      const start = () => {
        // Gone once the island started, or if a morph took it away.
        const [, number, chunk] = element.getAttribute("data-r-island")?.split(" ") || [];
        // Not `||=`, which the ES2020 build would spell longer.
        element._started ||
          (element._started =
            number &&
            Promise.all([import(coreUrl), chunk && import(coreUrl.replace(/[^/]*$/, `handler/${chunk}.js`))])
              .then(([core]) => core.island(element, number))
              .catch(console.error));
      };
      const [trigger] = (element._wired = element.getAttribute("data-r-island")).split(" ");
      if (trigger == "visible") {
        const observer = new IntersectionObserver((entries) => {
          if (entries.some((entry) => entry.isIntersecting)) {
            observer.disconnect();
            start();
          }
        });
        observer.observe(element);
      } else if (trigger == "idle") {
        // After `load`; at once when it has been (a call after a morph).
        const idle = () => (self.requestIdleCallback || setTimeout)(start);
        document.readyState == "complete" ? idle() : addEventListener("load", idle);
      } else {
        for (const type of ["pointerover", "focusin", "touchstart", "pointerdown"]) {
          element.addEventListener(type, start, { passive: true });
        }
      }
    }
  })();
};
