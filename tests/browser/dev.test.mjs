// `resuma dev` on an app made by `resuma new`, in Chromium: a saved change reloads the page
// with the new text; a broken view! shows the overlay with its diagnostic code while the
// last good build keeps serving; a compile error shows rustc's code; fixing it removes the
// overlay; Ctrl-C stops everything.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { launchBrowser, openPage, consoleMessages } from "../../runtime/test/harness.mjs";
import { binDir } from "./example.mjs";
import { freePort, newApp, run, targetDir, waitForStatus } from "./dev-app.mjs";

const BUILD_MS = 180_000;

let browser;
let app;
let dev;
let url;
let home;
let original;

before(async () => {
  browser = await launchBrowser();
  app = newApp("dev_basic", "basic");
  home = path.join(app.dir, "src/components/home.rs");
  original = readFileSync(home, "utf8");
  const port = await freePort();
  url = `http://127.0.0.1:${port}/`;
  dev = run(path.join(binDir(), "resuma"), ["dev", app.dir, "--addr", `127.0.0.1:${port}`], {
    env: { ...process.env, CARGO_TARGET_DIR: targetDir },
  });
  await waitForStatus(url, 200, BUILD_MS, dev.alive);
});

after(async () => {
  await browser?.close();
  await dev?.stop();
  app?.remove();
});

/** Writes `text` to home.rs, as an editor's save would. */
function save(text) {
  writeFileSync(home, text);
}

/** Opens the page once its dev socket is open (a save before that would be missed). */
async function openWithSocket() {
  const page = await openPage(browser, url);
  await page.waitForFunction(() => document.documentElement.dataset.resumaDev == "connected", null, { timeout: 10_000 });
  return page;
}

test("a saved change reloads the page with the new text", async () => {
  const page = await openWithSocket();
  assert.equal(await page.locator("#title").textContent(), "Welcome to Resuma");
  await page.evaluate(() => (window.__beforeReload = true));
  save(original.replace('"Welcome to Resuma"', '"Edited while dev runs"'));
  await page.waitForFunction(() => document.querySelector("#title")?.textContent == "Edited while dev runs", null, { timeout: BUILD_MS });
  assert.equal(await page.evaluate(() => window.__beforeReload), undefined, "the page was reloaded");
  // The rebuilt app still resumes: the counter counts.
  await page.locator("button.counter").click();
  await page.waitForFunction(() => document.querySelector("button.counter").textContent.includes("Clicked 1 times"));
  assert.deepEqual(consoleMessages(page).filter((it) => it.type == "pageerror"), []);
  assert.match(dev.stderr(), /src\/components\/home\.rs: check \d+ ms build [\d.]+ m?s start \d+ ms → reloaded 1 page/);
  await page.close();
});

test("a broken view! shows the overlay with its code over the last good page; fixing it removes it", async () => {
  const page = await openWithSocket();
  const good = original.replace('"Welcome to Resuma"', '"Edited while dev runs"');
  save(good.replace('<h1 id="title">', '<h1 id="title" onClik={move |_| ()}>'));
  const overlay = page.locator("#resuma-dev-overlay");
  await overlay.waitFor({ timeout: BUILD_MS });
  const text = await overlay.textContent();
  assert.match(text, /R005: unknown event `onClik`/);
  assert.match(text, /src\/components\/home\.rs:\d+:\d+/);
  assert.match(text, /help: did you mean `onClick`\?/);
  // The last good build still serves.
  const response = await fetch(url);
  assert.equal(response.status, 200);
  assert.match(await response.text(), /Edited while dev runs/);
  // A page opened now shows the overlay too.
  const late = await openWithSocket();
  await late.locator("#resuma-dev-overlay").waitFor({ timeout: 10_000 });
  await late.close();

  await page.evaluate(() => (window.__beforeFix = true));
  save(good.replace('"Edited while dev runs"', '"Fixed"'));
  await page.waitForFunction(() => document.querySelector("#title")?.textContent == "Fixed", null, { timeout: BUILD_MS });
  assert.equal(await page.evaluate(() => window.__beforeFix), undefined, "the page was reloaded");
  assert.equal(await overlay.count(), 0);
  await page.close();
});

test("a compile error shows rustc's code in the overlay", async () => {
  const page = await openWithSocket();
  const good = readFileSync(home, "utf8");
  save(good.replace("pub fn Home() -> View {", 'pub fn Home() -> View {\n    let broken: i32 = "not a number";'));
  const overlay = page.locator("#resuma-dev-overlay");
  await overlay.waitFor({ timeout: BUILD_MS });
  const text = await overlay.textContent();
  assert.match(text, /E0308: mismatched types/);
  assert.match(text, /src\/components\/home\.rs:\d+:\d+/);
  save(good);
  await page.waitForFunction(() => !document.querySelector("#resuma-dev-overlay"), null, { timeout: BUILD_MS });
  assert.equal(await page.locator("#title").textContent(), "Fixed");
  await page.close();
});

test("Ctrl-C stops the dev server and the app", async () => {
  const { code } = await dev.stop();
  assert.equal(code, 0, dev.stderr());
  assert.match(dev.stderr(), /resuma dev: stopping/);
  await assert.rejects(fetch(url));
  // The app was stopped and waited for, not left behind.
  const left = spawnSync("pgrep", ["-f", path.join(targetDir, "debug", "dev_basic")], { encoding: "utf8" });
  assert.equal(left.stdout.trim(), "", "no dev_basic process is left");
});
