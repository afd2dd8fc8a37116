// The counter example in real Chromium against the real Rust server: it resumes on the
// first click, loads nothing before intent, keeps two counters apart, and stays in budget
// (runtime/size-budget.json: loader, counterBeforeInteraction, counterFirstInteraction).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launchBrowser, openPage, requests, jsBytes, consoleMessages } from "../../runtime/test/harness.mjs";
import { startExample } from "./example.mjs";

const budget = JSON.parse(readFileSync(new URL("../../runtime/size-budget.json", import.meta.url)));
let browser;
let counter;

before(async () => {
  [browser, counter] = await Promise.all([launchBrowser(), startExample("counter")]);
});

after(async () => {
  await browser?.close();
  await counter?.stop();
});

const runtimeRequests = (page) => requests(page).filter((it) => it.url.includes("/_resuma/"));

test("the counter increments on three clicks", async () => {
  const page = await openPage(browser, counter.url + "/");
  const button = page.locator("button");
  assert.equal(await button.textContent(), "Count: 0");
  for (let i = 0; i < 3; i++) await button.click();
  await page.waitForFunction(() => document.querySelector("button").textContent == "Count: 3", null, { timeout: 10_000 });
  assert.equal(await button.textContent(), "Count: 3");
  // The browser asks for /favicon.ico on its own; everything else must have succeeded.
  const failed = requests(page).filter((it) => it.status >= 400 && !it.url.endsWith("/favicon.ico"));
  assert.deepEqual(failed, []);
  assert.deepEqual(consoleMessages(page).filter((it) => it.type == "pageerror"), []);
  await page.close();
});

test("prefetch: nothing at load, the core and the chunk on intent, nothing twice", async () => {
  const page = await openPage(browser, counter.url + "/");
  const paths = () => runtimeRequests(page).map((it) => new URL(it.url).pathname);
  await page.waitForTimeout(200);
  assert.deepEqual(paths(), [], "nothing before intent, though the button is in view");
  // Intent: the pointer over the button prefetches the core and its chunk, before any click.
  await page.locator("button").hover();
  await page.waitForFunction(() => document.querySelectorAll('link[rel="modulepreload"]').length == 2, null, { timeout: 10_000 });
  await jsBytes(page);
  assert.equal(paths().length, 2, `${paths()}`);
  assert.ok(paths().some((it) => /^\/_resuma\/core\.[0-9a-f]{8}\.js$/.test(it)), `${paths()}`);
  assert.ok(paths().some((it) => /^\/_resuma\/handler\/Counter\.[0-9a-f]{8}\.js$/.test(it)), `${paths()}`);
  assert.equal(await page.locator("button").textContent(), "Count: 0", "prefetching runs nothing");
  await page.locator("button").click();
  await page.waitForFunction(() => document.querySelector("button").textContent == "Count: 1");
  await jsBytes(page);
  assert.equal(paths().length, 2, `the click fetches nothing new: ${paths()}`);
  await page.close();
});

test("two counters on one page count independently", async () => {
  const page = await openPage(browser, counter.url + "/two");
  const first = page.locator("#first button");
  const second = page.locator("#second button");
  await first.click();
  await first.click();
  await second.click();
  await page.waitForFunction(
    () => document.querySelector("#first button").textContent == "Count: 2" && document.querySelector("#second button").textContent == "Count: 1",
    null,
    { timeout: 10_000 },
  );
  await page.close();
});

test("the counter page stays within its JS budgets (gzip)", async () => {
  const page = await openPage(browser, counter.url + "/");
  const atLoad = await jsBytes(page);
  await page.locator("button").click();
  await page.waitForFunction(() => document.querySelector("button").textContent == "Count: 1");
  const after = await jsBytes(page);
  console.log(
    `counter page JS (gzip): loader ${atLoad.inline} B (budget ${budget.loader.budget} B), everything before the first interaction ${atLoad.initial} B (budget ${budget.counterBeforeInteraction.budget} B), first interaction ${after.afterFirstInteraction} B (budget ${budget.counterFirstInteraction.budget} B)`,
  );
  assert.ok(atLoad.inline > 0, "the loader is inlined");
  assert.ok(atLoad.inline <= budget.loader.budget, `loader ${atLoad.inline} B > ${budget.loader.budget} B`);
  // Everything fetched and run before the first interaction: the loader and any prefetch.
  assert.ok(atLoad.initial <= budget.counterBeforeInteraction.budget, `before the first interaction ${atLoad.initial} B > ${budget.counterBeforeInteraction.budget} B`);
  // Everything fetched up to and including the first interaction, prefetches included.
  assert.ok(after.afterFirstInteraction <= budget.counterFirstInteraction.budget, `first interaction ${after.afterFirstInteraction} B > ${budget.counterFirstInteraction.budget} B`);
  await page.close();
});

test("handlers read the event: input value and key", async () => {
  const page = await openPage(browser, counter.url + "/greet");
  const input = page.locator("input");
  await input.fill("  Ada  ");
  await page.waitForFunction(() => document.querySelector("#greeting").textContent == "Hello, Ada!", null, { timeout: 10_000 });
  await input.press("Enter");
  await input.press("Enter");
  await page.waitForFunction(() => document.querySelector("#presses").textContent == "Enter pressed 2 times", null, { timeout: 10_000 });
  assert.deepEqual(consoleMessages(page).filter((it) => it.type == "pageerror"), []);
  await page.close();
});

test("a u64 past 2^53 resumes exact and counts on exactly", async () => {
  const page = await openPage(browser, counter.url + "/wide");
  const button = page.locator("#wide");
  // 2^60 + 1: read as a JavaScript number it would be 2^60, and one click would show
  // 2^60 + 1 again.
  assert.equal(await button.textContent(), "1152921504606846977");
  await button.click();
  await page.waitForFunction(() => document.querySelector("#wide").textContent != "1152921504606846977", null, { timeout: 10_000 });
  assert.equal(await button.textContent(), "1152921504606846978");
  await button.click();
  await page.waitForFunction(() => document.querySelector("#wide").textContent == "1152921504606846979", null, { timeout: 10_000 });
  assert.deepEqual(consoleMessages(page).filter((it) => it.type == "pageerror"), []);
  await page.close();
});
