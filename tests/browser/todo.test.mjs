// The todo template as `resuma new --template todo` writes it, in Chromium: add three,
// toggle one, remove one, filter, reload and see what SQLite kept; a refused title shows
// its message in the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { launchBrowser, openPage, consoleMessages } from "../../runtime/test/harness.mjs";
import { buildApp, freePort, newApp, run, waitForStatus } from "./dev-app.mjs";

let browser;
let app;
let server;
let url;
let db;

before(async () => {
  browser = await launchBrowser();
  app = newApp("browser_todo", "todo");
  const binary = buildApp(app.dir, "browser_todo");
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  db = path.join(app.dir, "test-todos.db");
  server = run(binary, [], {
    cwd: app.dir,
    env: { ...process.env, RESUMA_ADDR: `127.0.0.1:${port}`, TODO_DB: db, RUST_LOG: "warn" },
  });
  await waitForStatus(url + "/", 200, 30_000, server.alive);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  app?.remove();
});

const titles = (page) => page.locator("#todo-list .title").allTextContents();

const waitFor = (page, fn, arg) => page.waitForFunction(fn, arg, { timeout: 10_000 });

/** Types a title and submits the form; resolves once the list shows it (no reload). */
async function add(page, title) {
  await page.locator("#new-todo input[name=title]").fill(title);
  await page.locator("#new-todo button").click();
  await waitFor(page, (t) => [...document.querySelectorAll("#todo-list .title")].some((it) => it.textContent == t), title);
  assert.equal(await page.locator("#new-todo input[name=title]").inputValue(), "", "the input is cleared");
}

test("add, toggle, remove and filter in place; a reload shows what the database kept", async () => {
  assert.ok(existsSync(db), "the database file is created on first run");
  const page = await openPage(browser, url + "/");
  // A mark on the window survives only if the page is never reloaded.
  await page.evaluate(() => (window.sameDocument = true));
  assert.deepEqual(await titles(page), []);
  for (const title of ["Buy milk", "Write tests", "Ship it"]) await add(page, title);
  assert.deepEqual(await titles(page), ["Buy milk", "Write tests", "Ship it"]);
  await waitFor(page, () => document.querySelector("#items-left").textContent.trim() == "3 items left");
  await page.evaluate(() => (window.items = [...document.querySelectorAll("#todo-list li")]));

  await page.locator("#todo-list li", { hasText: "Write tests" }).locator("input.toggle").click();
  await waitFor(page, () => document.querySelectorAll("#todo-list li")[1].className == "todo done");
  await waitFor(page, () => document.querySelector("#items-left").textContent.trim() == "2 items left");

  await page.locator("#todo-list li", { hasText: "Buy milk" }).locator("button.remove").click();
  await waitFor(page, () => document.querySelectorAll("#todo-list li").length == 2);
  assert.deepEqual(await titles(page), ["Write tests", "Ship it"]);
  assert.ok(
    await page.evaluate(() => {
      const now = [...document.querySelectorAll("#todo-list li")];
      return now[0] === window.items[1] && now[1] === window.items[2] && window.sameDocument;
    }),
    "the items that stay keep their nodes, and the page was never reloaded",
  );

  await page.locator("#filters a", { hasText: "Active" }).click();
  await page.waitForURL(url + "/active");
  assert.deepEqual(await titles(page), ["Ship it"]);
  // Done on the Active page: hidden in place.
  await page.locator("#todo-list li", { hasText: "Ship it" }).locator("input.toggle").click();
  await waitFor(page, () => document.querySelector("#todo-list li").hidden);
  await page.locator("#filters a", { hasText: "Completed" }).click();
  await page.waitForURL(url + "/completed");
  assert.deepEqual(await titles(page), ["Write tests", "Ship it"]);
  assert.equal(await page.locator("#filters a[aria-current=page]").textContent(), "Completed");
  await page.locator("#clear-completed").click();
  await waitFor(page, () => document.querySelectorAll("#todo-list li").length == 0);

  await page.goto(url + "/");
  assert.deepEqual(await titles(page), []);
  await add(page, "Again");
  await page.reload();
  assert.deepEqual(await titles(page), ["Again"]);
  assert.deepEqual(consoleMessages(page).filter((it) => it.type == "pageerror"), []);
  await page.close();

  const fresh = await openPage(browser, url + "/");
  assert.deepEqual(await titles(fresh), ["Again"]);
  await fresh.close();
});

test("a title the server refuses shows its message, and nothing is added", async () => {
  const page = await openPage(browser, url + "/");
  const before = await titles(page);
  await page.locator("#new-todo input[name=title]").fill("x".repeat(201));
  await page.locator("#new-todo button").click();
  const error = page.locator("#error");
  await page.waitForFunction(() => !document.querySelector("#error").hidden, null, { timeout: 10_000 });
  assert.equal(await error.textContent(), "A title has at most 200 characters; this one has 201.");
  await page.locator("#new-todo input[name=title]").fill("   ");
  await page.locator("#new-todo button").click();
  await page.waitForFunction(() => document.querySelector("#error").textContent == "A todo needs a title.", null, { timeout: 10_000 });
  await page.reload();
  assert.deepEqual(await titles(page), before);
  await page.close();
});

test("a call without the page's CSRF token is refused before it reaches the database", async () => {
  const response = await fetch(url + "/_resuma/action/add_todo", {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify(["forged"]),
  });
  assert.equal(response.status, 403);
  assert.equal((await response.json()).error.kind, "bad_csrf");
  const page = await openPage(browser, url + "/");
  assert.ok(!(await titles(page)).includes("forged"));
  await page.close();
});
