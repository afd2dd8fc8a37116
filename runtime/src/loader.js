//! The loader: inlined in every page that has a handler, it resumes the page on the
//! first interaction.
//!
//! The server writes `<script nonce>LOADER("/_resuma/core.HASH.js",["click"],1)</script>`,
//! where LOADER is this function expression as `dist/loader.min.js` has it. It adds one
//! capturing listener on `document` per event type on the page; on an event it finds the
//! elements with a `data-r-on:TYPE` handler from the target up, imports the core and their
//! chunks, and hands each to `core.run(element, value, event)`.
//!
//! Invariants (docs/resumability.md, "Loader"):
//! - nothing is fetched before the first interaction but, with prefetch on (the server
//!   passes `1`, the default), the core and the chunks of the handlers under the user's
//!   intent (pointer over, focus on or touch of an element with a handler): nothing at
//!   load, whatever is in view;
//! - `!` handlers get `preventDefault()` synchronously, before anything loads;
//! - events are replayed in the order they happened, none lost while the core loads;
//! - an error is reported with `console.error` and never stops a later event;
//! - a failed import is forgotten, so a later event tries the network again.
//!
//! Every byte here is inlined in every page: the budget is in `size-budget.json`
//! (600 B gzip with its call; everything the counter page fetches before its first
//! interaction, this included, 901 B).

/**
 * @param {string} coreUrl the core module, `/_resuma/core.HASH.js` (under the app's mount
 *   path when its router is nested); chunks are fetched beside it, from `handler/`
 * @param {string[]} eventTypes the DOM event types the page has handlers for
 * @param {1} [prefetch] prefetch the core and the chunks on intent
 */
export default (coreUrl, eventTypes, prefetch) => {
  const chunkUrl = (value) => coreUrl.replace(/[^/]*$/, `handler/${value.replace(/^!|#.*/g, "")}.js`);
  // One import per URL, so the core and each chunk are fetched once however many events
  // need them. A failed import is forgotten, so a later event can try the network again.
  const imports = {};
  const load = (url) =>
    imports[url] ||
    (imports[url] = import(url).catch((error) => {
      delete imports[url];
      throw error;
    }));
  // `<link rel=modulepreload>`: fetched and parsed now, run only when imported, so the
  // import on the first event finds it ready (or joins its fetch). Once per URL; returns
  // the link, so `preload(a) && preload(b)` preloads both.
  const preloaded = {};
  const preload = (href) =>
    preloaded[href] ||
    (preloaded[href] = document.head.appendChild(Object.assign(document.createElement("link"), { rel: "modulepreload", href })));

  // The replay of the previous event, resolved once that event's handlers have *started*:
  // each event waits for the one before it to start, not to finish, so events keep their
  // order while modules load and a slow async handler holds up no later event.
  let previous;

  // Runs the handlers of one event, innermost first, as bubbling would. A handler that
  // calls `stopPropagation()` ends the walk; reading `cancelBubble` both as soon as `run`
  // returns and after it settles sees it whether the handler ran during the browser's
  // dispatch (which clears the flag when it ends) or after it. `run` never rejects (it
  // logs and shows a handler's error itself), so no `try` is needed here (18 B).
  const replay = async (core, handlers, event) => {
    for (const [element, value] of handlers) {
      const done = core.run(element, value, event);
      const stopped = event.cancelBubble;
      await done;
      if (stopped || event.cancelBubble) return;
    }
  };

  // One listener for the page's events and, with prefetch on, for intent: every handler
  // on the path is prefetched (a no-op once fetched), and those for this event's type run.
  // An intent event's type is no page event's, unless the page has handlers for it.
  const onEvent = (event) => {
    const handlers = [];
    // What this event's replay waits for: the previous event's, and the chunks, which
    // start loading now, side by side with the core.
    const pending = [previous];
    // Found now, while the event still has its path; a non-bubbling event (focus,
    // mouseenter, …) runs the target's handler only.
    for (let element = event.target; element?.getAttribute; element = event.bubbles && element.parentElement) {
      for (const type of eventTypes) {
        const value = element.getAttribute("data-r-on:" + type);
        if (value) {
          if (prefetch) preload(coreUrl) && preload(chunkUrl(value));
          if (type == event.type) {
            if (value[0] == "!") event.preventDefault();
            handlers.push([element, value]);
            pending.push(load(chunkUrl(value)));
          }
        }
      }
    }
    if (handlers[0]) {
      previous = Promise.all([load(coreUrl), ...pending]).then(([core]) => {
        replay(core, handlers, event);
      }, console.error);
    }
  };

  // The page's events are not passive: touch and wheel listeners on `document` are
  // passive by default, and a passive listener cannot `preventDefault()`. Intent ones
  // are, so a touch never waits for the loader to scroll; a type in both keeps the first
  // registration (same listener, same capture).
  const listen = (types, passive) => {
    for (const type of types) document.addEventListener(type, onEvent, { capture: true, passive });
  };
  listen(eventTypes, false);
  if (prefetch) listen(["pointerover", "focusin", "touchstart"], true);
};
