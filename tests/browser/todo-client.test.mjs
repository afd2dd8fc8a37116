// The client-side todo list in real Chromium: a keyed <For> over a signal grows, shrinks,
// reorders and filters in the browser; items that stay keep their DOM nodes (checked by
// identity in the page) and their own state, and a toggle changes only bound nodes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, openPage, requests, jsBytes, consoleMessages } from "../../runtime/test/harness.mjs";
import { readFileSync } from "node:fs";
import { startExample } from "./example.mjs";

const budget = JSON.parse(readFileSync(new URL("../../runtime/size-budget.json", import.meta.url)));

let browser;
let app;

before(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startExample("todo-client")]);
});

after(async () => {
  await browser?.close();
  await app?.stop();
});

const titles = (page) => page.$$eval("#list li", (items) => items.map((li) => li.querySelector("span").textContent));
const visible = (page) => page.$$eval("#list li:not([hidden])", (items) => items.map((li) => li.querySelector("span").textContent));

const waitFor = (page, fn, arg) => page.waitForFunction(fn, arg, { timeout: 10_000 });

const add = async (page, title) => {
  const count = await page.$$eval("#list li", (items) => items.length);
  await page.locator("#new").fill(title);
  await page.locator("#add").click();
  await waitFor(page, (n) => document.querySelectorAll("#list li").length == n, count + 1);
};

const noErrors = (page) => {
  const logged = consoleMessages(page).filter((it) => it.type == "pageerror" || it.type == "error");
  assert.deepEqual(logged.filter((it) => !it.text.startsWith("Failed to load resource")), []);
  assert.deepEqual(requests(page).filter((it) => it.status >= 400 && !it.url.endsWith("/favicon.ico")), []);
};

