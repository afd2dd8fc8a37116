//! The reactive module: bindings beyond text showing one signal. The core imports it on
//! the first interaction of a page that has any (docs/resumability.md, "Thunks",
//! "Attributes", "Blocks", "Derived values and effects"); other pages never fetch it.
//!
//! - `<!--r:CHUNK#tN|SLOTS-->…<!--/r-->`: text from a thunk, re-evaluated when a cell it
//!   takes changes.
//! - `data-r-a="NAME=SLOT NAME=CHUNK#tN|SLOTS"`: attributes bound to a signal or a thunk.
//! - `<!--f:CHUNK#bN|SLOTS-->…<!--/f-->`: a `<For>` (keyed list) or `<Show>` block whose
//!   content is rendered here from the chunk's template when its cells change.
//! - `<script type="resuma/graph">`: `computed!`, `effect!` and `debounce!` replays.
//!
//! Everything a thunk needs is in its chunk, loaded before binding, so updates run
//! synchronously, in the order the changes happen. This module is part of the reactive
//! core (`core/reactive-index.js`) only.

import { cell, newSlot } from "./core/state.js";
import { writeText } from "./core/dom.js";
import { showError } from "./core/errors.js";
import { load, modules } from "./core/run.js";
import { Cell } from "./core/signals.js";

// What only the reactive core needs of a cell: a subscriber that returns a truthy value
// is dropped (its nodes left the page), and `_force` notifies even when the value is the
// same object (a list item changed in place).
Cell.prototype._notify = function () {
  // A snapshot: a subscriber may subscribe others (a list rendering an item).
  for (const subscriber of [...this._subscribers]) {
    if (subscriber()) this._subscribers.splice(this._subscribers.indexOf(subscriber), 1);
  }
};
Cell.prototype._force = function (value) {
  this.v = value;
  this._notify();
};

/**
 * Binds `root`: subscribes each `<!--r:SLOT-->` pair of `fresh` nodes (just rendered from
 * a template; the page's own are bound as their cells are created) and writes its value.
 * Nothing inside an island that has not started (an element with `data-r-island`) is
 * found: its bindings wait for it, so its chunk is not loaded before.
 * @returns {[Comment[][], Element[]]} the other comment pairs, and the elements with
 *   `data-r-a` (`root` included)
 */
