// Flow forms in real Chromium, on examples/flow's blog: first with JavaScript disabled
// (a browser context with JS off), where every path must work as plain HTML — fill,
// submit, see the errors beside the typed values, fix, submit, land on the new post,
// reload without sending the form again — then enhanced, with JavaScript.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, openPage, requests, jsBytes, consoleMessages } from "../../runtime/test/harness.mjs";
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

const posts = (page) => requests(page).filter((it) => it.method == "POST");

test("without JavaScript: errors come back with what was typed, a fix lands on the post, a reload resubmits nothing", async () => {
  const page = await openPage(browser, flow.url + "/blog/new", { javaScriptEnabled: false });
  const slug = `nojs-${Date.now()}`;
  await page.fill("input[name=slug]", "Not A Slug");
  await page.fill("input[name=title]", "Written without JavaScript");
  await page.fill("textarea[name=body]", "Kept <exactly> as typed");
  // `required` would stop the browser itself: take it off to reach the server's checks.
  await page.evaluate(() => document.querySelectorAll("[required]").forEach((it) => it.removeAttribute("required")));
  const [failed] = await Promise.all([page.waitForNavigation(), page.click("form.post-form button")]);
  assert.equal(failed.status(), 422);
  assert.equal(await page.inputValue("input[name=slug]"), "Not A Slug");
  assert.equal(await page.inputValue("input[name=title]"), "Written without JavaScript");
  assert.equal(await page.inputValue("textarea[name=body]"), "Kept <exactly> as typed");
  assert.equal(await page.getAttribute("input[name=slug]", "aria-invalid"), "true");
  const describedBy = await page.getAttribute("input[name=slug]", "aria-describedby");
  assert.equal(await page.locator(`#${describedBy}`).textContent(), "Use lowercase letters, digits and dashes only.");

  await page.fill("input[name=slug]", slug);
  const [done] = await Promise.all([page.waitForNavigation(), page.click("form.post-form button")]);
  assert.equal(done.status(), 200, "the 303 was followed by a GET");
  assert.equal(new URL(page.url()).pathname, `/blog/${slug}`);
  assert.equal(await page.locator("article h1").textContent(), "Written without JavaScript");
  assert.equal(await page.locator("article p").textContent(), "Kept <exactly> as typed");

  const before = posts(page).length;
  const reloaded = await page.reload();
  assert.equal(reloaded.status(), 200);
  assert.equal(reloaded.request().method(), "GET", "post/redirect/get: a reload is a GET");
  assert.equal(posts(page).length, before, "nothing was posted again");
  await page.goto(flow.url + "/blog");
  assert.equal(await page.locator(`a[href="/blog/${slug}"]`).count(), 1, "the post exists once");
  await page.close();
});

test("without JavaScript: the edit form starts with the post's values and delete removes it", async () => {
  const page = await openPage(browser, flow.url + "/blog/new", { javaScriptEnabled: false });
  const slug = `edit-${Date.now()}`;
  await page.fill("input[name=slug]", slug);
  await page.fill("input[name=title]", "First title");
  await Promise.all([page.waitForNavigation(), page.click("form.post-form button")]);
  assert.equal(await page.inputValue("form.edit input[name=title]"), "First title");
  await page.fill("form.edit input[name=title]", "Second title");
  await Promise.all([page.waitForNavigation(), page.click("form.edit button")]);
  assert.equal(await page.locator("article h1").textContent(), "Second title");
  await Promise.all([page.waitForNavigation(), page.click("form.delete button")]);
  assert.equal(new URL(page.url()).pathname, "/blog");
  assert.equal(await page.locator(`a[href="/blog/${slug}"]`).count(), 0);
  await page.close();
});

