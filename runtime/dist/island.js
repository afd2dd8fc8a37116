/* Built by runtime/build.mjs from runtime/src: edit those, then run `node build.mjs`. */
((coreUrl) => {
  (self._islands = () => {
    for (const element of document.querySelectorAll("[data-r-island]")) {
      if (element._wired) continue;
      const start = () => {
        const [, number, chunk] = element.getAttribute("data-r-island")?.split(" ") || [];
        element._started || (element._started = number && Promise.all([import(coreUrl), chunk && import(coreUrl.replace(/[^/]*$/, `handler/${chunk}.js`))]).then(([core]) => core.island(element, number)).catch(console.error));
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
        const idle = () => (self.requestIdleCallback || setTimeout)(start);
        document.readyState == "complete" ? idle() : addEventListener("load", idle);
      } else {
        for (const type of ["pointerover", "focusin", "touchstart", "pointerdown"]) {
          element.addEventListener(type, start, { passive: true });
        }
      }
    }
  })();
})
