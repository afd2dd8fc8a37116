//! Slots and their cells: the page's state as the server serialised it.
//!
//! `<script type="resuma/state">` holds one JSON array, slot `i` at index `i`. It is
//! parsed once, on the first cell asked for; each cell is created on first use and then
//! shared by every handler that captures its slot.

import { Cell } from "./signals.js";
import { bindings, writeText } from "./dom.js";

let slots;
const cells = [];

/**
 * The cell of `slot`, bound to the text nodes that show it.
 * @param {number} slot
 * @returns {Cell}
 */
export const cell = (slot) => cells[slot] || (cells[slot] = createCell(slot));

const createCell = (slot) => {
  slots = slots || JSON.parse(document.querySelector('script[type="resuma/state"]')?.textContent || "[]");
  const it = new Cell(slots[slot]);
  for (const [open, close] of bindings()[slot] || []) it._subscribe((value) => writeText(open, close, value));
  return it;
};
