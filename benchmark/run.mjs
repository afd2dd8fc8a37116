// Measures the same counter page (an SSR heading and one increment button) and a static
// page in Resuma and its peers, each a production build served by its own production
// server, in headless Chromium with one method for all; writes benchmark/results.json.
//
//   node benchmark/run.mjs                    install (npm ci), build, measure every peer
//   node benchmark/run.mjs --skip-build       measure the builds already there
//   node benchmark/run.mjs --only=qwik,next   measure some peers; the others' rows are kept
//   node benchmark/run.mjs --runs=5 --no-slow  slow-network runs per peer, or none
//   node benchmark/run.mjs --smoke            Resuma only, debug builds, one slow load,
//                                             results.json untouched (the test command's run)
//
// Bytes are the harness's (runtime/test/harness.mjs): every response body gzip'd at level 9
// whatever the server sent, inline scripts gzip'd one by one, each URL counted once.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchBrowser, openPage, requests, jsBytes } from "../runtime/test/harness.mjs";
import { freePort } from "../tests/browser/example.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const peersDir = path.join(here, "peers");
const resultsPath = path.join(here, "results.json");
const targetDir = path.resolve(root, process.env.CARGO_TARGET_DIR || "target");

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => args.find((it) => it.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;
// The smoke run proves the harness still measures Resuma (builds, serves, counts, clicks):
// debug builds (the bytes are the same as release's), nothing written, a failure exits 1.
const smoke = flag("smoke");
const only = smoke ? ["resuma"] : option("only")?.split(",");
const slowRuns = flag("no-slow") ? 0 : smoke ? 1 : Number(option("runs", 5));
const profile = smoke ? "debug" : "release";
const cargoBuild = (...rest) => ["build", ...(smoke ? [] : ["--release"]), "--locked", "--target-dir", targetDir, ...rest];

/** Slow 4G as the issue words it: ~150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up; CPU 4× slower. */
export const SLOW = { latencyMs: 150, downBitsPerS: 1.6e6, upBitsPerS: 750e3, cpuSlowdown: 4 };

const bin = (peer, name) => path.join(peersDir, peer, "node_modules", ".bin", name);
const npmBuild = (peer) => ({ cmd: "npm", args: ["run", "--silent", "build"], cwd: path.join(peersDir, peer) });

/**
 * Each peer: how it is built and served, the pages' paths, the packages whose versions
 * the results name. `start(port)` gives the production server's command.
 */
const PEERS = [
  {
    name: "resuma",
    label: "Resuma",
    build: () => ({ cmd: "cargo", args: cargoBuild("--manifest-path", path.join(peersDir, "resuma/Cargo.toml")), cwd: root }),
    start: (port) => ({ cmd: path.join(targetDir, profile, "resuma-bench-peer"), args: [], env: { RESUMA_ADDR: `127.0.0.1:${port}`, RUST_LOG: "error" } }),
    server: "its own binary (cargo build --release)",
    // `many`: twenty counters, for the slow first click of a page with more than one
    // handler (Resuma's own figure, docs/resumability.md "Prefetch"; no peer has it).
    pages: { counter: "/", static: "/static", many: "/many" },
  },
  {
    name: "qwik",
    label: "Qwik City",
    packages: ["@builder.io/qwik", "@builder.io/qwik-city", "vite"],
    start: (port) => ({ cmd: bin("qwik", "vite"), args: ["preview", "--port", port, "--strictPort", "--host", "127.0.0.1"] }),
    server: "vite preview with the Qwik City middleware (the starter's production preview)",
    pages: { counter: "/", static: "/static/" },
  },
  {
    name: "htmx",
    label: "HTMX",
    packages: ["htmx.org"],
    start: (port) => ({ cmd: "node", args: ["server.mjs"], env: { PORT: port } }),
    server: "a 30-line Node http server (server.mjs): the page and POST /increment",
    pages: { counter: "/", static: "/static" },
    noBuild: true,
  },
  {
    name: "astro",
    label: "Astro (Preact island, client:load)",
    packages: ["astro", "@astrojs/preact", "preact"],
    start: (port) => ({ cmd: bin("astro", "astro"), args: ["preview", "--port", port, "--host", "127.0.0.1"] }),
    server: "astro preview (static output)",
    pages: { counter: "/", static: "/static/" },
  },
  {
    name: "sveltekit",
    label: "SvelteKit",
    packages: ["@sveltejs/kit", "svelte", "@sveltejs/adapter-node", "vite"],
    start: (port) => ({ cmd: "node", args: ["build"], env: { PORT: port, HOST: "127.0.0.1" } }),
    server: "node build (adapter-node)",
    pages: { counter: "/", static: "/static" },
  },
  {
    name: "solidstart",
    label: "SolidStart",
    packages: ["@solidjs/start", "solid-js", "@solidjs/router", "vinxi"],
    start: (port) => ({ cmd: "node", args: [".output/server/index.mjs"], env: { PORT: port, HOST: "127.0.0.1" } }),
    server: "node .output/server/index.mjs (Nitro node-server preset)",
    pages: { counter: "/", static: "/static" },
  },
  {
    name: "next",
    label: "Next.js (app router, one client component)",
    packages: ["next", "react", "react-dom"],
    start: (port) => ({ cmd: bin("next", "next"), args: ["start", "-p", port, "-H", "127.0.0.1"], env: { NEXT_TELEMETRY_DISABLED: "1" } }),
    server: "next start",
    pages: { counter: "/", static: "/static" },
  },
  {
    name: "react-vite",
    label: "React + Vite (client-rendered SPA)",
    packages: ["react", "react-dom", "vite", "@vitejs/plugin-react"],
    start: (port) => ({ cmd: bin("react-vite", "vite"), args: ["preview", "--port", port, "--strictPort", "--host", "127.0.0.1"] }),
    server: "vite preview (static files)",
    pages: { counter: "/", static: "/static.html" },
  },
  {
    name: "leptos",
    label: "Leptos",
    notBuildable: "its client bundle needs the wasm32-unknown-unknown target, not installed here, and rustup cannot download it offline",
  },
];

const METHOD = {
  browser: "headless Debian Chromium via playwright-core, a fresh browser context (no cache, no cookies) per load",
  bytes:
    "every response body gzip'd at level 9 whatever the server sent (decoded first), inline executable scripts gzip'd one by one (not JSON state such as type=resuma/state or qwik/json); each URL counted once",
  beforeClick: "JS after the load event and 500 ms of network idle, then 1 s more and until no request is in flight: prefetches included",
  byFirstClick: "JS fetched up to a click on the button and its text reading 'Count: 1', then until no request is in flight",
  executed:
    "Chromium precise coverage (page.coverage, block level) from navigation to just before the click: characters of JS in functions and blocks that ran, uncompressed, inline scripts included",
  staticPage: "the same heading and text without a handler; JS and HTML after load, as above",
  slowFirstClick: `CDP throttling: ${SLOW.latencyMs} ms latency, ${SLOW.downBitsPerS / 1e6} Mbit/s down, ${SLOW.upBitsPerS / 1e3} kbit/s up, CPU ${SLOW.cpuSlowdown}× slower; the click is issued as soon as the button is visible (Playwright's actionability checks) and the time is performance.now() when the button first shows a count of 1 or more (ms from navigation start); 'once': one click, median of the fresh loads where it had an effect within 20 s, 'lost' counting the loads where it had none (the click landed before the page could handle it); 'repeat': clicking again every 250 ms until the count changes, the time to the first click that worked. slowFirstClickMany: the same on a page of twenty counters (Resuma only), clicking the first. Bodies travel as each production server sends them (compressed or not).`,
};

// Run, not imported: benchmark/ab-first-click.mjs imports slowLoads and startServer.
if (process.argv[1] && path.resolve(process.argv[1]) == fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

async function main() {
  const previous = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, "utf8")) : null;
  const browser = await launchBrowser();
  const rows = [];
  for (const peer of PEERS) {
    if (only && !only.includes(peer.name)) {
      const kept = previous?.peers.find((it) => it.name == peer.name);
      if (kept) rows.push(kept);
      continue;
    }
    rows.push(await measurePeer(browser, peer));
  }
  const budget = only && !only.includes("resuma") && previous?.budget ? previous.budget : await measureBudget(browser);
  const results = {
    about:
      "Written by benchmark/run.mjs (see benchmark/README.md); README.md's table between <!-- bench:start --> and <!-- bench:end --> is generated from it by benchmark/readme-table.mjs.",
    date: new Date().toISOString().slice(0, 10),
    machine: { cpus: cpus().length, node: process.version, chromium: browser.version() },
    method: METHOD,
    slowNetwork: SLOW,
    peers: rows,
    budget,
  };
  await browser.close();
  if (smoke) return smokeVerdict(rows[0], budget);
  writeFileSync(resultsPath, JSON.stringify(results, null, 2) + "\n");
  console.log(`wrote ${path.relative(root, resultsPath)}`);
}

