/* Built by runtime/build.mjs from runtime/src: edit those, then run `node build.mjs`. */
((coreUrl, eventTypes, prefetch) => {
  const chunkUrl = (value) => coreUrl.replace(/[^/]*$/, `handler/${value.replace(/^!|#.*/g, "")}.js`);
  const imports = {};
  const load = (url) => imports[url] || (imports[url] = import(url).catch((error) => {
    delete imports[url];
    throw error;
  }));
  const preloaded = {};
  const preload = (href) => preloaded[href] || (preloaded[href] = document.head.appendChild(Object.assign(document.createElement("link"), { rel: "modulepreload", href })));
  let previous;
  const replay = async (core, handlers, event) => {
    for (const [element, value] of handlers) {
      const done = core.run(element, value, event);
      const stopped = event.cancelBubble;
      await done;
      if (stopped || event.cancelBubble) return;
    }
  };
  const onEvent = (event) => {
    const handlers = [];
    const pending = [previous];
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
  const listen = (types, passive) => {
    for (const type of types) document.addEventListener(type, onEvent, { capture: true, passive });
  };
  listen(eventTypes, false);
  if (prefetch) listen(["pointerover", "focusin", "touchstart"], true);
})
