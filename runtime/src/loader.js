//! The loader: inlined in every page that has a handler, it resumes the page on the
//! first interaction.
//!
//! The server writes `<script nonce>LOADER("/_resuma/core.HASH.js",["click"])</script>`,
//! where LOADER is this function expression as `dist/loader.min.js` has it. It adds one
//! capturing listener on `document` per event type on the page; on an event it finds the
//! elements with a `data-r-on:TYPE` handler from the target up, imports the core and their
//! chunks, and hands each to `core.run(element, value, event)`.
//!
//! Invariants (docs/resumability.md, "Loader"):
//! - nothing is fetched before the first interaction but, with prefetch on (the server
//!   passes `1`, the default), the handler chunks of elements in the viewport (small), and
//!   the core once the user shows intent (pointer over, focus on or touch of an element
//!   with a handler): never the core at load;
//! - `!` handlers get `preventDefault()` synchronously, before anything loads;
//! - events are replayed in the order they happened, none lost while the core loads;
//! - an error is reported with `console.error` and never stops a later event.
//!
//! Every byte here is inlined in every page: the budget is in `size-budget.json`.

/**
 * @param {string} coreUrl the core module, `/_resuma/core.HASH.js` (under the app's mount
 *   path when its router is nested); chunks are fetched beside it, from `handler/`
 * @param {string[]} eventTypes the DOM event types the page has handlers for
 * @param {1} [prefetch] prefetch chunks in view and the core on intent
 */
export default (coreUrl, eventTypes, prefetch) => {
  const chunkUrl = (value) => `${coreUrl.replace(/[^/]*$/, "")}handler/${value.replace(/^!|#.*/g, "")}.js`;
  // One import per URL, so the core and each chunk are fetched once however many events
  // need them. A failed import is forgotten, so a later event can try the network again.
  const imports = {};
  const load = (url) =>
    imports[url] ||
    (imports[url] = import(url).catch((error) => {
      delete imports[url];
      throw error;
    }));

  // The replay of the previous event, resolved once that event's handlers have *started*:
  // each event waits for the one before it to start, not to finish, so events keep their
  // order while modules load and a slow async handler holds up no later event.
  let previous;

  // Runs the handlers of one event, innermost first, as bubbling would. A handler that
  // calls `stopPropagation()` ends the walk; reading `cancelBubble` both as soon as `run`
  // returns and after it settles sees it whether the handler ran during the browser's
  // dispatch (which clears the flag when it ends) or after it.
  const replay = async (core, handlers, event) => {
    for (const [element, value] of handlers) {
      let stopped;
      try {
        const done = core.run(element, value, event);
        stopped = event.cancelBubble;
        await done;
      } catch (error) {
        console.error(error);
      }
      if (stopped || event.cancelBubble) return;
    }
  };

  const onEvent = (event) => {
    const name = "data-r-on:" + event.type;
    const handlers = [];
    // What this event's replay waits for: the previous event's, and the chunks, which
    // start loading now, side by side with the core.
    const pending = [previous];
    // Found now, while the event still has its path; a non-bubbling event (focus,
    // mouseenter, …) runs the target's handler only.
    for (
      let element = event.target;
      element?.getAttribute;
      element = event.bubbles && element.parentElement
    ) {
      const value = element.getAttribute(name);
      if (value) {
        if (value[0] == "!") event.preventDefault();
        handlers.push([element, value]);
        pending.push(load(chunkUrl(value)));
      }
    }
    if (handlers[0]) {
      previous = Promise.all([load(coreUrl), ...pending]).then(([core]) => {
        replay(core, handlers, event);
      }, console.error);
    }
  };

  // Not passive: touch and wheel listeners on `document` are passive by default, and a
  // passive listener cannot `preventDefault()`.
  for (const type of eventTypes) {
    document.addEventListener(type, onEvent, { capture: true, passive: false });
  }

  if (prefetch) {
    // `<link rel=modulepreload>`: fetched and parsed now, run only when imported, so the
    // import on the first event finds it ready. Once per URL.
    const preloaded = {};
    const preload = (href) =>
      preloaded[href] ||
      (preloaded[href] = document.head.appendChild(Object.assign(document.createElement("link"), { rel: "modulepreload", href })));
    const selector = eventTypes.map((type) => `[data-r-on\\:${type}]`) + "";
    const observer = new IntersectionObserver((entries) => {
      for (const { isIntersecting, target } of entries) {
        if (isIntersecting) {
          observer.unobserve(target);
          for (const type of eventTypes) {
            const value = target.getAttribute("data-r-on:" + type);
            value && preload(chunkUrl(value));
          }
        }
      }
    });
    for (const element of document.querySelectorAll(selector)) observer.observe(element);
    for (const type of ["pointerover", "focusin", "touchstart"]) {
      document.addEventListener(type, (event) => event.target.closest?.(selector) && preload(coreUrl), { capture: true, passive: true });
    }
  }
};
