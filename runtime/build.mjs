#!/usr/bin/env node
//! Builds the browser runtime into dist/ and keeps its sizes to their budgets.
//!
//!   node build.mjs                  writes dist/ (debug and minified) and prints the sizes
//!   node build.mjs --check          rebuilds in memory; fails if dist/ or mangle.json differ
//!                                   from what the sources give, or a size is over budget
//!   node build.mjs --update-budget  builds, then records the current sizes as "last" in
//!                                   size-budget.json (budgets are edited by hand, on purpose)
//!   node build.mjs --update-baseline  builds, then records every dist/ file's gzip size
//!                                   in size-baseline.json
//!   --baseline FILE                 compares with FILE instead of size-baseline.json
//!
//! Two gates: size-budget.json holds ceilings (a budget is a promise to users), and
//! size-baseline.json holds the gzip size of every dist/ file as last committed. A file
//! that grows by more than `tolerance` bytes (16) past its baseline fails the build and
//! `--check`, so every growth is a visible, deliberate change: run `--update-baseline`
//! in the same commit and the diff shows it. A file that shrinks is noted, not failed;
//! recording the smaller size then keeps the gain from being spent unnoticed.
//!
//! dist/ is committed, so an app builds without Node.js: the framework compiles
//! dist/loader.min.js and dist/core.min.js in. `--check` is what stops the two drifting.
//!
//! Outputs:
//! - loader.js / loader.min.js: a parenthesised function expression, `((coreUrl, eventTypes)
//!   => {…})`, that the server inlines and calls: `…("/_resuma/core.HASH.js",["click"])`.
//! - island.js / island.min.js: the same form, `((coreUrl) => {…})`, inlined after the
//!   loader in pages with an `#[island]` only: `…("/_resuma/core-reactive.HASH.js")`.
//! - core.js / core.min.js: one ES module exporting `run`, for pages whose only bindings
//!   are text showing a signal.
//! - core-reactive.js / core-reactive.min.js: the same plus the reactive module (thunks,
//!   bound attributes, blocks, derived values), for the pages that have those.
//! - form.js / form.min.js: the handler chunk of `<Form>` (exports `h0`), which the server
//!   serves as `/_resuma/handler/Form.HASH.js`, HASH from its bytes.
//! Properties starting with `_` are mangled in the minified builds, through the names
//! recorded in mangle.json, so a name keeps its short form from one build to the next.

import { build, transform } from "esbuild";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = dirname(fileURLToPath(import.meta.url));
const DIST = join(ROOT, "dist");
const MANGLE_FILE = join(ROOT, "mangle.json");
const BUDGET_FILE = join(ROOT, "size-budget.json");
const BASELINE_FILE = join(ROOT, "size-baseline.json");
const BASELINE_ABOUT =
  "Gzip (level 9) bytes of each dist/ file as last recorded by `node build.mjs --update-baseline`. `--check` fails when a file grows by more than `tolerance` bytes past this: update it in the same change, on purpose.";
const DEFAULT_TOLERANCE = 16;

const TARGET = "es2020";
const MANGLE_PROPS = /^_/;
const BANNER = "/* Built by runtime/build.mjs from runtime/src: edit those, then run `node build.mjs`. */\n";
// What the server appends to the inlined loader (framework/src/resume/state.rs), with a
// core URL of the real length and a hash's 8 hex digits (eight zeros would compress
// 5-8 B better than any real hash): the loader's size is measured as the page carries it.
const LOADER_CALL = '("/_resuma/core.5f1c9a3e.js",["click"],1)';
// What the server appends to the inlined island script, likewise.
const ISLAND_CALL = '("/_resuma/core-reactive.5f1c9a3e.js")';

/** Gzip size in bytes, at the level a server would use for static assets. */
export const gzipSize = (text) => gzipSync(Buffer.from(text), { level: 9 }).length;

/** The loader as the server inlines it: trailing `;` and whitespace trimmed, call appended. */
export const inlineLoader = (loaderSource, call = LOADER_CALL) => loaderSource.trimEnd().replace(/;+$/, "") + call;

/**
 * Builds every output in memory.
 * @returns {Promise<{files: Record<string, string>, mangle: Record<string, string | false>}>}
 */
