// Server functions from the browser, on the real server: no reload, errors in the page,
// the CSP on with no violation, and the live search through js!{}.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, openPage, consoleMessages } from "../../runtime/test/harness.mjs";
import { startExample } from "./example.mjs";

let browser;
let serverFns;
let liveSearch;
let counter;

before(async () => {
  [browser, serverFns, liveSearch, counter] = await Promise.all([
    launchBrowser(),
    startExample("server-fns"),
    startExample("live-search"),
    startExample("counter"),
  ]);
});

after(async () => {
  await browser?.close();
  await Promise.all([serverFns?.stop(), liveSearch?.stop(), counter?.stop()]);
});

/** Records CSP violations from the start of the page's life. */
async function watchCsp(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

test("a server fn is called without a reload; every third call's error shows in the page", async () => {
  const page = await openPage(browser, serverFns.url + "/");
  const csp = (await page.request.get(serverFns.url + "/")).headers()["content-security-policy"] ?? "";
  assert.match(csp, /script-src[^;]*'nonce-/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  await page.evaluate(() => (window.__sameDocument = true));
  const button = page.locator("button");
  await button.click();
  await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("call 1:"), null, { timeout: 10_000 });
  await button.click();
  await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("call 2:"), null, { timeout: 10_000 });
  await button.click();
  await page.waitForFunction(() => /call 3 failed/.test(document.querySelector("#error").textContent), null, { timeout: 10_000 });
  assert.match(await page.locator("#status").textContent(), /^call 2:/);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, "the page was not reloaded");
  assert.equal(await page.evaluate(() => performance.getEntriesByType("navigation").length), 1);
  assert.deepEqual(consoleMessages(page).filter((it) => it.type == "pageerror"), []);
  await page.close();
});

test("the pages run under their CSP with no violation while everything works", async () => {
  const cases = [
    [counter.url + "/", async (page) => {
      await page.locator("button").click();
      await page.waitForFunction(() => document.querySelector("button").textContent == "Count: 1");
    }],
    [serverFns.url + "/", async (page) => {
      await page.locator("button").click();
      await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("call "));
    }],
    [liveSearch.url + "/", async (page) => {
      await page.locator("input").fill("pe");
      await page.waitForFunction(() => document.querySelectorAll("#results li").length > 0);
    }],
  ];
  for (const [url, exercise] of cases) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await watchCsp(page);
    const response = await page.goto(url, { waitUntil: "networkidle" });
    assert.match(response.headers()["content-security-policy"] ?? "", /'nonce-/, url);
    await exercise(page);
    assert.deepEqual(await page.evaluate(() => window.__violations), [], url);
    await context.close();
  }
});

test("live search calls the server fn through js!{} and renders the results", async () => {
  const page = await openPage(browser, liveSearch.url + "/");
  await page.locator("input").fill("ap");
  await page.waitForFunction(() => document.querySelectorAll("#results li").length == 5, null, { timeout: 10_000 });
  const items = await page.locator("#results li").allTextContents();
  assert.deepEqual(items, ["Apple", "Apricot", "Grape", "Papaya", "Pineapple"]);
  assert.equal(await page.locator("#summary").textContent(), "Results for “ap”");
  await page.close();
});
