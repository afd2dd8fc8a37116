//! The island script: inlined, after the loader, in pages with an `#[island]` only, so
//! pages without islands stay as they are (docs/resumability.md, "Islands").
//!
//! The server writes `<script nonce>ISLANDS("/_resuma/core-reactive.HASH.js")</script>`,
//! where ISLANDS is this function expression as `dist/island.min.js` has it. For each
//! `data-r-island="TRIGGER N CHUNK"` element it waits for the trigger, then imports the
//! core and the island's chunk side by side and calls `core.island(element)`:
//! - `visible`: the element intersects the viewport (IntersectionObserver);
//! - `idle`: after the `load` event, when the browser is idle (`requestIdleCallback`,
//!   else `setTimeout`);
//! - `interaction`: the first `pointerover`, `focusin`, `touchstart` or `pointerdown` on
//!   it.
//!
//! Invariant: nothing is fetched before an island's trigger fires. Every byte here is
//! inlined in every page with an island: the budget is in `size-budget.json`.

/** @param {string} coreUrl the reactive core; chunks are fetched beside it, from `handler/` */
export default (coreUrl) => {
  for (const element of document.querySelectorAll("[data-r-island]")) {
    const [trigger, number, chunk] = element.getAttribute("data-r-island").split(" ");
    let started;
    const start = () =>
      started ||
      (started = Promise.all([import(coreUrl), chunk && import(coreUrl.replace(/[^/]*$/, `handler/${chunk}.js`))])
        .then(([core]) => core.island(element, number))
        .catch(console.error));
    if (trigger == "visible") {
      const observer = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          start();
        }
      });
      observer.observe(element);
    } else if (trigger == "idle") {
      addEventListener("load", () => (self.requestIdleCallback || setTimeout)(start));
    } else {
      for (const type of ["pointerover", "focusin", "touchstart", "pointerdown"]) {
        element.addEventListener(type, start, { passive: true });
      }
    }
  }
};
