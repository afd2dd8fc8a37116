// The JavaScript side of the rs2js differential test (analysis/tests/rs2js_diff.rs).
//
// The Rust test writes one module: the helpers the cases use, `const CASES = [...]`
// (each case's translated function and its inputs), then this file. It runs every case
// on the same inputs as Rust did and prints the results as one JSON object, keyed by
// case name, in the shape the Rust side recorded.

// A cell as the core runtime has it (runtime/src/core/signals.js), without the DOM.
const cell = (v) => ({
  v,
  get() {
    return this.v;
  },
  set(x) {
    this.v = x;
  },
  update(f) {
    this.v = f(this.v);
  },
  with(f) {
    return f(this.v);
  },
});

// A DOM event as a handler sees it.
const domEvent = ({ value, key, checked }) => ({
  target: { value, checked },
  key,
  prevented: false,
  preventDefault() {
    this.prevented = true;
  },
  stopPropagation() {},
});

// Runs `f`: its value (undefined → null, as serde_json writes `()`), or the panic it
// threw. Only a plain `Error` (what helpers throw) is a panic; a TypeError or the like
// is a bug in the translation and is reported as such.
const outcome = (f) => {
  try {
    const v = f();
    return v === undefined ? null : v;
  } catch (e) {
    return e && e.constructor === Error ? { $panic: String(e.message) } : { $jserror: String(e) };
  }
};

// Cases may log (`println!` is `console.log`); stdout carries the results only.
const logged = [];
console.log = console.error = (...args) => logged.push(args.join(" "));

const out = {};
for (const c of CASES) {
  if (c.kind === "plain") {
    out[c.name] = c.inputs.map((args) => outcome(() => c.f(...args)));
    continue;
  }
  const cells = {};
  for (const [name, value] of Object.entries(c.init)) cells[name] = cell(value);
  if (c.kind === "thunk") {
    out[c.name] = c.inputs.map((input) => {
      cells[c.signals[0]].v = structuredClone(input);
      const ret = outcome(() => c.f(...c.captures.map((name) => cells[name])));
      const signals = {};
      for (const name of c.signals) signals[name] = structuredClone(cells[name].v);
      return { ret, signals };
    });
    continue;
  }
  out[c.name] = c.events.map((ev) => {
    const e = domEvent(ev);
    const ret = outcome(() => c.f(e, ...c.captures.map((name) => cells[name])));
    const signals = {};
    // A copy: later events may change the same array in place.
    for (const name of c.signals) signals[name] = structuredClone(cells[name].v);
    return { ret, prevented: e.prevented, signals };
  });
}
// A BigInt (a 64-bit integer beyond 2^53 - 1) is `{"$big": digits}`, for an exact
// comparison on the Rust side.
process.stdout.write(
  JSON.stringify(out, (_, v) => (typeof v === "bigint" ? { $big: String(v) } : v)),
);
