/* Built by runtime/build.mjs from runtime/src: edit those, then run `node build.mjs`. */
// src/core/signals.js
var Cell = class {
  /** @param {unknown} value the slot's value from the server render */
  constructor(value) {
    this.v = value;
    this._subscribers = [];
  }
  /** The current value. */
  get() {
    return this.v;
  }
  /** Stores `value`; notifies only when it changed (`Object.is`). */
  set(value) {
    if (!Object.is(this.v, value)) {
      this.v = value;
      this._notify();
    }
  }
  /** Stores `f(value)` and always notifies: `f` may have changed an array or object in place. */
  update(f) {
    this.v = f(this.v);
    this._notify();
  }
  /** `f(value)`, for reading without copying. */
  with(f) {
    return f(this.v);
  }
  /** Calls `subscriber(value)` on every change from now on. */
  _subscribe(subscriber) {
    this._subscribers.push(subscriber);
  }
  _notify() {
    for (const subscriber of this._subscribers) subscriber(this.v);
  }
};

// src/core/dom.js
var found;
var bindings = () => found || (found = scan());
var scan = () => {
  const bySlot = {};
  const open = [];
  const walker = document.createTreeWalker(
    document,
    128
    /* NodeFilter.SHOW_COMMENT */
  );
  for (let node; node = walker.nextNode(); ) {
    if (node.data.startsWith("r:")) open.push(node);
    else if (node.data == "/r" && open[0]) {
      const start = open.pop();
      const slot = start.data.slice(2);
      (bySlot[slot] = bySlot[slot] || []).push([start, node]);
    }
  }
  return bySlot;
};
var writeText = (open, close, value) => {
  const text = String(value ?? "");
  const node = open.nextSibling;
  if (node.nodeType == 3 && node.nextSibling == close) node.data = text;
  else {
    while (open.nextSibling != close) open.nextSibling.remove();
    close.before(text);
  }
};

// src/core/state.js
var slots;
var cells = [];
var cell = (slot) => cells[slot] || (cells[slot] = createCell(slot));
var createCell = (slot) => {
  slots = slots || JSON.parse(document.querySelector('script[type="resuma/state"]')?.textContent || "[]");
  const it = new Cell(slots[slot]);
  for (const [open, close] of bindings()[slot] || []) it._subscribe((value) => writeText(open, close, value));
  return it;
};

// src/core/index.js
var modules = {};
async function run(element, value, event) {
  const [, chunk, index, slots2] = /^!?([^#]+)#(\d+)\|?(.*)/.exec(value);
  const module = modules[chunk] || (modules[chunk] = await import(`/_resuma/handler/${chunk}.js`));
  await module["h" + index](event, ...slots2 ? slots2.split(",").map((slot) => cell(+slot)) : []);
}
export {
  run
};
