// The Resuma site (site/), exported with `resuma build --static` and served by a plain
// static file server, in real Chromium: every page reachable from the home page answers
// (a crawler: no broken internal link), guides ship no JavaScript and link the
// stylesheet, the search page filters the exported index as one types, and the home
// page's counter resumes; served by its own binary, the demos work (the search bar, the
// server function whose every third call fails, the form with and without JavaScript). Prints the search page's bytes (gzip) for the size report.
// The export's own table (`resuma build --static`'s stdout) lists every page it wrote with
// its JavaScript: the guides 0 B, the counter, the demos and the search theirs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { launchBrowser, openPage, requests, jsBytes } from "../../runtime/test/harness.mjs";
import { exportAndServe } from "./export.mjs";
import { startExample } from "./example.mjs";

let browser;
let site;
let live;

before(async () => {
  site = await exportAndServe("site");
  live = await startExample("site");
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  site?.stop();
  await live?.stop();
});

// Errors on the console (the site has a favicon: Chromium's request of it must not fail).
const errors = new WeakMap();
const watch = (page) => {
  errors.set(page, []);
  page.on("pageerror", (error) => errors.get(page).push(String(error)));
  page.on("console", (m) => m.type() == "error" && errors.get(page).push(m.text()));
  return page;
};
const noErrors = (page, expected = /^$/) => assert.deepEqual(errors.get(page).filter((it) => !expected.test(it)), []);

