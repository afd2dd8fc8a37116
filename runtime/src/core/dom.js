//! Bound text: the `<!--r:SLOT-->…<!--/r-->` comment pairs the server writes around every
//! text node that shows a signal.
//!
//! The document is scanned once, on the first cell created, and again after a form's
//! response replaced the DOM (`rescan`). An update touches only what
//! lies between the two comments of a binding, never the elements around it. The other
//! bindings (thunks, attributes, blocks) are the reactive core's (`../reactive.js`).

let found;

/**
 * The page's bound text, by slot: `[open, close]` comment pairs.
 * @returns {Record<number, [Comment, Comment][]>}
 */
export const bindings = () => found || (found = scan());

/** Forgets the scan: the next `bindings()` scans the document again (`state.js`, `replaced`). */
export const rescan = () => {
  found = 0;
};

const scan = () => {
  const bySlot = {};
  const open = [];
  const walker = document.createTreeWalker(document, 128 /* NodeFilter.SHOW_COMMENT */);
  for (let node; (node = walker.nextNode()); ) {
    if (node.data.startsWith("r:")) open.push(node);
    else if (node.data == "/r" && open[0]) {
      const start = open.pop();
      const slot = start.data.slice(2);
      // A thunk's text (`r:CHUNK#tN|…`) is the reactive core's.
      if (/^\d+$/.test(slot)) (bySlot[slot] = bySlot[slot] || []).push([start, node]);
    }
  }
  return bySlot;
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