export async function buildRuntime() {
  let mangleCache = (await readJson(MANGLE_FILE, { props: {} })).props;
  const files = {};

  for (const minify of [true, false]) {
    // A getter: each build takes the cache as the one before left it (a spread here would
    // give every build the file's cache, and a name only the island script has, never
    // reaching the form chunk's build, would never be recorded).
    const options = {
      target: TARGET,
      minify,
      legalComments: "none",
      charset: "utf8",
      ...(minify && { mangleProps: MANGLE_PROPS }),
      get mangleCache() {
        return minify ? mangleCache : undefined;
      },
    };
    const suffix = minify ? ".min.js" : ".js";
    const banner = minify ? "" : BANNER;

    const loader = await transform(await readFile(join(ROOT, "src/loader.js"), "utf8"), {
      ...options,
      // No `format`: esbuild then keeps `export default <expression>` as it is.
      sourcefile: "src/loader.js",
    });
    files["loader" + suffix] = banner + loaderExpression(loader.code) + "\n";
    if (minify) mangleCache = loader.mangleCache;
    const island = await transform(await readFile(join(ROOT, "src/island.js"), "utf8"), {
      ...options,
      sourcefile: "src/island.js",
    });
    files["island" + suffix] = banner + loaderExpression(island.code, ISLAND_CALL) + "\n";
    if (minify) mangleCache = island.mangleCache;

    const bundle = (entry) =>
      build({
        ...options,
        absWorkingDir: ROOT,
        entryPoints: [entry],
        bundle: true,
        format: "esm",
        write: false,
        logLevel: "silent",
      });
    const core = await bundle("src/core/index.js");
    files["core" + suffix] = banner + core.outputFiles[0].text;
    if (minify) mangleCache = core.mangleCache;
    const reactive = await bundle("src/core/reactive-index.js");
    files["core-reactive" + suffix] = banner + reactive.outputFiles[0].text;
    if (minify) mangleCache = reactive.mangleCache;
    // After the cores, with their mangle cache: the chunk reaches the core's `_`-prefixed
    // hooks on `__resuma` by the same short names.
    const form = await bundle("src/form/index.js");
    files["form" + suffix] = banner + form.outputFiles[0].text;
    if (minify) mangleCache = form.mangleCache;
  }
  return { files, mangle: sortKeys(mangleCache) };
}

// `export default (a, b) => {…};` → `((a, b) => {…})`: an expression the server can call
// by appending `(…)`. An arrow function needs the parentheses to be called in place.
function loaderExpression(moduleCode, call = LOADER_CALL) {
  const match = /^export default\s*([^]*?)[;\s]*$/.exec(moduleCode);
  if (!match) throw new Error("src/loader.js and src/island.js must consist of `export default (…) => {…}`");
  const expression = `(${match[1]})`;
  new Function(inlineLoader(expression, call)); // parses only: throws if the call would not
  return expression;
}

/**
 * The gzip sizes the budgets cover.
 * @param {Record<string, string>} files as `buildRuntime` returns them
 * @param {{counterChunk: {reference: number}}} budget size-budget.json
 */
export function measure(files, budget) {
  const loader = gzipSize(inlineLoader(files["loader.min.js"]));
  const island = gzipSize(inlineLoader(files["island.min.js"], ISLAND_CALL));
  const core = gzipSize(files["core.min.js"]);
  const coreReactive = gzipSize(files["core-reactive.min.js"]);
  const form = gzipSize(files["form.min.js"]);
  return { loader, island, core, coreReactive, form, counterFirstInteraction: loader + core + budget.counterChunk.reference };
}

/** The gzip size of every dist/ file, as it is served. */
export const distSizes = (files) => Object.fromEntries(Object.entries(files).map(([name, text]) => [name, gzipSize(text)]));

/**
 * Compares dist/ sizes with the baseline.
 * @param {Record<string, number>} sizes as `distSizes` returns them
 * @param {{tolerance?: number, files: Record<string, number>}} baseline size-baseline.json
 * @returns {{grown: string[], shrunk: string[]}} files grown past the tolerance (or with no
 *   baseline), which fail the check; files smaller than their baseline, which do not
 */
export function compareBaseline(sizes, baseline) {
  const tolerance = baseline.tolerance ?? DEFAULT_TOLERANCE;
  const grown = [];
  const shrunk = [];
  for (const [name, size] of Object.entries(sizes)) {
    const last = baseline.files[name];
    if (last === undefined) grown.push(`dist/${name} has no baseline (${size} B gzip)`);
    else if (size - last > tolerance) {
      grown.push(`dist/${name} grew from ${last} B to ${size} B gzip (+${size - last} B, over the ${tolerance} B tolerance)`);
    } else if (size < last) shrunk.push(`dist/${name} shrank from ${last} B to ${size} B gzip (-${last - size} B)`);
  }
  return { grown, shrunk };
}

