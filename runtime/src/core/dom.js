//! Bindings in the markup: the comment pairs the server writes around bound text
//! (`<!--r:ADDRESS-->…<!--/r-->`) and around client-rendered blocks
//! (`<!--f:ADDRESS-->…<!--/f-->`), and the elements with bound attributes (`data-r-a`).
//!
//! The core binds the common case itself, text showing one signal (`<!--r:SLOT-->`); the
//! rest (thunks, attributes, blocks) goes to the reactive module, which pages without
//! such bindings never load. An update touches only what lies between the two comments
//! of a binding, never the elements around it.

import { cell } from "./state.js";

/**
 * Binds what lies in `root`: subscribes each `<!--r:SLOT-->` pair to its cell (and, for
 * `fresh` nodes just rendered from a template, writes the current value now).
 * @param {Node} root
 * @param {boolean} [fresh]
 * @returns {[Comment[][], Element[]]} the other comment pairs, and the elements with
 *   `data-r-a`, for the reactive module
 */
export const scan = (root, fresh) => {
  const others = [];
  const open = [];
  const walker = document.createTreeWalker(root, 128 /* NodeFilter.SHOW_COMMENT */);
  for (let node; (node = walker.nextNode()); ) {
    const data = node.data;
    if (/^[rf]:/.test(data)) open.push(node);
    else if (/^\/[rf]$/.test(data) && open[0]) {
      const start = open.pop();
      const slot = /^r:(\d+)$/.exec(start.data);
      if (slot) {
        const it = cell(+slot[1]);
        if (fresh) writeText(start, node, it.v);
        // A binding whose nodes left the page (a removed list item) unsubscribes.
        it._subscribe(() => (start.isConnected ? writeText(start, node, it.v) : 1));
      } else others.push([start, node]);
    }
  }
  return [others, [...(root.querySelectorAll ? root.querySelectorAll("[data-r-a]") : [])]];
};

/**
 * Shows `value` between `open` and `close` as one text node (`String(value)`, empty for
 * `null` and `undefined`). The usual case, a text node already there, is changed in
 * place, and only when the text differs.
 */
export const writeText = (open, close, value) => {
  const text = String(value ?? "");
  const node = open.nextSibling;
  if (node.nodeType == 3 && node.nextSibling == close) node.data != text && (node.data = text);
  else {
    while (open.nextSibling != close) open.nextSibling.remove();
    close.before(text);
  }
};
