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
var newSlot = (value) => {
  const slot = Math.max(cells.length, state().length);
  cells[slot] = new Cell(value);
  return slot;
};

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

// src/reactive.js
Cell.prototype._notify = function() {
  for (const subscriber of [...this._subscribers]) {
    if (subscriber()) this._subscribers.splice(this._subscribers.indexOf(subscriber), 1);
  }
};
Cell.prototype._force = function(value) {
  this.v = value;
  this._notify();
};
var scan2 = (root, fresh) => {
  const others = [];
  const elements = [];
  const open = [];
  const walker = document.createTreeWalker(root, 129, (node) => node.hasAttribute?.("data-r-island") ? 2 : 1);
  for (let node = root; node; node = walker.nextNode()) {
    node.getAttribute?.("data-r-a") && elements.push(node);
    if (/^[rf]:/.test(node.data)) open.push(node);
    else if (/^\/[rf]$/.test(node.data) && open[0]) {
      const start = open.pop();
      const slot = /^r:(\d+)$/.exec(start.data);
      if (!slot) others.push([start, node]);
      else if (fresh) {
        const it = cell(+slot[1]);
        follow(start, Object.assign(() => it.v, { cells: [it] }), (text) => writeText(start, node, text), 1);
      }
    }
  }
  return [others, elements];
};
var replayed = /* @__PURE__ */ new Set();
var resume = async (root = document, island2, again) => {
  root.removeAttribute?.("data-r-island");
  const [pairs, elements] = scan2(root);
  const graph = JSON.parse(document.querySelector('script[type="resuma/graph"]')?.textContent || "[]");
  const entries = graph.filter((entry) => entry[4] == island2);
  const names = /* @__PURE__ */ new Set();
  const collect = (text) => text.replace(/([^\s=|,:]+)#[tb]\d+/g, (_, name) => names.add(name));
  for (const [open] of pairs) collect(open.data);
  for (const element of elements) collect(element.getAttribute("data-r-a"));
  for (const entry of entries) collect(entry[2]);
  await Promise.all([...names].map(load));
  const fresh = entries.filter((entry, id) => !replayed.has(id = JSON.stringify(entry)) && replayed.add(id));
  for (const [kind, arg, address, deps] of fresh) replay(kind, arg, thunk(address), deps);
  bind(pairs, elements, again);
  for (const [kind, , address] of fresh) island2 && kind == "e" && guard(thunk(address))();
};
var rebind = () => resume(document, void 0, 1);
var resolve = (address) => {
  const [, chunk, name, list] = /^([^#]*)#(\w+)\|?(.*)/.exec(address);
  const slots2 = list ? list.split(",").map(Number) : [];
  return [modules[chunk][name], slots2.map(cell), chunk, slots2];
};
var thunk = (address) => {
  const [f, cells2] = resolve(address);
  const evaluate = () => f(...cells2);
  evaluate.cells = cells2;
  return evaluate;
};
var show2 = (error) => showError(document.body, error);
var guard = (f) => () => {
  try {
    const value = f();
    value instanceof Promise && value.catch(show2);
    return value;
  } catch (error) {
    show2(error);
  }
};
var watch = (cells2, effect) => {
  effect = guard(effect);
  for (const it of cells2) it._subscribe(effect);
};
var follow = (node, value, write, fresh) => {
  const spec = node._spec;
  const update = () => write(value());
  watch(value.cells, () => node.isConnected && node._spec == spec ? update() : 1);
  fresh && update();
  return update;
};
var replay = (kind, arg, evaluate, deps) => {
  let timer;
  const run3 = guard(evaluate);
  watch(
    deps.map(cell),
    kind == "c" ? () => void cell(arg).set(evaluate()) : kind == "d" ? () => {
      clearTimeout(timer);
      timer = setTimeout(run3, arg);
    } : () => void evaluate()
  );
};
var bind = (pairs, elements, fresh) => {
  for (const [open, close] of pairs) {
    const address = open.data.slice(2);
    open._bound ? fresh && open._bound() : open._bound = guard(
      open.data[0] == "r" ? follow(open, thunk(address), (text) => writeText(open, close, text), fresh) : block(open, close, address, fresh)
    );
  }
  for (const element of elements) {
    const spec = element.getAttribute("data-r-a");
    if (element._spec == spec) {
      fresh && element._bound();
      continue;
    }
    element._spec = spec;
    const updates = [];
    for (const binding of spec.split(" ")) {
      const [, name, address] = /^([^=]+)=(.*)/.exec(binding);
      let value;
      if (/^\d+$/.test(address)) {
        const it = cell(+address);
        value = Object.assign(() => it.v, { cells: [it] });
      } else value = thunk(address);
      const update = follow(element, value, (v) => setAttribute(element, name, v), fresh);
      PROPERTIES.test(name) || updates.push(update);
    }
    element._bound = guard(() => updates.map((update) => update()));
  }
};
var PROPERTIES = /^(value|checked|selected)$/;
var URL_ATTRIBUTES = /^(href|src|action|formaction|poster|cite|data|background|ping|xlink:href|codebase|manifest)$/i;
var UNSAFE_URL = /^(javascript|vbscript|data):/i;
var setAttribute = (element, name, value) => {
  if (Array.isArray(value)) value = value.join("");
  if (PROPERTIES.test(name)) {
    value = name == "value" ? String(value ?? "") : !!value;
    if (element[name] !== value) element[name] = value;
  } else if (value === false || value == null) {
    element.hasAttribute(name) && element.removeAttribute(name);
  } else {
    value = value === true ? "" : String(value);
    if (URL_ATTRIBUTES.test(name) && UNSAFE_URL.test(value.replace(/[\x00-\x20]/g, ""))) {
      value = "about:invalid#resuma-unsafe-url";
    }
    element.getAttribute(name) !== value && element.setAttribute(name, value);
  }
};
var block = (open, close, address, fresh) => {
  const [[when, key, template], cells2, chunk, slots2] = resolve(address);
  const render = (html, before) => {
    const holder = document.createElement("template");
    holder.innerHTML = html;
    const content = holder.content;
    bind(...scan2(content, 1), 1);
    const nodes = [...content.childNodes];
    close.parentNode.insertBefore(content, before);
    return nodes;
  };
  let shown, items, update;
  const read = () => {
    shown = open.nextSibling != close;
    items = [];
    for (let node = open.nextSibling; key && node != close; node = node.nextSibling) {
      const slot = node.nodeType == 8 && /^i:(\d+)$/.exec(node.data);
      if (slot) {
        const it = cell(+slot[1]);
        items.push({ k: key(it.v), c: it, s: node });
      }
    }
  };
  if (!key) {
    update = () => {
      if (!open.isConnected) return 1;
      const show3 = !!when(...cells2);
      if (show3 != shown) {
        shown = show3;
        if (show3) render(template(chunk, slots2), close);
        else while (open.nextSibling != close) open.nextSibling.remove();
      }
    };
  } else {
    update = () => {
      if (!open.isConnected) return 1;
      const old = new Map(items.map((item) => [item.k, item]));
      const next = cells2[0].v.map((value) => {
        const k = key(value);
        const item = old.get(k);
        if (!item) return { k, v: value };
        old.delete(k);
        item.c._force(value);
        return item;
      });
      items.forEach((item, idx) => {
        item.n = [];
        for (let node = item.s, end = items[idx + 1]?.s || close; node != end; node = node.nextSibling) item.n.push(node);
      });
      for (const item of old.values()) for (const node of item.n) node.remove();
      for (const item of next) {
        if (!item.s) {
          const slot = newSlot(item.v);
          item.c = cell(slot);
          item.n = render(`<!--i:${slot}-->` + template(chunk, slots2, slot), close);
          item.s = item.n[0];
        }
      }
      items = next;
      let at = open.nextSibling;
      for (const item of items) {
        if (item.s == at) at = item.n.at(-1).nextSibling;
        else for (const node of item.n) close.parentNode.insertBefore(node, at);
      }
    };
  }
  const refresh = () => {
    read();
    update();
  };
  watch(key ? [cells2[0]] : cells2, update);
  fresh ? refresh() : read();
  return refresh;
};

// src/core/reactive-index.js
var bound;
var ready;
function run2(element, value, event) {
  if (ready) return run(element, value, event);
  return (bound || (bound = resume())).then(
    () => {
      ready = 1;
      return run(element, value, event);
    },
    (error) => {
      bound = 0;
      showError(element, error);
    }
  );
}
var island = (element, number) => (bound || (bound = resume())).then(() => resume(element, number));
var replaced2 = __resuma._replaced;
__resuma._replaced = () => {
  replaced2();
  ready && rebind().catch(show2);
};
export {
  island,
  run2 as run
};
