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
  /** Calls `subscriber()` on every change from now on. */
  _subscribe(subscriber) {
    this._subscribers.push(subscriber);
  }
  _notify() {
    for (const subscriber of this._subscribers) subscriber();
  }
};

// src/core/dom.js
var found;
var bindings = () => found || (found = scan());
var rescan = () => {
  found = 0;
};
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
      if (/^\d+$/.test(slot)) (bySlot[slot] = bySlot[slot] || []).push([start, node]);
    }
  }
  return bySlot;
};
var writeText = (open, close, value) => {
  const text = String(value ?? "");
  const node = open.nextSibling;
  if (node.nodeType == 3 && node.nextSibling == close) node.data != text && (node.data = text);
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
  const it = new Cell(state()[slot]);
  it._subscribe(() => show(slot));
  return it;
};
var show = (slot) => {
  for (const [open, close] of bindings()[slot] || []) writeText(open, close, cells[slot].v);
};
var replaced = () => {
  slots = 0;
  rescan();
  cells.forEach((_, slot) => show(slot));
};
var state = () => slots || (slots = JSON.parse(document.querySelector('script[type="resuma/state"]')?.textContent || "[]", exact));
var exact = (_, value, context) => value % 1 || Number.isSafeInteger(value) || !/^-?\d+$/.test(context?.source) ? value : BigInt(context.source);

// src/core/errors.js
var showError = (element, error) => {
  console.error(error);
  let target = element.isConnected && element.closest("[data-r-error]") || document.querySelector("[data-r-error]");
  if (!target) {
    target = document.createElement("div");
    target.setAttribute("data-r-error", "");
    target.setAttribute("role", "alert");
    document.body.append(target);
  }
  target.textContent = String(error?.message || error);
  target.hidden = false;
};

// src/core/actions.js
var ActionError = class extends Error {
  /**
   * @param {string} kind
   * @param {number} status
   * @param {string} message
   * @param {unknown} [data]
   */
  constructor(kind, status, message, data) {
    super(message);
    this.name = "ActionError";
    this.kind = kind;
    this.status = status;
    this.data = data;
  }
};
var action = async (name, args) => {
  const body = await post(name, args);
  if ("ok" in body) return body.ok;
  throw new ActionError("err", 200, body.message || `Action ${name} returned an error`, body.err);
};
var result = async (name, args) => {
  const body = await post(name, args);
  return "ok" in body ? { Ok: body.ok } : { Err: body.err };
};
var post = async (name, args) => {
  let status = 0;
  let response;
  let body;
  const fail = (kind2, message2) => {
    const error = new ActionError(kind2, status, message2);
    if (status == 429) {
      const header = response.headers.get("retry-after");
      const seconds = /^\d+$/.test(header) ? +header : Math.ceil((Date.parse(header) - Date.now()) / 1e3);
      if (seconds == seconds) error.retryAfter = Math.max(0, seconds);
    }
    throw error;
  };
  try {
    response = await fetch(new URL("action/" + encodeURIComponent(name), import.meta.url), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-resuma-csrf": document.querySelector('meta[name="resuma-csrf"]')?.content ?? ""
      },
      // A BigInt (a 64-bit value past 2^53) goes as the digits serde reads as u64/i64.
      body: JSON.stringify(args, (_, value) => typeof value == "bigint" ? JSON.rawJSON(value) : value),
      credentials: "same-origin"
    });
    body = await response.text();
  } catch (error) {
    fail("network", `Action ${name} failed: ${error.message}`);
  }
  status = response.status;
  try {
    body = Object(JSON.parse(body, exact));
  } catch {
    fail("bad_response", `Action ${name} failed: HTTP ${status}, not JSON`);
  }
  if (response.ok && ("ok" in body || "err" in body)) return body;
  const { kind = "bad_response", message = `Action ${name} failed: HTTP ${status}` } = Object(body.error);
  fail(kind, message);
};

// src/core/global.js
globalThis.__resuma || (globalThis.__resuma = { action, result, ActionError, _replaced: replaced });

// src/core/run.js
var modules = {};
var load = async (name) => modules[name] || (modules[name] = await import(new URL(`handler/${name}.js`, import.meta.url)));
async function run(element, value, event) {
  try {
    const [, chunk, index, slots2] = /^!?([^#]+)#(\d+)\|?(.*)/.exec(value);
    const module = modules[chunk] || await load(chunk);
    await module["h" + index](event, ...slots2 ? slots2.split(",").map((slot) => cell(+slot)) : []);
  } catch (error) {
    showError(element, error);
  }
}
export {
  run
};
