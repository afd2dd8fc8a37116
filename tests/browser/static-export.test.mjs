// `resuma build --static` in real Chromium: examples/flow exported into a scratch folder,
// served by a plain static file server (python3 -m http.server, which knows nothing of
// Resuma), then browsed: the home page ships no JavaScript, links lead to the exported
// posts (a dynamic route, exported for the slugs its #[static_params] fn lists), and the
// blog layout's counter resumes from the exported core and chunk.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { launchBrowser, openPage, requests, consoleMessages } from "../../runtime/test/harness.mjs";
import { exportAndServe, exportStatic } from "./export.mjs";

let browser;
let site;
let out;
let url;
let stderr;

before(async () => {
  site = await exportAndServe("examples/flow");
  ({ out, url, stderr } = site);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  site?.stop();
});

test("the export has index files, a 404 page, the runtime and the chunks, and reports what needs a server", () => {
  for (const file of ["index.html", "about/index.html", "blog/index.html", "blog/hello/index.html", "404.html"]) {
    assert.ok(existsSync(path.join(out, file)), file);
  }
  assert.ok(existsSync(path.join(out, "blog/café <b>/index.html")), "a percent-encoded slug is its decoded folder");
  const home = readFileSync(path.join(out, "index.html"), "utf8");
  assert.ok(!home.includes("resuma-csrf"), "no visitor's token in a file for everyone");
  assert.match(stderr, /warning: \/blog\/new: needs a server \(submit\)/);
  assert.match(stderr, /warning: \/live: needs a server \(request\)/);
  assert.match(stderr, /warning: \/admin: the app answers 303, not exported/);
  assert.match(stderr, /exported \d+ page\(s\) and \d+ file\(s\)/);
});

test("a static page ships no JavaScript; a post's counter resumes from the exported files", async () => {
  const page = await openPage(browser, url + "/");
  assert.equal(await page.locator("script").count(), 0);
  assert.deepEqual(requests(page).filter((it) => it.js), [], "no JavaScript fetched");
  await page.locator("ul.recent a", { hasText: "Hello, Flow" }).click();
  await page.waitForURL(/\/blog\/hello\/?$/);
  assert.equal(await page.locator("article h1").textContent(), "Hello, Flow");
  const counter = page.locator("footer button.counter");
  await counter.click();
  await counter.click();
  await page.waitForFunction(() => document.querySelector("button.counter").textContent == "Likes: 2", null, { timeout: 10_000 });
  const fetched = requests(page).filter((it) => it.url.includes("/_resuma/"));
  assert.ok(fetched.length >= 2 && fetched.every((it) => it.status == 200), JSON.stringify(fetched));
  assert.deepEqual(consoleMessages(page).filter((it) => it.type == "pageerror"), []);
  await page.close();
});

test("--strict refuses an app with pages that need a server, and writes nothing", () => {
  const strictOut = mkdtempSync(path.join(tmpdir(), "resuma-strict-"));
  try {
    const built = exportStatic("examples/flow", strictOut, "--strict");
    assert.notEqual(built.status, 0);
    assert.match(built.stderr, /--strict: \d+ page\(s\) need a server, nothing was written/);
    assert.ok(!existsSync(path.join(strictOut, "index.html")));
  } finally {
    rmSync(strictOut, { recursive: true, force: true });
  }
});