/** Creates a post without JavaScript and returns its path. */
async function newPost(title) {
  const page = await openPage(browser, flow.url + "/blog/new", { javaScriptEnabled: false });
  const slug = `js-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  await page.fill("input[name=slug]", slug);
  await page.fill("input[name=title]", title);
  await Promise.all([page.waitForNavigation(), page.click("form.post-form button")]);
  await page.close();
  return `/blog/${slug}`;
}

test("with JavaScript: errors and saves apply in place, focus goes to the bad field, a signal keeps its value", async (t) => {
  const path = await newPost("Enhanced");
  const page = await openPage(browser, flow.url + path);
  const before = await jsBytes(page);
  await page.evaluate(() => (window.__marker = "same document"));

  // A signal elsewhere on the page: the blog layout's counter, clicked twice.
  const counter = page.locator("footer button.counter");
  await counter.click();
  await counter.click();
  await page.waitForFunction(() => document.querySelector("button.counter").textContent == "Likes: 2");

  // An invalid edit: 422, applied in place.
  await page.fill("form.edit input[name=title]", "");
  await page.fill("form.edit textarea[name=body]", "typed before the error");
  await page.evaluate(() => document.querySelectorAll("[required]").forEach((it) => it.removeAttribute("required")));
  const answered = page.waitForResponse((res) => res.request().method() == "POST");
  await page.click("form.edit button");
  assert.equal((await answered).status(), 422);
  await page.waitForSelector("form.edit .r-field-error");
  assert.equal(await page.evaluate(() => window.__marker), "same document", "no navigation");
  assert.equal(await page.evaluate(() => document.activeElement?.name), "title", "focus on the field with the error");
  assert.equal(await page.inputValue("form.edit textarea[name=body]"), "typed before the error");
  assert.equal(await counter.textContent(), "Likes: 2", "the counter kept its value");
  await page.waitForFunction(() => document.querySelector("form.edit").getAttribute("aria-busy") == null);

  // A valid edit: 303 to the same page, applied in place.
  await page.fill("form.edit input[name=title]", "Enhanced and saved");
  await page.click("form.edit button");
  await page.waitForFunction(() => document.querySelector("article h1").textContent == "Enhanced and saved");
  assert.equal(await page.evaluate(() => window.__marker), "same document", "post/redirect/get without a reload");
  assert.equal(await page.locator("form.edit .r-field-error").count(), 0, "the error is gone");
  assert.equal(await counter.textContent(), "Likes: 2");
  await counter.click();
  await page.waitForFunction(() => document.querySelector("button.counter").textContent == "Likes: 3");
  const after = await jsBytes(page);
  t.diagnostic(`post page, gzip JS: ${before.initial} B before any interaction, ${after.afterFirstInteraction} B after the first interaction and a submit`);
  // Chromium logs the 422 as a failed resource: that one is expected.
  const errors = consoleMessages(page).filter((it) => it.type == "pageerror" || (it.type == "error" && !it.text.includes("422")));
  assert.deepEqual(errors, []);
  await page.close();
});

test("with JavaScript: a double click sends one request, the form is busy meanwhile, and a redirect elsewhere navigates", async () => {
  const page = await openPage(browser, flow.url + "/blog/new");
  await page.evaluate(() => (window.__marker = "new page"));
  const slug = `dbl-${Date.now()}`;
  await page.fill("input[name=slug]", slug);
  await page.fill("input[name=title]", "Clicked twice");
  // Hold the answer, so the form stays pending while the second click lands.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route("**/blog/new?*", async (route) => {
    await held;
    await route.continue();
  });
  await page.dblclick("form.post-form button");
  await page.waitForFunction(() => document.querySelector("form.post-form").getAttribute("aria-busy") == "true");
  assert.equal(await page.locator("form.post-form button").isDisabled(), true, "the button is disabled while pending");
  release();
  await page.waitForURL(new RegExp(`/blog/${slug}$`));
  assert.equal(await page.evaluate(() => window.__marker), undefined, "a redirect to another page navigates");
  assert.equal(await page.locator("article h1").textContent(), "Clicked twice");
  assert.equal(posts(page).length, 1, "one request for a double click");
  // The submit's redirect came as `x-resuma-location`: the new post is fetched once, by
  // the navigation (a 303 would have been followed by `fetch` first).
  const gets = requests(page).filter((it) => it.method == "GET" && new URL(it.url).pathname == `/blog/${slug}`);
  assert.deepEqual(gets.map((it) => it.resourceType), ["document"]);
  await page.close();
});
