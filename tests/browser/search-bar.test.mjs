// The search bar from the design page in real Chromium against the real Rust server:
// the input is bound to a signal, the `computed!` count follows Rust's `len()` (UTF-8
// bytes), `debounce!` fires once after a burst (an async one awaiting a `#[server]` fn),
// and each update touches only bound nodes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launchBrowser, openPage, requests, jsBytes, consoleMessages } from "../../runtime/test/harness.mjs";
import { startExample } from "./example.mjs";

const budget = JSON.parse(readFileSync(new URL("../../runtime/size-budget.json", import.meta.url)));
let browser;
let app;

before(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startExample("search-bar")]);
});

after(async () => {
  await browser?.close();
  await app?.stop();
});

const noErrors = (page) => {
  // A failed request also logs an error: those are checked below, where the browser's
  // own /favicon.ico is told apart.
  const logged = consoleMessages(page).filter((it) => it.type == "pageerror" || it.type == "error");
  assert.deepEqual(logged.filter((it) => !it.text.startsWith("Failed to load resource")), []);
  const failed = requests(page).filter((it) => it.status >= 400 && !it.url.endsWith("/favicon.ico"));
  assert.deepEqual(failed, []);
};

const waitText = (page, selector, text) =>
  page.waitForFunction(([s, t]) => document.querySelector(s)?.textContent == t, [selector, text], { timeout: 10_000 });

test("typing updates the character count, in UTF-8 bytes like Rust's len()", async () => {
  const page = await openPage(browser, app.url + "/");
  assert.equal(await page.locator("p").textContent(), "0 chars");
  const input = page.locator("input");
  await input.pressSequentially("héllo");
  await waitText(page, "p", "6 chars");
  await input.fill("日本");
  await waitText(page, "p", "6 chars");
  await input.fill("🦀 Rust");
  await waitText(page, "p", "9 chars");
  await input.fill("");
  await waitText(page, "p", "0 chars");
  noErrors(page);
  await page.close();
});

test("each keystroke changes only the bound text node", async () => {
  const page = await openPage(browser, app.url + "/");
  const input = page.locator("input");
  await input.pressSequentially("a");
  await waitText(page, "p", "1 chars");
  const paragraphText = await page.evaluateHandle(() => document.querySelector("p").childNodes[1]);
  await page.evaluate(() => {
    window.mutations = [];
    new MutationObserver((records) => {
      for (const r of records) window.mutations.push([r.type, r.target.nodeName, r.attributeName]);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await input.pressSequentially("bc");
  await waitText(page, "p", "3 chars");
  const mutations = await page.evaluate(() => window.mutations);
  assert.ok(mutations.length > 0);
  assert.deepEqual(
    mutations.filter(([type, node]) => !(type == "characterData" && node == "#text")),
    [],
    "only the text between the binding comments changes (the input's value is a property)",
  );
  assert.ok(await page.evaluate((node) => node === document.querySelector("p").childNodes[1], paragraphText), "the same text node");
  noErrors(page);
  await page.close();
});

test("debounce! runs once after a burst of input; computed and bound attributes follow", async () => {
  const page = await openPage(browser, app.url + "/debounced");
  assert.equal(await page.locator("#clear").isDisabled(), true);
  const input = page.locator("#q");
  await input.pressSequentially("résumé", { delay: 20 });
  await waitText(page, "#chars", "6 characters (8 bytes)");
  assert.equal(await page.locator("#clear").isDisabled(), false);
  assert.equal(await page.locator("#searches").textContent(), "Searches: 0", "not before the pause");
  await waitText(page, "#searches", "Searches: 1");
  await waitText(page, "#last", "Last: résumé");
  assert.equal(await page.locator("#last").getAttribute("class"), "filled");
  await page.waitForTimeout(500);
  assert.equal(await page.locator("#searches").textContent(), "Searches: 1", "once per burst");
  await input.pressSequentially("s", { delay: 20 });
  await waitText(page, "#searches", "Searches: 2");
  await page.locator("#clear").click();
  await waitText(page, "#chars", "0 characters (0 bytes)");
  assert.equal(await input.inputValue(), "", "value={q} writes the input");
  assert.equal(await page.locator("#clear").isDisabled(), true);
  noErrors(page);
  await page.close();
});

test("an async debounce! awaits a #[server] fn once per burst and shows its answer", async () => {
  const page = await openPage(browser, app.url + "/fruits");
  const actions = () => requests(page).filter((it) => it.url.includes("/_resuma/action/search"));
  const input = page.locator("#q");
  await input.pressSequentially("berry", { delay: 20 });
  await waitText(page, "#results", "Blackberry, Blueberry, Raspberry, Strawberry");
  assert.equal(await page.locator("#asked").textContent(), "Asked the server 1 times");
  await page.waitForTimeout(500);
  assert.equal(actions().length, 1, "one call per burst");
  await input.fill("Pe");
  await waitText(page, "#results", "Grape, Peach, Pear");
  // No match: the server's empty list.
  await input.fill("kiwi");
  await waitText(page, "#results", "");
  assert.equal(actions().length, 3);
  assert.ok(actions().every((it) => it.status == 200), "each call answered");
  noErrors(page);
  await page.close();
});

test("search-bar page sizes (gzip): no JS before the first interaction but the loader", async () => {
  const page = await openPage(browser, app.url + "/");
  const atLoad = await jsBytes(page);
  assert.ok(!requests(page).some((it) => it.url.includes("/_resuma/core")), "the core is not fetched at load");
  await page.locator("input").pressSequentially("x");
  await waitText(page, "p", "1 chars");
  const after = await jsBytes(page);
  console.log(`search-bar page JS (gzip): loader ${atLoad.inline} B, before the first interaction ${atLoad.initial} B, first interaction ${after.afterFirstInteraction} B`);
  assert.ok(atLoad.inline <= budget.loader.budget);
  // Prefetch waits for intent (pointer, focus, touch): nothing is fetched at load.
  assert.equal(atLoad.initial, atLoad.inline, "only the loader before the first interaction");
  assert.ok(after.afterFirstInteraction <= budget.loader.budget + budget.coreReactive.budget + 1024, `${after.afterFirstInteraction} B`);
  await page.close();
});