const LABELS = {
  loader: "loader (inlined, with its call)",
  island: "island script (inlined, with its call)",
  core: "core",
  coreReactive: "reactive core",
  form: "form chunk",
  counterFirstInteraction: "counter first interaction",
};

/** Prints the size table; returns the sizes over budget. */
function report(sizes, budget) {
  const over = [];
  const rows = [["gzip -9, bytes", "size", "aim", "budget", "vs last"]];
  for (const [key, size] of Object.entries(sizes)) {
    const { budget: max, aim, last } = budget[key];
    const delta = last === undefined ? "new" : size - last > 0 ? `+${size - last}` : `${size - last}`;
    rows.push([LABELS[key], size, aim ?? "", max, delta]);
    if (size > max) over.push(`${LABELS[key]} is ${size} B, over its budget of ${max} B`);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  for (const row of rows) {
    console.log(row.map((cell, i) => (i ? String(cell).padStart(widths[i]) : String(cell).padEnd(widths[i]))).join("  "));
  }
  console.log(`(counter first interaction = loader + core + counterChunk.reference of ${budget.counterChunk.reference} B)`);
  return over;
}

async function main(args) {
  const check = args.includes("--check");
  const { files, mangle } = await buildRuntime();
  const budget = await readJson(BUDGET_FILE);
  const mangleJson = JSON.stringify({ ...(await readJson(MANGLE_FILE, {})), props: mangle }, null, 2) + "\n";
  const problems = [];

  if (check) {
    const stale = [];
    for (const [name, text] of Object.entries(files)) {
      if ((await readFile(join(DIST, name), "utf8").catch(() => null)) !== text) stale.push(`dist/${name}`);
    }
    if ((await readFile(MANGLE_FILE, "utf8").catch(() => null)) !== mangleJson) stale.push("mangle.json");
    if (stale.length) {
      problems.push(`stale, not what the sources build: ${stale.join(", ")}; run \`node build.mjs\` in runtime/ and commit the result`);
    }
  } else {
    await mkdir(DIST, { recursive: true });
    for (const [name, text] of Object.entries(files)) await writeFile(join(DIST, name), text);
    await writeFile(MANGLE_FILE, mangleJson);
    console.log(`built ${Object.keys(files).map((name) => "dist/" + name).join(", ")}`);
  }

  const sizes = measure(files, budget);
  const over = report(sizes, budget);
  problems.push(...over.map((it) => `${it}: make it smaller, or raise the budget in size-budget.json on purpose`));

  const baselineAt = args.indexOf("--baseline");
  const baselineFile = baselineAt >= 0 ? args[baselineAt + 1] : BASELINE_FILE;
  const dist = distSizes(files);
  if (args.includes("--update-baseline")) {
    const tolerance = (await readJson(baselineFile, {})).tolerance ?? DEFAULT_TOLERANCE;
    const baseline = { about: BASELINE_ABOUT, tolerance, files: sortKeys(dist) };
    await writeFile(baselineFile, JSON.stringify(baseline, null, 2) + "\n");
    console.log(`recorded the gzip size of every dist/ file in ${baselineFile}`);
  } else {
    const { grown, shrunk } = compareBaseline(dist, await readJson(baselineFile, { files: {} }));
    for (const it of shrunk) console.log(`note: ${it}; record it: node build.mjs --update-baseline`);
    problems.push(
      ...grown.map((it) => `${it}: make it smaller, or record the growth on purpose: node build.mjs --update-baseline`),
    );
  }

  if (args.includes("--update-budget")) {
    for (const [key, size] of Object.entries(sizes)) budget[key].last = size;
    await writeFile(BUDGET_FILE, JSON.stringify(budget, null, 2) + "\n");
    console.log('recorded these sizes as "last" in size-budget.json');
  } else {
    console.log('to record these sizes as "last": node build.mjs --update-budget');
  }

  for (const problem of problems) console.error(`error: ${problem}`);
  return problems.length ? 1 : 0;
}

async function readJson(path, fallback) {
  try {
    return JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    if (fallback !== undefined && error.code === "ENOENT") return fallback;
    throw error;
  }
}

function sortKeys(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : 1)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
