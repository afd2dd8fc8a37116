//! The morph: turns a live subtree into its re-rendered version in place, keeping every
//! node that matches, so what the page holds on to survives (focus, selection, scroll,
//! listeners, the core's bindings, what the user typed).
//!
//! Matching, among the children of two matched nodes, new child by new child, from the
//! first old child not yet used onwards:
//! - an element matches the next old element with the same tag and the same key: its
//!   `id`, else its `data-r-form` (the `<Form>`'s submit name), else none; an element
//!   with a key never matches one without. So keyed elements are found where they moved
//!   to among their siblings, the others by tag at position;
//! - a text node matches the next old text node (its data is then updated);
//! - a comment matches the next old comment with exactly its data, so a binding's
//!   `<!--r:SLOT-->` only ever matches its own slot.
//! A new child nothing matches is moved into the page (its subtree whole); the old
//! children nothing matched are removed.
//!
//! Invariants:
//! - attributes are made equal to the new ones, but `nonce` (browsers hide its value from
//!   the DOM after load, and it differs per response anyway); properties are never set
//!   here, so a field the user typed into keeps its value (`value`, `checked` and
//!   `selected` follow the attributes only while the user has not changed them);
//!   the caller sets them where it means to (`fields.js`);
//! - nor `data-r-island` on an island that started (`_started`, set by the island
//!   script, `../island.js`): the core removed it, and with it back, binding would skip
//!   the island's subtree;
//! - `<script>` elements are never run, inserted or removed: the old ones stay in their
//!   parent, untouched (matched nodes may move before them), and the caller takes every
//!   script out of the new document first.
//!
//! Bound text (`<!--r:SLOT-->…<!--/r-->`) is morphed like any other: the server's render
//! of a signal lands in the page, and the core then shows the value of each cell it has
//! in the text bound to it (`__resuma._replaced()`, core/state.js), wherever that text
//! now is, in kept nodes or new ones, before the browser paints.

/**
 * Morphs `from` (in the page) into `to` (from a parsed response; nodes are moved out of it).
 * @param {Node} from
 * @param {Node} to a node `from` matches
 */
export const morph = (from, to) => {
  if (from.nodeType != 1) {
    if (from.data != to.data) from.data = to.data;
    return;
  }
  for (const { name, value } of to.attributes) {
    if (name != "nonce" && from.getAttribute(name) != value && !(name == "data-r-island" && from._started)) {
      from.setAttribute(name, value);
    }
  }
  for (const { name } of [...from.attributes]) {
    if (name != "nonce" && !to.hasAttribute(name)) from.removeAttribute(name);
  }
  let cur = from.firstChild;
  for (let next = to.firstChild; next; ) {
    const node = next;
    next = node.nextSibling;
    let match = cur;
    while (match && !same(match, node)) match = match.nextSibling;
    if (!match) {
      from.insertBefore(node, cur);
      continue;
    }
    morph(match, node);
    if (match == cur) cur = cur.nextSibling;
    else from.insertBefore(match, cur);
  }
  while (cur) {
    const it = cur;
    cur = cur.nextSibling;
    if (it.localName != "script") it.remove();
  }
};

// The key of an element (see above); "" for none, and for text and comments.
const key = (node) => node.id || node.getAttribute?.("data-r-form") || "";

const same = (old, node) =>
  old.nodeName == node.nodeName && (node.nodeType == 8 ? old.data == node.data : key(old) == key(node));