test("add, toggle, remove and reorder keep the other items' nodes", async () => {
  const page = await openPage(browser, app.url + "/");
  assert.deepEqual(await titles(page), ["Read the design page", "Write a component"]);
  assert.equal(await page.locator("#left").textContent(), "1 left");
  assert.equal(await page.locator("#empty").count(), 0);

  // Remember every item's node, and give the first one state of its own (a property the
  // server never rendered), which only survives if the node does.
  await page.evaluate(() => {
    window.nodes = [...document.querySelectorAll("#list li")];
    window.nodes[0].mark = "kept";
  });
  await add(page, "Ship it");
  await add(page, "Naïve café ✓");
  assert.deepEqual(await titles(page), ["Read the design page", "Write a component", "Ship it", "Naïve café ✓"]);
  assert.equal(await page.locator("#left").textContent(), "3 left");
  assert.equal(await page.locator("#new").inputValue(), "", "the draft is cleared through value={draft}");
  assert.ok(await page.evaluate(() => window.nodes.every((li, i) => document.querySelectorAll("#list li")[i] === li)), "old items keep their nodes");

  // Toggle the third: only bound nodes change.
  await page.evaluate(() => {
    window.nodes = [...document.querySelectorAll("#list li")];
    window.mutations = [];
    new MutationObserver((records) => {
      for (const r of records) window.mutations.push([r.type, r.target.nodeName, r.attributeName ?? null]);
    }).observe(document.querySelector("main"), { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await page.locator("#list li:nth-child(3) input[type=checkbox]").click();
  await waitFor(page, () => document.querySelector("#left").textContent == "2 left");
  await waitFor(page, () => document.querySelectorAll("#list li")[2].className == "done");
  const mutations = await page.evaluate(() => window.mutations);
  assert.deepEqual(
    mutations.filter(([type, node, attr]) => !(type == "attributes" && node == "LI" && attr == "class") && !(type == "characterData" && node == "#text")),
    [],
    `only the toggled item's class and the count change: ${JSON.stringify(mutations)}`,
  );
  assert.ok(await page.evaluate(() => document.querySelectorAll("#list li")[2].querySelector("input").checked));
  assert.ok(await page.evaluate(() => window.nodes.every((li, i) => document.querySelectorAll("#list li")[i] === li)), "every item keeps its node");

  // Move the last up: the same nodes, in the new order.
  await page.locator("#list li:nth-child(4) .up").click();
  await waitFor(page, () => document.querySelectorAll("#list li")[2].querySelector("span").textContent == "Naïve café ✓");
  assert.deepEqual(await titles(page), ["Read the design page", "Write a component", "Naïve café ✓", "Ship it"]);
  assert.ok(await page.evaluate(() => {
    const now = [...document.querySelectorAll("#list li")];
    return now[0] === window.nodes[0] && now[1] === window.nodes[1] && now[2] === window.nodes[3] && now[3] === window.nodes[2];
  }), "reordering moves the items' nodes");

  // Remove the second: the others stay, with their state.
  await page.locator("#list li:nth-child(2) .remove").click();
  await waitFor(page, () => document.querySelectorAll("#list li").length == 3);
  assert.deepEqual(await titles(page), ["Read the design page", "Naïve café ✓", "Ship it"]);
  assert.ok(await page.evaluate(() => {
    const now = [...document.querySelectorAll("#list li")];
    return now[0] === window.nodes[0] && now[0].mark == "kept" && now[1] === window.nodes[3] && now[2] === window.nodes[2];
  }), "the remaining items keep their nodes and state");
  assert.equal(await page.locator("#left").textContent(), "1 left");
  noErrors(page);
  await page.close();
});

test("the filter hides items in place; an emptied list shows <Show> content", async () => {
  const page = await openPage(browser, app.url + "/");
  await add(page, "Third");
  await page.locator("#done").click();
  await waitFor(page, () => document.querySelectorAll("#list li:not([hidden])").length == 1);
  assert.deepEqual(await visible(page), ["Read the design page"]);
  await page.locator("#active").click();
  await waitFor(page, () => document.querySelectorAll("#list li:not([hidden])").length == 2);
  assert.deepEqual(await visible(page), ["Write a component", "Third"]);
  await page.locator("#all").click();
  await waitFor(page, () => document.querySelectorAll("#list li:not([hidden])").length == 3);

  for (let n = 3; n > 0; n--) {
    await page.locator("#list li:first-child .remove").click();
    await waitFor(page, (left) => document.querySelectorAll("#list li").length == left, n - 1);
  }
  await waitFor(page, () => document.querySelector("#empty")?.textContent == "Nothing to do.");
  await add(page, "Again");
  await waitFor(page, () => !document.querySelector("#empty"));
  assert.deepEqual(await titles(page), ["Again"]);
  noErrors(page);
  await page.close();
});

test("markup in a title stays text: no element, no script, in the list or its attributes", async () => {
  const page = await openPage(browser, app.url + "/");
  await page.evaluate(() => (window.pwned = 0));
  const attack = `<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>"'--><!--/r-->`;
  await add(page, attack);
  assert.equal(await page.evaluate(() => document.querySelectorAll("#list img, #list script").length), 0);
  assert.deepEqual((await titles(page)).at(-1), attack);
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => window.pwned), 0);
  // Its bindings still work: toggling it updates its class and the count.
  await page.locator("#list li:last-child input[type=checkbox]").click();
  await waitFor(page, () => document.querySelector("#list li:last-child").className == "done");
  noErrors(page);
  await page.close();
});

test("todo-client page sizes (gzip)", async () => {
  const page = await openPage(browser, app.url + "/");
  const atLoad = await jsBytes(page);
  assert.ok(!requests(page).some((it) => it.url.includes("/_resuma/core")), "the core is not fetched at load");
  await add(page, "x");
  const after = await jsBytes(page);
  console.log(`todo-client page JS (gzip): loader ${atLoad.inline} B, before the first interaction (prefetched on intent only) ${atLoad.initial} B, first interaction ${after.afterFirstInteraction} B`);
  assert.ok(atLoad.inline <= 901, `loader ${atLoad.inline} B`);
  // Loader + reactive core + this page's chunk (templates and all), each within budget.
  assert.ok(after.afterFirstInteraction <= budget.loader.budget + budget.coreReactive.budget + 2048, `${after.afterFirstInteraction} B`);
  await page.close();
});
