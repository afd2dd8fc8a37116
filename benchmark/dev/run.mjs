// Save-to-reload time of `resuma dev`, next to a plain `cargo build` of the same change,
// in one run. See README.md beside this file.
//
//   node benchmark/dev/run.mjs [--edits N] [--json]
//
// Needs the debug `resuma` binary (`cargo build -p resuma --bin resuma`) and Chromium
// (`bash scripts/ensure-browser.sh`), like the browser tests.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { launchBrowser } from "../../runtime/test/harness.mjs";
import { binDir } from "../../tests/browser/example.mjs";
import { freePort, newApp, run, targetDir, waitForStatus } from "../../tests/browser/dev-app.mjs";

const args = process.argv.slice(2);
const edits = Number(args[args.indexOf("--edits") + 1]) || 7;
const json = args.includes("--json");

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const app = newApp("bench_dev", "basic");
const home = path.join(app.dir, "src/components/home.rs");
const original = readFileSync(home, "utf8");
/** The change of edit `i`: the page's heading. */
const edited = (i, label) => original.replace('"Welcome to Resuma"', `"${label} ${i}"`);

const port = await freePort();
const url = `http://127.0.0.1:${port}/`;
const dev = run(path.join(binDir(), "resuma"), ["dev", app.dir, "--addr", `127.0.0.1:${port}`], {
  env: { ...process.env, CARGO_TARGET_DIR: targetDir },
});
const browser = await launchBrowser();
const reloads = [];
const builds = [];
try {
  await waitForStatus(url, 200, 600_000, dev.alive);
  const page = await browser.newPage();
  await page.goto(url);
  // One warm-up edit: the first rebuild also writes the incremental cache.
  for (let i = 0; i <= edits; i++) {
    await page.waitForFunction(() => document.documentElement.dataset.resumaDev == "connected");
    const text = `Edit ${i}`;
    const start = performance.now();
    writeFileSync(home, edited(i, "Edit"));
    await page.waitForFunction((text) => document.querySelector("#title")?.textContent == text, text, {
      timeout: 120_000,
      polling: 5,
    });
    if (i > 0) reloads.push(performance.now() - start);
  }
  await dev.stop();

  // The same kind of change, built by cargo alone (no watcher, no restart, no browser).
  for (let i = 0; i <= edits; i++) {
    writeFileSync(home, edited(i, "Build"));
    const start = performance.now();
    const built = spawnSync("cargo", ["build", "--message-format=short"], {
      cwd: app.dir,
      env: { ...process.env, CARGO_TARGET_DIR: targetDir },
      encoding: "utf8",
    });
    if (built.status !== 0) throw new Error(built.stderr);
    if (i > 0) builds.push(performance.now() - start);
  }
} finally {
  await browser.close();
  await dev.stop();
  app.remove();
}

const result = {
  date: new Date().toISOString().slice(0, 10),
  edits,
  save_to_reloaded_page_ms: { median: median(reloads), min: Math.min(...reloads), max: Math.max(...reloads), all: reloads },
  cargo_build_ms: { median: median(builds), min: Math.min(...builds), max: Math.max(...builds), all: builds },
};
result.overhead_ms = result.save_to_reloaded_page_ms.median - result.cargo_build_ms.median;
if (json) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const row = (name, it) =>
    `| ${name} | ${it.median.toFixed(0)} | ${it.min.toFixed(0)} | ${it.max.toFixed(0)} |`;
  console.log(`${edits} edits of the basic template's heading, ${result.date}\n`);
  console.log("| | median ms | min ms | max ms |\n| --- | ---: | ---: | ---: |");
  console.log(row("save → reloaded page showing the change (`resuma dev`)", result.save_to_reloaded_page_ms));
  console.log(row("`cargo build` of the same change", result.cargo_build_ms));
  console.log(`\nresuma dev overhead over cargo build (medians): ${result.overhead_ms.toFixed(0)} ms`);
}
