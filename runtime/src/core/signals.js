//! Cells: the browser side of a signal, with the API that handler chunks call.
//!
//! `get`, `set`, `update`, `with` and the value `v` are the contract with the code rs2js
//! generates (docs/resumability.md, "Cell API"); everything `_`-prefixed is internal and
//! mangled by the build. The reactive core adds to this class what only it needs.

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
}
