// The Flow example in real Chromium: links between file-based pages, a page rendered
// from its load inside two layouts, a counter in the blog's layout that resumes on the
// first click, the admin guard, and pages without handlers that run no JavaScript.
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

const scripts = (page) => requests(page).filter((it) => it.url.includes("/_resuma/"));

test("navigate from the home page to a post and resume the layout's counter", async () => {
  const page = await openPage(browser, flow.url + "/");
  assert.equal(await page.title(), "Flow · Resuma");
  assert.equal(await page.locator("script").count(), 0, "the home page has no handlers");
  await page.locator("ul.recent a", { hasText: "Hello, Flow" }).click();
  await page.waitForURL(/\/blog\/hello$/);
  assert.equal(await page.title(), "Hello, Flow · Blog", "the page's use_head");
  assert.equal(await page.locator("article h1").textContent(), "Hello, Flow");
  // Inside the root layout (its load counted the posts) and the blog's.
  assert.equal(await page.locator("header.site-nav a[href='/blog']").textContent(), "Blog (3)");
  const counter = page.locator("footer button.counter");
  assert.equal(await counter.textContent(), "Likes: 0");
  await counter.click();
  await counter.click();
  await page.waitForFunction(() => document.querySelector("button.counter").textContent == "Likes: 2", null, { timeout: 10_000 });
  const failed = requests(page).filter((it) => it.status >= 400 && !it.url.endsWith("/favicon.ico"));
  assert.deepEqual(failed, []);
  assert.deepEqual(consoleMessages(page).filter((it) => it.type == "pageerror"), []);
  await page.close();
});

test("the percent-encoded link reaches its post, and an unknown slug is the 404 page", async () => {
  const page = await openPage(browser, flow.url + "/blog");
  await page.locator("a", { hasText: "Café" }).click();
  await page.waitForURL(/\/blog\/caf%C3%A9%20%3Cb%3E$/);
  assert.equal(await page.locator("article h1").textContent(), "Café <b>");
  const res = await page.goto(flow.url + "/blog/nothing");
  assert.equal(res.status(), 404);
  assert.equal(await page.locator("main.not-found h1").textContent(), "Nothing here");
  await page.close();
});

test("the admin guard sends a visitor without the cookie to /login", async () => {
  const page = await openPage(browser, flow.url + "/admin");
  assert.match(page.url(), /\/login$/);
  assert.equal(await page.locator("h1").textContent(), "Sign in");
  await page.context().addCookies([{ name: "admin", value: "letmein", url: flow.url }]);
  await page.goto(flow.url + "/admin");
  assert.equal(await page.locator("h1").textContent(), "Welcome, admin");
  assert.deepEqual(scripts(page), [], "no page here has handlers");
  await page.close();
});
