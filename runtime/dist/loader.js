/* Built by runtime/build.mjs from runtime/src: edit those, then run `node build.mjs`. */
((coreUrl, eventTypes, prefetch) => {
  const chunkUrl = (value) => `${coreUrl.replace(/[^/]*$/, "")}handler/${value.replace(/^!|#.*/g, "")}.js`;
  const imports = {};
  const load = (url) => imports[url] || (imports[url] = import(url).catch((error) => {
    delete imports[url];
    throw error;
  }));
  let previous;
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
    const pending = [previous];
    for (let element = event.target; element?.getAttribute; element = event.bubbles && element.parentElement) {
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
  for (const type of eventTypes) {
    document.addEventListener(type, onEvent, { capture: true, passive: false });
  }
  if (prefetch) {
    const preloaded = {};
    const preload = (href) => preloaded[href] || (preloaded[href] = document.head.appendChild(Object.assign(document.createElement("link"), { rel: "modulepreload", href })));
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
})
