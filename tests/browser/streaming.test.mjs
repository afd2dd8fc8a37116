// Streaming SSR in real Chromium, on examples/flow's /live page: its load defers the view
// counts, so the page and a fallback arrive first and the part later, in the same
// response. With JavaScript the part is moved into its placeholder and the counter inside
// it resumes on the first click; without it the part is still in the document, after the
// page; an error of the deferred value shows in its place; no CSP violation anywhere.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, openPage, requests, consoleMessages } from "../../runtime/test/harness.mjs";
import { startExample } from "./example.mjs";

let browser;
let flow;

before(async () => {
  [browser, flow] = await Promise.all([launchBrowser(), startExample("flow")]);
});

after(async () => {
  await browser?.close();
  await flow?.stop();
});

const cspErrors = (messages) => messages.filter((it) => /Content Security Policy|Refused to/i.test(it.text));

test("the fallback shows while the part loads, then the part takes its place and its counter resumes", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const messages = [];
  page.on("console", (message) => messages.push({ type: message.type(), text: message.text() }));
  page.on("pageerror", (error) => messages.push({ type: "pageerror", text: String(error) }));
  // `commit`: the response has started; the part is 1.5 s away.
  await page.goto(flow.url + "/live?ms=1500", { waitUntil: "commit" });
  await page.waitForSelector("section.views p.loading", { timeout: 1000 });
  assert.equal(await page.locator("h1").textContent(), "Live numbers");
  assert.equal(await page.locator("section.views li").count(), 0, "the part has not arrived yet");

  await page.waitForSelector("section.views li", { timeout: 10_000 });
  const rows = await page.locator("section.views li").allTextContents();
  assert.equal(rows.length, 3, rows.join("\n"));
  assert.deepEqual(rows.map((it) => it.replace(/^.*: /, "")), ["120", "45", "7"]);
  assert.equal(await page.locator("p.loading").count(), 0, "the fallback is gone");
  assert.equal(await page.locator("[data-r-part]").count(), 0, "the part was moved into place");
  assert.equal(await page.title(), "Live numbers");

  await page.waitForLoadState("load");
  const counter = page.locator("section.views button.counter");
  await counter.click();
  await counter.click();
  await page.waitForFunction(() => document.querySelector("section.views button.counter").textContent == "Likes: 2", null, { timeout: 10_000 });
  assert.deepEqual(cspErrors(messages), []);
  assert.deepEqual(messages.filter((it) => it.type == "pageerror"), []);
  await context.close();
});

test("without JavaScript the part is in the document, after the page", async () => {
  const page = await openPage(browser, flow.url + "/live?ms=50", { javaScriptEnabled: false });
  assert.equal(await page.locator("[data-r-part] li").count(), 3);
  assert.match(await page.locator("[data-r-part] li").first().textContent(), /: 120$/);
  assert.equal(await page.locator("p.loading").count(), 1, "nothing moved it: the fallback stays in place");
  await page.close();
});

test("a failing deferred value shows its error in its place; the rest of the page is whole", async () => {
  const page = await openPage(browser, flow.url + "/live?ms=50&fail=1");
  assert.equal(await page.locator("section.views p.error").textContent(), "The view counter is resting.");
  assert.equal(await page.locator("p.posts").textContent(), "3 posts");
  const failed = requests(page).filter((it) => it.status >= 400 && !it.url.endsWith("/favicon.ico"));
  assert.deepEqual(failed, []);
  assert.deepEqual(cspErrors(consoleMessages(page)), []);
  await page.close();
});
