/* Built by runtime/build.mjs from runtime/src: edit those, then run `node build.mjs`. */
((coreUrl, eventTypes) => {
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
        pending.push(load(`${coreUrl.replace(/[^/]*$/, "")}handler/${value.replace(/^!|#.*/g, "")}.js`));
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
})
