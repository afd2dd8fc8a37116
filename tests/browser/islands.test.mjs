// The islands example in real Chromium against the real Rust server: each island's
// chunk and the core are fetched when its trigger fires and not before (visible: when it
// scrolls into view; idle: after load, untouched; interaction: on the pointer), and then
// its effect runs. The page's JavaScript before any trigger is the inline scripts alone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { launchBrowser, openPage, requests, jsBytes, consoleMessages } from "../../runtime/test/harness.mjs";
import { startExample } from "./example.mjs";

const budget = JSON.parse(readFileSync(new URL("../../runtime/size-budget.json", import.meta.url)));
let browser;
let islands;

before(async () => {
  [browser, islands] = await Promise.all([launchBrowser(), startExample("islands")]);
});

after(async () => {
  await browser?.close();
  await islands?.stop();
});

const paths = (page) => requests(page).map((it) => new URL(it.url).pathname).filter((it) => it.startsWith("/_resuma/"));
const fetched = (page, name) => paths(page).some((it) => it.startsWith(`/_resuma/handler/${name}.`));
const core = (page) => paths(page).some((it) => /^\/_resuma\/core(-reactive)?\.[0-9a-f]{8}\.js$/.test(it));
const text = (page, selector) => page.locator(selector).textContent();
const waitText = (page, selector, expected) =>
  page.waitForFunction(([s, e]) => document.querySelector(s).textContent == e, [selector, expected], { timeout: 10_000 });

test("without JavaScript the islands show what the server rendered", async () => {
  const page = await openPage(browser, islands.url + "/", { javaScriptEnabled: false });
  assert.equal(await text(page, "#idle"), "Idle island, effect runs: 1");
  assert.equal(await text(page, "#clock"), "Ticks since it came into view: 2");
  assert.match(await page.locator("#clock").getAttribute("data-r-island"), /^visible 2 Clock\.[0-9a-f]{8}$/);
  await page.close();
});

test("idle: the core and its chunk after load, untouched, and its effect runs", async () => {
  const page = await openPage(browser, islands.url + "/");
  await waitText(page, "#idle", "Idle island, effect runs: 2");
  assert.ok(fetched(page, "IdlePanel") && core(page), `${paths(page)}`);
  // Requested after the load event, not during it.
  const after = await page.evaluate(() => {
    const load = performance.getEntriesByType("navigation")[0].loadEventStart;
    const chunk = performance.getEntriesByType("resource").find((it) => it.name.includes("/handler/IdlePanel."));
    return chunk.startTime >= load;
  });
  assert.ok(after, "the idle island's chunk is requested after the load event");
  assert.deepEqual(consoleMessages(page).filter((it) => it.type == "pageerror" || it.type == "error"), []);
  await page.close();
});

test("visible: nothing below the fold is fetched at load nor after idle time; scrolled into view, it is, and it ticks", async () => {
  const page = await openPage(browser, islands.url + "/");
  await waitText(page, "#idle", "Idle island, effect runs: 2");
  await page.waitForTimeout(1500);
  assert.ok(!fetched(page, "Clock"), `the clock's chunk before it is in view: ${paths(page)}`);
  assert.equal(await text(page, "#clock"), "Ticks since it came into view: 2", "nothing ran");
  // A click on the plain counter resumes the page (its graph, its bindings): the clock
  // still waits for its trigger.
  await page.locator("#count").click();
  await waitText(page, "#count", "Clicks: 1");
  await page.waitForTimeout(300);
  assert.ok(!fetched(page, "Clock"), `the clock's chunk after a click elsewhere: ${paths(page)}`);
  await page.locator("#clock").scrollIntoViewIfNeeded();
  await waitText(page, "#clock", "Ticks since it came into view: 3");
  assert.ok(fetched(page, "Clock"), `${paths(page)}`);
  // The effect's change re-arms the debounce!, a tick a second from now on.
  await waitText(page, "#clock", "Ticks since it came into view: 4");
  assert.ok(!fetched(page, "HoverPanel"), "scrolling past the hover island did not point at it");
  await page.close();
});

test("interaction: nothing until the pointer is over it, then the chunk and its effect", async () => {
  const page = await openPage(browser, islands.url + "/");
  await waitText(page, "#idle", "Idle island, effect runs: 2");
  await page.waitForTimeout(500);
  assert.ok(!fetched(page, "HoverPanel"), `${paths(page)}`);
  assert.equal(await text(page, "#hover"), "Interaction island, effect runs: 1");
  await page.locator("#hover").hover();
  await waitText(page, "#hover", "Interaction island, effect runs: 2");
  assert.ok(fetched(page, "HoverPanel"), `${paths(page)}`);
  // Once: a second pointer over it runs nothing more.
  await page.mouse.move(0, 0);
  await page.locator("#hover").hover();
  await page.waitForTimeout(300);
  assert.equal(await text(page, "#hover"), "Interaction island, effect runs: 2");
  await page.close();
});

test("visible, alone on a page: not the core, not the chunk, until it scrolls into view; the page's JS until then is the island script (gzip)", async () => {
  const page = await openPage(browser, islands.url + "/below");
  await page.waitForTimeout(1500);
  assert.deepEqual(paths(page), [], "nothing fetched at load nor after idle time");
  const scripts = await page.evaluate(() => [...document.scripts].filter((it) => !it.src && !it.type).map((it) => it.text));
  assert.equal(scripts.length, 1, "the island script, no loader: the page has no handler");
  const island = gzipSync(Buffer.from(scripts[0]), { level: 9 }).length;
  const before = await jsBytes(page);
  await page.locator("#clock").scrollIntoViewIfNeeded();
  await waitText(page, "#clock", "Ticks since it came into view: 3");
  assert.ok(core(page) && fetched(page, "Clock"), `${paths(page)}`);
  const after = await jsBytes(page);
  console.log(
    `island page JS (gzip): before the clock is in view ${before.initial} B (the inline island script ${island} B, budget ${budget.island.budget} B); ` +
      `once it started (reactive core + Clock chunk) ${after.afterFirstInteraction} B`,
  );
  assert.equal(before.initial, island, "nothing but the island script before the trigger");
  assert.ok(island <= budget.island.budget, `island script ${island} B over its budget of ${budget.island.budget} B`);
  await page.close();
});

test("a page with islands and a handler: the loader and the island script, each in budget (gzip)", async () => {
  const page = await openPage(browser, islands.url + "/");
  const scripts = await page.evaluate(() => [...document.scripts].filter((it) => !it.src && !it.type).map((it) => it.text));
  const [island, loader] = scripts.map((it) => gzipSync(Buffer.from(it), { level: 9 }).length);
  const bytes = await jsBytes(page);
  console.log(
    `islands home JS (gzip): inline ${bytes.inline} B (island script ${island} B, loader ${loader} B); by network idle ${bytes.initial} B ` +
      `(the idle island's start: reactive core and its chunk; the counter's chunk waits for intent)`,
  );
  assert.ok(island <= budget.island.budget, `island script ${island} B`);
  assert.ok(loader <= budget.loader.budget, `loader ${loader} B`);
  await page.close();
});
