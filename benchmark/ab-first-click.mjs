// An interleaved A/B of Resuma's slow-4G first click between two builds of the benchmark's
// Resuma peer (benchmark/peers/resuma), e.g. two loaders; writes benchmark/ab-first-click.json.
//
//   node benchmark/ab-first-click.mjs --loads=20 \
//     old,4902039,/work/target-old/release/resuma-bench-peer \
//     new,bd9cebd,/work/target-new/release/resuma-bench-peer
//
// Each variant is `label,commit,binary` (the commit is recorded, not checked out: build the
// binary from that tree with its own --target-dir, as the framework compiles in its tree's
// runtime/dist). Both servers run at once, on free loopback ports; for each page (`/`, the
// counter, and `/many`, twenty counters, clicking the first) the loads go A, B, A, B, …,
// `--loads` per variant, so that whatever else the machine is doing falls on both alike.
// Each load is exactly run.mjs's: `slowLoads(browser, url, false, 1)`, one click as soon as
// the button is visible, a fresh context, slow 4G and a 4× slower CPU (run.mjs's SLOW).
//
//   --loads=N        loads per variant and page (default 20)
//   --warmup=N       loads per variant before each page's, not recorded (default 1): the
//                    browser's and each server's first load is slower than the rest
//   --pages=/,/many  the pages (default both)
//   --out=FILE       where to write (default benchmark/ab-first-click.json; "-" for none)
//   --note=TEXT      recorded in the JSON as it is
import { execSync } from "node:child_process";
import { createHash } from "node:crypto";
import { loadavg, cpus } from "node:os";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchBrowser } from "../runtime/test/harness.mjs";
import { SLOW, slowLoads, startServer } from "./run.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => args.find((it) => it.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const loads = Number(option("loads", 20));
const warmup = Number(option("warmup", 1));
const pages = option("pages", "/,/many").split(",");
const out = option("out", path.join(here, "ab-first-click.json"));
const variants = args
  .filter((it) => !it.startsWith("--"))
  .map((it) => {
    const [label, commit, binary] = it.split(",");
    if (!binary) throw new Error(`expected label,commit,binary; got ${it}`);
    return { label, commit, binary: path.resolve(binary) };
  });
if (variants.length != 2) throw new Error("give two variants: label,commit,binary label,commit,binary");

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

async function main() {
  const uptimeBefore = uptime();
  const servers = [];
  for (const variant of variants) {
    servers.push(
      await startServer({ name: variant.label, start: (port) => ({ cmd: variant.binary, args: [], env: { RESUMA_ADDR: `127.0.0.1:${port}`, RUST_LOG: "error" } }) }, here),
    );
  }
  const browser = await launchBrowser();
  const started = Date.now();
  const results = { pages: {} };
  try {
    // What each serves: the inline loader (its hash, size, whether it observes the viewport),
    // so the JSON says which loader each variant was.
    for (const [i, variant] of variants.entries()) variant.loader = await loaderOf(servers[i].url + "/");
    for (const page of pages) {
      const samples = Object.fromEntries(variants.map((it) => [it.label, []]));
      const timings = Object.fromEntries(variants.map((it) => [it.label, []]));
      for (let i = 0; i < warmup; i++) for (const server of servers) await slowLoads(browser, server.url + page, false, 1);
      for (let i = 0; i < loads; i++) {
        for (const [v, variant] of variants.entries()) {
          const { runsMs, lost, inspected } = await slowLoads(browser, servers[v].url + page, false, 1, resources);
          const ms = lost ? null : runsMs[0];
          samples[variant.label].push(ms);
          timings[variant.label].push(inspected[0]);
          process.stdout.write(`${page} ${variant.label} #${i + 1}: ${ms ?? "lost"} ms ${JSON.stringify(inspected[0])}\n`);
        }
      }
      const fromCore = Object.fromEntries(variants.map((it) => [it.label, samples[it.label].map((ms, i) => (ms == null || timings[it.label][i].core == null ? null : ms - timings[it.label][i].core[0]))]));
      const chunkLate = Object.fromEntries(variants.map((it) => [it.label, timings[it.label].map((t) => (t.core && t.chunk ? t.chunk[1] - t.core[1] : null))]));
      results.pages[page] = {
        order: "alternating, " + variants.map((it) => it.label).join(", ") + ", …",
        samples,
        summary: summarize(samples),
        resourceTimings: timings,
        fromCoreRequestMs: { samples: fromCore, summary: summarize(fromCore) },
        chunkEndAfterCoreEndMs: { samples: chunkLate, summary: summarize(chunkLate) },
      };
      console.log(page, JSON.stringify(results.pages[page].summary));
    }
  } finally {
    await browser.close();
    for (const server of servers) await server.stop();
  }
  const report = {
    about: "Written by benchmark/ab-first-click.mjs (see benchmark/README.md, 'A/B of the first click').",
    date: new Date().toISOString(),
    note: option("note", undefined),
    machine: { cpus: cpus().length, node: process.version, chromium: browser.version() },
    method: `Both servers running at once on loopback; per page, after ${warmup} unrecorded load(s) of each, fresh loads alternating between the variants (${variants.map((it) => it.label).join(", ")}, …), ${loads} each. Each load is benchmark/run.mjs's slowLoads (one click): a fresh browser context, CDP throttling ${SLOW.latencyMs} ms latency, ${SLOW.downBitsPerS / 1e6} Mbit/s down, ${SLOW.upBitsPerS / 1e3} kbit/s up, CPU ${SLOW.cpuSlowdown}× slower; navigation with waitUntil commit, Playwright's click on the first button as soon as it is actionable; the time is performance.now() (ms from navigation start) at the first animation frame where the first button shows a count of 1 or more (null: the click had no effect within 20 s). Quantiles: linear interpolation between order statistics; the paired difference is B - A per pair (load i of each), with a two-sided exact sign test (signTestP). Read after each load's time is taken (so changing none), from Resource Timing: resourceTimings (document end, domInteractive, core and chunk [start, responseEnd]); fromCoreRequestMs, the time minus the core request's start (both loaders request the core on intent, so this is intent to result); chunkEndAfterCoreEndMs, how much later than the core the chunk arrived.`,
    slowNetwork: SLOW,
    variants,
    uptime: { before: uptimeBefore, after: uptime() },
    durationS: Math.round((Date.now() - started) / 1000),
    pages: results.pages,
  };
  if (out != "-") {
    writeFileSync(out, JSON.stringify(report, null, 2) + "\n");
    console.log(`wrote ${path.relative(process.cwd(), out)}`);
  }
}

