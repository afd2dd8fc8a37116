//! Slots and their cells: the page's state as the server serialised it.
//!
//! `<script type="resuma/state">` holds one JSON array, slot `i` at index `i`. It is
//! parsed once, on the first cell asked for; each cell is created on first use and then
//! shared by every handler and binding that names its slot. Items a list renders in the
//! browser get new slots after the server's.

import { Cell } from "./signals.js";
import { bindings, writeText } from "./dom.js";

let slots;
const cells = [];

/**
 * The cell of `slot`.
 * @param {number} slot
 * @returns {Cell}
 */
export const cell = (slot) => cells[slot] || (cells[slot] = createCell(slot));

// A cell bound to the text nodes the server wrote for its slot.
const createCell = (slot) => {
  const it = new Cell(state()[slot]);
  for (const [open, close] of bindings()[slot] || []) it._subscribe(() => writeText(open, close, it.v));
  return it;
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