test("crawling the exported site from / finds no broken link; every guide of the table of contents has its title, ships no script and links the stylesheet", async () => {
  const seen = new Set(["/"]);
  const queue = ["/"];
  const sheets = new Set();
  const titles = new Map();
  let guides = 0;
  while (queue.length) {
    const at = queue.shift();
    const res = await fetch(site.url + at);
    assert.equal(res.status, 200, `${at} (linked from a page of the site)`);
    const html = await res.text();
    titles.set(at, html.match(/<title>([^<]*)<\/title>/)?.[1]);
    for (const [, href] of html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)) sheets.add(href);
    if (at.startsWith("/docs/")) {
      guides++;
      assert.ok(!html.includes("<script"), `${at} ships JavaScript`);
      assert.match(html, /<title>[^<]+ · Resuma<\/title>/, `${at} has its title`);
    }
    for (const [, href] of html.matchAll(/href="([^"#]*)(?:#[^"]*)?"/g)) {
      if (!href.startsWith("/") || href.startsWith("//") || href.startsWith("/_resuma/")) continue;
      if (!seen.has(href)) {
        seen.add(href);
        queue.push(href);
      }
    }
  }
  assert.ok(guides >= 15, `only ${guides} guides reached`);
  // Every entry of the table of contents was reached, with its title.
  const home = await (await fetch(site.url + "/")).text();
  const nav = home.slice(home.indexOf('<nav class="toc"'), home.indexOf("</nav>", home.indexOf('<nav class="toc"')));
  const toc = [...nav.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map(([, href, text]) => [href, text]);
  assert.equal(toc.length, guides, "the guides crawled are the table of contents");
  for (const [href, text] of toc) assert.equal(titles.get(href), `${text} · Resuma`, href);
  for (const slug of ["islands", "security", "editor"]) assert.ok(toc.some(([href]) => href == `/docs/${slug}`), slug);
  assert.equal(sheets.size, 1, [...sheets].join(", "));
  const css = await fetch(site.url + [...sheets][0]);
  assert.equal(css.status, 200);
  assert.match(css.headers.get("content-type"), /text\/css/);
  // The favicon every browser asks for was exported with the pages.
  const icon = await fetch(site.url + "/favicon.ico");
  assert.equal(icon.status, 200);
  assert.equal(new Uint8Array(await icon.arrayBuffer()).slice(0, 4).join(","), "0,0,1,0", "an ICO file");
  console.log(`site export: ${seen.size} pages crawled, ${guides} guides, no broken link`);
});

test("the export's table lists every page it wrote with its JavaScript: guides 0 B, the counter, the demos and the search theirs", () => {
  const bytes = (cell) => (cell == "-" ? null : cell.endsWith(" KiB") ? Math.round(parseFloat(cell) * 1024) : parseInt(cell));
  // File, Route, Status, HTML (gz), Initial JS, First interaction.
  const size = String.raw`(\S+ (?:B|KiB)|-)`;
  const line = new RegExp(String.raw`^(\S+)\s+(\/\S*)\s+(\d{3})\s+${size}\s+${size}\s+${size}\s*$`);
  const rows = new Map();
  for (const it of site.stdout.split("\n")) {
    const m = it.match(line);
    if (m) rows.set(m[2], { file: m[1], status: Number(m[3]), initial: bytes(m[5]), first: bytes(m[6]) });
  }
  // Each file the export wrote, as the route its row names: DIR/PATH/index.html is /PATH.
  const written = readdirSync(site.out, { recursive: true })
    .filter((it) => it.endsWith(".html"))
    .map((it) => (it == "404.html" ? "/404.html" : "/" + it.replace(/(^|\/)index\.html$/, "")));
  assert.ok(written.length > 30, `${written.length} pages written`);
  assert.deepEqual(written.filter((it) => !rows.has(it)), [], `pages missing from the table:\n${site.stdout}`);
  for (const [route, row] of rows) {
    if (route.startsWith("/docs") || route == "/404.html") {
      assert.deepEqual([row.initial, row.first], [0, 0], `${route} is a text page: 0 B`);
    }
  }
  assert.equal(rows.get("/docs/islands").file, "docs/[slug].rs", "guides are the dynamic route's pages");
  assert.equal(rows.get("/404.html").file, "_404.rs");
  const shipping = ["/", "/search", "/demos/search", "/demos/server", "/demos/form"];
  for (const route of shipping) {
    const row = rows.get(route);
    assert.ok(row && row.initial > 0 && row.first > row.initial, `${route}: ${JSON.stringify(row)}`);
  }
  const docs = [...rows.keys()].filter((it) => it.startsWith("/docs")).length;
  console.log(
    `build table: ${rows.size} pages, ${docs} under /docs at 0 B; by the first interaction (gzip): ` +
      shipping.map((it) => `${it} ${rows.get(it).first} B`).join(", "),
  );
});

test("the search page filters the exported index as one types, and its bytes (gzip)", async () => {
  const page = await openPage(browser, site.url + "/search/", {}, { beforeNavigate: watch });
  const atLoad = await jsBytes(page);
  const visible = () => page.locator("ul.results li:not([hidden])").count();
  const all = await visible();
  assert.ok(all > 100, `${all} headings in the index`);
  await page.locator("#q").pressSequentially("csrf");
  await page.waitForFunction((all) => document.querySelectorAll("ul.results li:not([hidden])").length < all, all, { timeout: 10_000 });
  const shown = await page.locator("ul.results li:not([hidden]) a").allTextContents();
  assert.ok(shown.length > 0, "some headings mention CSRF");
  for (const title of shown) assert.match(title, /csrf/i);
  const after = await jsBytes(page);
  await page.locator("#q").fill("");
  await page.locator("#q").dispatchEvent("input");
  await page.waitForFunction((all) => document.querySelectorAll("ul.results li:not([hidden])").length == all, all, { timeout: 10_000 });
  // A result leads to its guide's heading, in the export too.
  await page.locator("#q").pressSequentially("setting up");
  const first = page.locator("ul.results li:not([hidden]) a").first();
  const href = await first.getAttribute("href");
  await first.click();
  await page.waitForURL((u) => u.pathname.startsWith(href.split("#")[0]));
  noErrors(page);
  console.log(
    `search page (gzip): HTML ${requests(page).find((it) => it.resourceType == "document")?.sizeGz ?? "?"} B, loader ${atLoad.inline} B, ` +
      `before the first keystroke ${atLoad.initial} B, by the first keystroke ${after.afterFirstInteraction} B`,
  );
  await page.close();
});

test("the home page's counter resumes from the exported files", async () => {
  const page = await openPage(browser, site.url + "/", {}, { beforeNavigate: watch });
  const counter = page.locator("button.counter");
  await counter.click();
  await counter.click();
  await page.waitForFunction(() => document.querySelector("button.counter").textContent.trim() == "Clicks: 2", null, { timeout: 10_000 });
  noErrors(page);
  await page.close();
});

const text = (page, selector, want) =>
  page.waitForFunction(([selector, want]) => document.querySelector(selector)?.textContent.trim() == want, [selector, want], { timeout: 10_000 });

test("demo: the search bar filters and counts as one types", async () => {
  const page = await openPage(browser, live.url + "/demos/search", {}, { beforeNavigate: watch });
  assert.equal(await page.locator("ul.names li:not([hidden])").count(), 9);
  await page.locator("#q").pressSequentially("st");
  await text(page, "#chars", "2 characters");
  await page.waitForFunction(() => document.querySelectorAll("ul.names li:not([hidden])").length == 2, null, { timeout: 10_000 });
  assert.deepEqual(await page.locator("ul.names li:not([hidden])").allTextContents(), ["Astro", "SolidStart"]);
  const bytes = await jsBytes(page);
  console.log(`demo search page JS (gzip): by the first keystroke ${bytes.afterFirstInteraction} B`);
  noErrors(page);
  await page.close();
});

test("demo: the server function's every third call fails, shown on the page", async () => {
  const page = await openPage(browser, live.url + "/demos/server", {}, { beforeNavigate: watch });
  const reload = page.locator("#reload");
  await reload.click();
  await page.waitForFunction(() => /^call \d+: fresh/.test(document.querySelector("#status").textContent), null, { timeout: 10_000 });
  let failed = false;
  for (let i = 0; i < 3 && !failed; i++) {
    const before = await page.locator("#status").textContent();
    await reload.click();
    await page.waitForFunction(
      (before) => document.querySelector("#error").textContent != "" || document.querySelector("#status").textContent != before,
      before,
      { timeout: 10_000 },
    );
    failed = (await page.locator("#error").textContent()) != "";
  }
  assert.ok(failed, "one of four calls in a row failed");
  assert.match(await page.locator("#error").textContent(), /^call \d+ failed: every third call does/);
  noErrors(page);
  await page.close();
});

for (const js of [true, false]) {
  test(`demo: the form keeps input and errors and answers, JavaScript ${js ? "on" : "off"}`, async () => {
    const page = await openPage(browser, live.url + "/demos/form", { javaScriptEnabled: js }, { beforeNavigate: watch });
    await page.locator("input[name=name]").fill("Ada");
    await page.locator("textarea[name=message]").fill("buy spam now");
    await page.locator("button", { hasText: "Send" }).click();
    await page.waitForFunction(() => document.body.textContent.includes("No spam, please."), null, { timeout: 10_000 });
    assert.equal(await page.locator("input[name=name]").inputValue(), "Ada", "what was typed is kept");
    assert.equal(await page.locator("textarea[name=message]").inputValue(), "buy spam now");
    await page.locator("textarea[name=message]").fill("hello there");
    await page.locator("button", { hasText: "Send" }).click();
    await text(page, "#thanks", "Thanks, Ada: your note was received.");
    noErrors(page, /status of 422/); // the refused post's answer
    await page.close();
  });
}
