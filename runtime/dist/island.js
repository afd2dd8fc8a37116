/* Built by runtime/build.mjs from runtime/src: edit those, then run `node build.mjs`. */
((coreUrl) => {
  for (const element of document.querySelectorAll("[data-r-island]")) {
    const [trigger, number, chunk] = element.getAttribute("data-r-island").split(" ");
    let started;
    const start = () => started || (started = Promise.all([import(coreUrl), chunk && import(coreUrl.replace(/[^/]*$/, `handler/${chunk}.js`))]).then(([core]) => core.island(element, number)).catch(console.error));
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
})
