//! Slots and their cells: the page's state as the server serialised it.
//!
//! `<script type="resuma/state">` holds one JSON array, slot `i` at index `i`. It is
//! parsed once, on the first cell asked for; each cell is created on first use and then
//! shared by every handler and binding that names its slot. Items a list renders in the
//! browser get new slots after the server's. When a form's response replaces the DOM,
//! `replaced()` drops the parsed state, never a cell: each cell that exists shows its
//! value again in the text now bound to it.

import { Cell } from "./signals.js";
import { bindings, rescan, writeText } from "./dom.js";

let slots;
const cells = [];

/**
 * The cell of `slot`.
 * @param {number} slot
 * @returns {Cell}
 */
export const cell = (slot) => cells[slot] || (cells[slot] = createCell(slot));

// A cell bound to the text nodes the server wrote for its slot: the ones the page has
// when it changes, so that after `replaced()` it follows the nodes of the new DOM.
const createCell = (slot) => {
  const it = new Cell(state()[slot]);
  it._subscribe(() => show(slot));
  return it;
};

const show = (slot) => {
  for (const [open, close] of bindings()[slot] || []) writeText(open, close, cells[slot].v);
};

/**
 * The DOM was replaced (a form's response morphed into the page, `../form/`): the state
 * script and the binding comments are read again, for the cells created from now on. The
 * cells that exist stay, and show their value in the text bound to them in the new DOM,
 * where the server wrote its own render of it (a counter the user clicked to 3 that the
 * re-rendered page shows as 0 shows 3 again, before the browser paints).
 */
export const replaced = () => {
  slots = 0;
  rescan();
  cells.forEach((_, slot) => show(slot));
};

const state = () =>
  slots || (slots = JSON.parse(document.querySelector('script[type="resuma/state"]')?.textContent || "[]", exact));

/**
 * A `JSON.parse` reviver keeping integers past 2^53 exact: such a number (a Rust `u64`
 * or `i64`, written as digits by the server) becomes a BigInt, the form rs2js computes
 * 64-bit values past 2^53 in. It reads the number's source text, which browsers give a
 * reviver since JSON.parse source text access (Chromium 114, Firefox 135, Safari 18.4).
 */
export const exact = (_, value, context) =>
  value % 1 || Number.isSafeInteger(value) || !/^-?\d+$/.test(context?.source) ? value : BigInt(context.source);

/**
 * A new slot holding `value`; returns its number.
 * @param {unknown} value
 */
export const newSlot = (value) => {
  const slot = Math.max(cells.length, state().length);
  cells[slot] = new Cell(value);
  return slot;
};
