// Flow forms in real Chromium, on examples/flow's blog: first with JavaScript disabled
// (a browser context with JS off), where every path must work as plain HTML — fill,
// submit, see the errors beside the typed values, fix, submit, land on the new post,
// reload without sending the form again — then enhanced, with JavaScript.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, openPage, requests } from "../../runtime/test/harness.mjs";
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