const scan = (root, fresh) => {
  const others = [];
  const elements = [];
  const open = [];
  // Comments and elements (128 | 1); an island's subtree is rejected (2) whole.
  const walker = document.createTreeWalker(root, 129, (node) => (node.hasAttribute?.("data-r-island") ? 2 : 1));
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

// The graph entries replayed so far (as JSON): a page bound again after a form's answer
// replays only those the answer brought.
const replayed = new Set();

/**
 * Binds `root`: the page (before the first handler runs or the first island starts), or
 * island number `island` as it starts (its element, whose `data-r-island` then goes), or,
 * `again`, the page after a form's answer was morphed into it (`rebind`). Each takes the
 * graph entries of its island (the page: those of none) not replayed yet; every chunk
 * named by a binding is loaded first, so thunks then run synchronously. An island's
 * effects then run, once (docs/resumability.md, "Islands").
 * @param {Document | Element} root
 * @param {string} [island]
 * @param {1} [again]
 */
export const resume = async (root = document, island, again) => {
  root.removeAttribute?.("data-r-island");
  const [pairs, elements] = scan(root);
  const graph = JSON.parse(document.querySelector('script[type="resuma/graph"]')?.textContent || "[]");
  const entries = graph.filter((entry) => entry[4] == island);
  const names = new Set();
  const collect = (text) => text.replace(/([^\s=|,:]+)#[tb]\d+/g, (_, name) => names.add(name));
  for (const [open] of pairs) collect(open.data);
  for (const element of elements) collect(element.getAttribute("data-r-a"));
  for (const entry of entries) collect(entry[2]);
  await Promise.all([...names].map(load));
  const fresh = entries.filter((entry, id) => !replayed.has((id = JSON.stringify(entry))) && replayed.add(id));
  for (const [kind, arg, address, deps] of fresh) replay(kind, arg, thunk(address), deps);
  bind(pairs, elements, again);
  for (const [kind, , address] of fresh) island && kind == "e" && guard(thunk(address))();
};

/**
 * The page after a form's answer was morphed into it (`../form/`, through
 * `core/reactive-index.js`): the bindings it kept show their cells' values again (the
 * morph wrote the server's render into them), and those it brought are bound and show
 * them too. Graph entries new to the page are replayed; their effects do not run (the
 * server ran them for this render).
 */
export const rebind = () => resume(document, undefined, 1);

// `CHUNK#NAME|SLOT,SLOT` → `[export, cells, chunk, slots]`.
const resolve = (address) => {
  const [, chunk, name, list] = /^([^#]*)#(\w+)\|?(.*)/.exec(address);
  const slots = list ? list.split(",").map(Number) : [];
  return [modules[chunk][name], slots.map(cell), chunk, slots];
};

// A thunk as a function of nothing, and the cells it takes.
const thunk = (address) => {
  const [f, cells] = resolve(address);
  const evaluate = () => f(...cells);
  evaluate.cells = cells;
  return evaluate;
};

/** Shows `error` in the page, as a handler's is (`core/errors.js`). */
export const show = (error) => showError(document.body, error);

// `f`, with an error shown in the page (like a handler's) rather than thrown; also an
// async one's (an async `effect!` or `debounce!`, which returns a promise).
const guard = (f) => () => {
  try {
    const value = f();
    value instanceof Promise && value.catch(show);
    return value;
  } catch (error) {
    show(error);
  }
};

// Calls `effect` whenever one of `cells` changes, until it returns a truthy value.
const watch = (cells, effect) => {
  effect = guard(effect);
  for (const it of cells) it._subscribe(effect);
};

// Keeps `node` in step with `value` through `write`; writes now when `fresh`. Once the
// node has left the page (a removed item), or was bound anew (a morph changed its
// `data-r-a`, `_spec`), it unsubscribes. Returns the write, for `rebind`.
const follow = (node, value, write, fresh) => {
  const spec = node._spec;
  const update = () => write(value());
  watch(value.cells, () => (node.isConnected && node._spec == spec ? update() : 1));
  fresh && update();
  return update;
};

const replay = (kind, arg, evaluate, deps) => {
  let timer;
  const run = guard(evaluate);
  watch(
    deps.map(cell),
    kind == "c"
      ? () => void cell(arg).set(evaluate())
      : kind == "d"
        ? () => {
            clearTimeout(timer);
            timer = setTimeout(run, arg);
          }
        : () => void evaluate(),
  );
};

/**
 * Binds comment pairs and elements (`fresh`: just rendered, or morphed in, so write their
 * values now). Each is bound once: it keeps its refresh as `_bound`, which `fresh` calls
 * instead (an element: while its `data-r-a` is the one it was bound with, `_spec`).
 */
const bind = (pairs, elements, fresh) => {
  for (const [open, close] of pairs) {
    const address = open.data.slice(2);
    open._bound
      ? fresh && open._bound()
      : (open._bound = guard(
          open.data[0] == "r"
            ? follow(open, thunk(address), (text) => writeText(open, close, text), fresh)
            : block(open, close, address, fresh),
        ));
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
      // A property (`value`, `checked`, `selected`) is not the morph's: it still shows
      // what this binding or the user last set (`form/morph.js`).
      PROPERTIES.test(name) || updates.push(update);
    }
    element._bound = guard(() => updates.map((update) => update()));
  }
};

const PROPERTIES = /^(value|checked|selected)$/;

// The same rule as the server's `render_url_attr`: a URL attribute that would run script
// gets an inert value instead. The list is analysis' `URL_ATTRIBUTES` (a Rust test holds
// the two equal) and, like `is_url_attribute`, ignores case: `<a HREF={url}>` is checked.
const URL_ATTRIBUTES = /^(href|src|action|formaction|poster|cite|data|background|ping|xlink:href|codebase|manifest)$/i;
const UNSAFE_URL = /^(javascript|vbscript|data):/i;

/** Sets attribute `name` as the server renders a value of that type. */
const setAttribute = (element, name, value) => {
  if (Array.isArray(value)) value = value.join(""); // a tuple of parts
  if (PROPERTIES.test(name)) {
    // The property, which is what the page shows once the user has typed or clicked.
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

// A block: `[when, key, template]` from its chunk. With a key, a list over its first
// cell; without, a `<Show>` whose content is there while `when(...cells)` holds. Returns
// its refresh: what is between its comments is read again (a morph changed it) and made
// to show the cells' values.
const block = (open, close, address, fresh) => {
  const [[when, key, template], cells, chunk, slots] = resolve(address);
  const render = (html, before) => {
    const holder = document.createElement("template");
    holder.innerHTML = html;
    const content = holder.content;
    bind(...scan(content, 1), 1);
    const nodes = [...content.childNodes];
    close.parentNode.insertBefore(content, before);
    return nodes;
  };
  let shown, items, update;
  // What the page shows: whether the content is there; the items in page order,
  // `{k: key, c: cell, s: its `<!--i:SLOT-->` comment}`.
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
      const show = !!when(...cells);
      if (show != shown) {
        shown = show;
        if (show) render(template(chunk, slots), close);
        else while (open.nextSibling != close) open.nextSibling.remove();
      }
    };
  } else {
    update = () => {
      if (!open.isConnected) return 1;
      const old = new Map(items.map((item) => [item.k, item]));
      const next = cells[0].v.map((value) => {
        const k = key(value);
        const item = old.get(k);
        if (!item) return { k, v: value };
        old.delete(k);
        // The same key: the item keeps its nodes; its bindings follow its new value.
        item.c._force(value);
        return item;
      });
      // Each item's nodes, from its comment to the next item's (or the block's end).
      items.forEach((item, idx) => {
        item.n = [];
        for (let node = item.s, end = items[idx + 1]?.s || close; node != end; node = node.nextSibling) item.n.push(node);
      });
      for (const item of old.values()) for (const node of item.n) node.remove();
      for (const item of next) {
        if (!item.s) {
          const slot = newSlot(item.v);
          item.c = cell(slot);
          item.n = render(`<!--i:${slot}-->` + template(chunk, slots, slot), close);
          item.s = item.n[0];
        }
      }
      items = next;
      // Into order, moving only what is out of place.
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
  watch(key ? [cells[0]] : cells, update);
  fresh ? refresh() : read();
  return refresh;
};