/**
 * Read after the load's time is taken: when the core's and the (first) chunk's requests
 * started and ended, and when the document arrived, in ms from navigation start.
 */
function resources(page) {
  return page.evaluate(() => {
    const at = (entry) => [Math.round(entry.startTime), Math.round(entry.responseEnd)];
    const find = (pattern) => performance.getEntriesByType("resource").find((it) => pattern.test(it.name));
    const core = find(/\/_resuma\/core[^/]*\.js$/);
    const chunk = find(/\/_resuma\/handler\//);
    const nav = performance.getEntriesByType("navigation")[0];
    return { document: Math.round(nav.responseEnd), domInteractive: Math.round(nav.domInteractive), core: core ? at(core) : null, chunk: chunk ? at(chunk) : null };
  });
}

async function loaderOf(url) {
  const html = await (await fetch(url)).text();
  const script = [...html.matchAll(/<script nonce="[^"]*">([\s\S]*?)<\/script>/g)].map((it) => it[1]).find((it) => it.includes("_resuma/core"));
  if (!script) throw new Error(`no inline loader at ${url}`);
  const { gzipSync } = await import("node:zlib");
  return {
    sha256: createHash("sha256").update(script).digest("hex").slice(0, 16),
    gzipBytes: gzipSync(script, { level: 9 }).length,
    intersectionObserver: script.includes("IntersectionObserver"),
    modulepreloadLinksInHtml: (html.match(/rel="?modulepreload/g) || []).length,
  };
}

function uptime() {
  try {
    return execSync("uptime", { encoding: "utf8" }).trim();
  } catch {
    return loadavg().map((it) => it.toFixed(2)).join(", ");
  }
}

const quantile = (sorted, q) => {
  if (!sorted.length) return null;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return Math.round(sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo));
};
const stats = (values) => {
  const sorted = values.filter((it) => it != null).sort((a, b) => a - b);
  return { n: sorted.length, lost: values.length - sorted.length, p25: quantile(sorted, 0.25), median: quantile(sorted, 0.5), p75: quantile(sorted, 0.75), min: sorted[0] ?? null, max: sorted.at(-1) ?? null };
};

/** Per variant, and B - A over the pairs where both clicks worked. */
function summarize(samples) {
  const [a, b] = variants.map((it) => samples[it.label]);
  const diffs = a.map((x, i) => (x != null && b[i] != null ? b[i] - x : null));
  const d = diffs.filter((it) => it != null);
  return {
    ...Object.fromEntries(variants.map((it) => [it.label, stats(samples[it.label])])),
    [`${variants[1].label} - ${variants[0].label} (paired)`]: {
      ...stats(diffs),
      mean: d.length ? Math.round(d.reduce((s, x) => s + x, 0) / d.length) : null,
      bSlowerInPairs: d.filter((x) => x > 0).length,
      pairs: d.length,
      signTestP: signTest(d),
    },
  };
}

/** Two-sided exact sign test of the paired differences (ties left out): how likely a split this uneven is if neither variant is faster. */
function signTest(diffs) {
  const up = diffs.filter((x) => x > 0).length;
  const n = up + diffs.filter((x) => x < 0).length;
  if (!n) return null;
  let tail = 0;
  let term = 0.5 ** n; // C(n, 0) / 2^n
  for (let k = 0; k <= Math.min(up, n - up); k++) {
    tail += term;
    term = (term * (n - k)) / (k + 1);
  }
  return Number(Math.min(1, 2 * tail).toPrecision(2));
}
