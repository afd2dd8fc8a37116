//! Cells: the browser side of a signal, with the API that handler chunks call.
//!
//! `get`, `set`, `update`, `with` and the value `v` are the contract with the code rs2js
//! generates (docs/resumability.md, "Cell API"); everything `_`-prefixed is internal and
//! mangled by the build.

export class Cell {
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
    Object.is(this.v, value) || this._force(value);
  }

  /** Stores `f(value)` and always notifies: `f` may have changed an array or object in place. */
  update(f) {
    this._force(f(this.v));
  }

  /** `f(value)`, for reading without copying. */
  with(f) {
    return f(this.v);
  }

  /**
   * Calls `subscriber()` on every change from now on, until it returns a truthy value
   * (its nodes are gone).
   */
  _subscribe(subscriber) {
    this._subscribers.push(subscriber);
  }

  /** Stores `value` and notifies, changed or not (a list item whose object changed in place). */
  _force(value) {
    this.v = value;
    // A snapshot: a subscriber may subscribe others (a list rendering an item).
    for (const subscriber of [...this._subscribers]) {
      if (subscriber()) this._subscribers.splice(this._subscribers.indexOf(subscriber), 1);
    }
  }
}