/** The smoke run's checks: Resuma measured, its static page 0 B of JS, its first click seen. */
function smokeVerdict(row, budget) {
  const problems = [];
  if (row.status != "measured") problems.push(`resuma ${row.status}: ${row.reason}`);
  else {
    if (row.static.jsGz != 0) problems.push(`the static page ships ${row.static.jsGz} B of JS`);
    if (!(row.counter.jsByFirstClickGz > row.counter.jsInlineGz)) problems.push("the first click fetched no JS");
    if (!row.slowFirstClick?.once.runsMs.length) problems.push("no slow-network first click was seen");
  }
  console.log(`smoke: counter loader ${budget.loaderGz} B, before the click ${budget.loaderAndPrefetchedChunkGz} B, by the first click ${budget.firstInteractionGz} B (gzip)`);
  if (problems.length) {
    console.error(`smoke: FAILED\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
  console.log("smoke: ok");
}

async function measurePeer(browser, peer) {
  const base = { name: peer.name, label: peer.label };
  if (peer.notBuildable) return { ...base, status: "not measured", reason: `not buildable here (${peer.notBuildable})` };
  const cwd = path.join(peersDir, peer.name);
  const versions = peer.name == "resuma" ? resumaVersions() : npmVersions(cwd, peer.packages);
  try {
    if (!flag("skip-build")) {
      if (peer.packages) run({ cmd: "npm", args: ["ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd });
      if (!peer.noBuild) run(peer.build ? peer.build() : npmBuild(peer.name));
    }
  } catch (error) {
    return { ...base, versions, status: "not measured", reason: `build failed: ${error.message}` };
  }
  let server;
  try {
    server = await startServer(peer, cwd);
  } catch (error) {
    return { ...base, versions, server: peer.server, status: "not measured", reason: `server failed: ${error.message}` };
  }
  try {
    console.log(`${peer.name}: measuring on ${server.url}`);
    const counter = await measureCounter(browser, server.url + peer.pages.counter);
    const staticPage = await measureStatic(browser, server.url + peer.pages.static);
    const slowFirstClick = slowRuns ? await measureSlowFirstClick(browser, server.url + peer.pages.counter) : null;
    const row = { ...base, versions, server: peer.server, status: "measured", counter, static: staticPage, slowFirstClick };
    if (slowRuns && peer.pages.many) row.slowFirstClickMany = await measureSlowFirstClick(browser, server.url + peer.pages.many);
    console.log(JSON.stringify(row));
    return row;
  } catch (error) {
    return { ...base, versions, server: peer.server, status: "not measured", reason: `measurement failed: ${error.message.split("\n")[0]}` };
  } finally {
    await server.stop();
  }
}

/** The counter page: HTML, JS before the click (and how much of it ran), JS by the first click. */
async function measureCounter(browser, url) {
  const page = await openPage(browser, url, {}, { beforeNavigate: (it) => it.coverage.startJSCoverage({ resetOnNavigation: false }) });
  try {
    await page.waitForTimeout(1000);
    const { inline } = await jsBytes(page);
    const before = fetchedJs(page);
    const coverage = executedJs(await page.coverage.stopJSCoverage());
    await page.locator("button").click();
    await page.waitForFunction(() => document.querySelector("button")?.textContent.trim() == "Count: 1", null, { timeout: 10_000 });
    await jsBytes(page);
    await page.waitForTimeout(500);
    await jsBytes(page);
    const after = fetchedJs(page);
    return {
      htmlGz: documentGz(page),
      jsInlineGz: inline,
      jsBeforeClickGz: inline + before.gz,
      jsFilesBeforeClick: before.files,
      jsByFirstClickGz: inline + after.gz,
      jsFilesByFirstClick: after.files,
      jsExecutedBeforeClickChars: coverage.executed,
      jsLoadedBeforeClickChars: coverage.total,
    };
  } finally {
    await page.close();
  }
}

async function measureStatic(browser, url) {
  const page = await openPage(browser, url);
  try {
    await page.waitForTimeout(1000);
    const { inline } = await jsBytes(page);
    return { htmlGz: documentGz(page), jsGz: inline + fetchedJs(page).gz };
  } finally {
    await page.close();
  }
}

/**
 * Time to the first click's result under slow 4G and a 4× slower CPU, fresh loads: `once`
 * clicks once, as soon as the button is visible; `repeat` clicks again every 250 ms until
 * the count changes (the time to the first click that works, when an early one is lost).
 */
async function measureSlowFirstClick(browser, url) {
  return { once: await slowLoads(browser, url, false), repeat: await slowLoads(browser, url, true) };
}

/**
 * `runs` fresh loads of `url` under SLOW, each timed to the first click's result (see
 * measureSlowFirstClick). Exported for benchmark/ab-first-click.mjs, which calls it with
 * `runs` 1 to interleave two servers' loads, and `inspect(page)`, called once the load's
 * time is taken (so it changes none), its values returned as `inspected`.
 */
export async function slowLoads(browser, url, repeat, runs = slowRuns, inspect = null) {
  const runsMs = [];
  const inspected = [];
  let lost = 0;
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: SLOW.latencyMs,
        downloadThroughput: SLOW.downBitsPerS / 8,
        uploadThroughput: SLOW.upBitsPerS / 8,
      });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: SLOW.cpuSlowdown });
      await page.goto(url, { waitUntil: "commit" });
      const deadline = Date.now() + 20_000;
      let shown = null;
      do {
        // The first button: the page of twenty counters has twenty.
        await page.locator("button").first().click({ timeout: 30_000 });
        const waitMs = repeat ? 250 : deadline - Date.now();
        shown = await page
          .waitForFunction(() => /^Count: [1-9]/.test(document.querySelector("button")?.textContent.trim()) && performance.now(), null, { polling: "raf", timeout: waitMs })
          .then((handle) => handle.jsonValue())
          .catch(() => null);
      } while (shown == null && repeat && Date.now() < deadline);
      if (shown == null) lost++;
      else runsMs.push(Math.round(shown));
      if (inspect) inspected.push(await inspect(page));
    } finally {
      await context.close();
    }
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  const medianMs = sorted.length ? sorted[(sorted.length - 1) >> 1] : null;
  return { runs, medianMs, runsMs, lost, ...(inspect && { inspected }) };
}

/** The loader alone, and everything before the first interaction, on examples/counter's page, against the issue's targets. */
async function measureBudget(browser) {
  const exe = path.join(targetDir, profile, "counter");
  // The smoke run takes the workspace's debug build (the test command has just made it):
  // `-p counter` alone would unify the framework's features differently and rebuild it.
  if (!flag("skip-build") && !smoke) run({ cmd: "cargo", args: cargoBuild("-p", "counter"), cwd: root });
  const server = await startServer({ name: "counter", start: (port) => ({ cmd: exe, args: [], env: { RESUMA_ADDR: `127.0.0.1:${port}`, RUST_LOG: "error" } }) }, root);
  try {
    const counter = await measureCounter(browser, server.url + "/");
    const targets = JSON.parse(readFileSync(path.join(root, "runtime/size-budget.json"), "utf8"));
    return {
      page: "examples/counter, /",
      loaderGz: counter.jsInlineGz,
      loaderAndPrefetchedChunkGz: counter.jsBeforeClickGz,
      firstInteractionGz: counter.jsByFirstClickGz,
      issueTargets: { loaderGz: 600, beforeInteractionGz: 901 },
      sizeBudgetJson: { loader: targets.loader, counterFirstInteraction: targets.counterFirstInteraction },
      meetsIssueTargets: { loader: counter.jsInlineGz <= 600, beforeInteraction: counter.jsBeforeClickGz <= 901 },
    };
  } finally {
    await server.stop();
  }
}

// Unique URLs: a JS file fetched twice (a preload, then the import) costs its bytes once.
function fetchedJs(page) {
  const seen = new Map();
  for (const it of requests(page)) if (it.js && it.sizeGz != null) seen.set(it.url, it.sizeGz);
  return { gz: [...seen.values()].reduce((sum, n) => sum + n, 0), files: seen.size };
}

function documentGz(page) {
  return requests(page).find((it) => it.resourceType == "document")?.sizeGz ?? null;
}

// Precise coverage lists, per function, ranges with counts, outer ones first and nested
// ones after: painting them in order leaves each character with its innermost count.
function executedJs(entries) {
  let executed = 0;
  let total = 0;
  for (const entry of entries) {
    const counts = new Uint32Array(entry.source?.length ?? 0);
    for (const fn of entry.functions) for (const range of fn.ranges) counts.fill(range.count, range.startOffset, range.endOffset);
    total += counts.length;
    for (const n of counts) if (n > 0) executed++;
  }
  return { executed, total };
}

function npmVersions(cwd, packages) {
  const lock = JSON.parse(readFileSync(path.join(cwd, "package-lock.json"), "utf8"));
  return Object.fromEntries(packages.map((it) => [it, lock.packages[`node_modules/${it}`]?.version ?? null]));
}

function resumaVersions() {
  const cargo = readFileSync(path.join(root, "Cargo.toml"), "utf8");
  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim();
  return { resuma: cargo.match(/^version = "([^"]+)"/m)?.[1] ?? null, commit };
}

function run({ cmd, args, cwd }) {
  console.log(`$ (cd ${path.relative(root, cwd) || "."} && ${cmd} ${args.join(" ")})`);
  const res = spawnSync(cmd, args, { cwd, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${res.status}`);
}

export async function startServer(peer, cwd) {
  const port = String(await freePort());
  const { cmd, args, env = {} } = peer.start(port);
  // Its own process group, so that stop() ends npm/next/vite children with it.
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"], detached: true });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await (await fetch(url + "/")).arrayBuffer();
      break;
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null) {
        process.kill(-child.pid, "SIGKILL");
        throw new Error(`${peer.name} did not start on ${url}: ${error}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      process.kill(-child.pid, "SIGTERM");
    });
  return { url, stop };
}
