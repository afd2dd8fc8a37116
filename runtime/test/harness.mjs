//! Drives Debian's Chromium (or, with `RESUMA_BROWSER=firefox`, Debian's Firefox ESR over
//! WebDriver BiDi) for the browser tests, and counts the JavaScript a page costs.
//!
//! Written for the runtime's tests against test/server.mjs and for the end-to-end tests
//! against the real Rust server alike: it knows nothing of either.
//!
//! ```js
//! const browser = await launchBrowser();
//! const page = await openPage(browser, `${url}/counter.html`);
//! await page.click("button");
//! await page.waitForFunction(() => document.body.textContent.includes("Count: 1"));
//! const { initial, afterFirstInteraction } = await jsBytes(page);
//! ```
//!
//! Sizes are gzip level 9 of the bytes as the server sent them (decoded first, if it
//! compressed them), so they compare with runtime/size-budget.json whatever the
//! server's own compression. An inline script counts as its text gzip'd on its own.

import { chromium } from "playwright-core";
import { firefoxContextOptions, launchFirefox } from "./firefox.mjs";
import { gzipSync } from "node:zlib";

/** Which engine `launchBrowser()` starts: `RESUMA_BROWSER`, "chromium" (default) or "firefox". */
export const BROWSER = process.env.RESUMA_BROWSER || "chromium";
if (BROWSER != "chromium" && BROWSER != "firefox") {
  throw new Error(`RESUMA_BROWSER=${BROWSER}: expected "chromium" or "firefox"`);
}

/** Debian's Chromium (`apt-get install chromium`); playwright-core never downloads one. */
export const CHROMIUM = process.env.RESUMA_CHROMIUM || "/usr/bin/chromium";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

const gzipSize = (bytes) => gzipSync(bytes, { level: 9 }).length;

/**
 * Launches the headless browser `BROWSER` names. Playwright gives every launch a fresh,
 * temporary profile (it refuses `--user-data-dir`/`--profile` in `args`), removed on
 * `browser.close()`. Firefox is driven over WebDriver BiDi (test/firefox.mjs).
 * @returns {Promise<import("playwright-core").Browser>}
 */
export function launchBrowser() {
  if (BROWSER == "firefox") return launchFirefox();
  return chromium.launch({ executablePath: CHROMIUM, headless: true, chromiumSandbox: false, args: ARGS });
}

/**
 * @typedef {object} Request one request the page made
 * @property {string} url
 * @property {string} method
 * @property {string} resourceType Playwright's: "document", "script", "fetch", …
 * @property {number | null} status null until it finished; 0 when it failed
 * @property {boolean} js whether it is JavaScript (a script, or served as JavaScript)
 * @property {number | null} sizeGz gzip -9 size of its body; null without a 2xx body
 */

/** Per page: requests, in-flight count, inline script sizes, the `initial` figure, console. */
const records = new WeakMap();

/**
 * Opens `url` in a new browser context (nothing cached, no cookies), recording every
 * request and console message from the start; returns once the page has loaded and the
 * network has been idle for 500 ms, with `initial` JavaScript measured.
 * @param {import("playwright-core").Browser} browser
 * @param {string} url
 * @param {import("playwright-core").BrowserContextOptions} [contextOptions] such as
 *   `{ javaScriptEnabled: false }` for a visitor without JavaScript (in Firefox, a proxy
 *   that forbids the page's scripts: test/firefox.mjs)
 * @param {{beforeNavigate?: (page: import("playwright-core").Page) => Promise<void>}} [options]
 *   `beforeNavigate` runs once the page is recorded and before it navigates (e.g. to start
 *   JS coverage, as benchmark/run.mjs does)
 * @returns {Promise<import("playwright-core").Page>} closing it closes its context
 */
export async function openPage(browser, url, contextOptions = {}, options = {}) {
  const context = await browser.newContext(BROWSER == "firefox" ? await firefoxContextOptions(contextOptions) : contextOptions);
  const page = await context.newPage();
  page.on("close", () => context.close().catch(() => {}));

  const record = { requests: [], inflight: new Set(), inlineGz: 0, initial: 0, console: [] };
  records.set(page, record);
  page.on("console", (message) => record.console.push({ type: message.type(), text: message.text() }));
  page.on("pageerror", (error) => record.console.push({ type: "pageerror", text: String(error) }));

  const entries = new Map();
  page.on("request", (request) => {
    const entry = {
      url: request.url(),
      method: request.method(),
      resourceType: request.resourceType(),
      status: null,
      js: request.resourceType() == "script",
      sizeGz: null,
    };
    record.requests.push(entry);
    entries.set(request, entry);
    record.inflight.add(request);
  });
  page.on("requestfailed", (request) => {
    entries.get(request).status = 0;
    record.inflight.delete(request);
  });
  page.on("requestfinished", async (request) => {
    const entry = entries.get(request);
    try {
      const response = await request.response();
      entry.status = response?.status() ?? 0;
      entry.js ||= /javascript/.test(response?.headers()["content-type"] ?? "");
      // Only a successful response carries the script; an error page is not JavaScript.
      const body = entry.status >= 200 && entry.status < 300 && entry.status != 204 ? await response.body() : null;
      entry.sizeGz = body ? gzipSize(body) : null;
    } catch {
      // The page or context closed before the body could be read: nothing to measure.
    } finally {
      record.inflight.delete(request);
    }
  });

  await options.beforeNavigate?.(page);
  await page.goto(url, { waitUntil: "networkidle" });
  record.inlineGz = await page.evaluate(() =>
    [...document.scripts]
      .filter((script) => !script.src && /^$|javascript|^module$/i.test(script.type))
      .map((script) => script.text),
  ).then((texts) => texts.reduce((sum, text) => sum + gzipSize(Buffer.from(text)), 0));
  await settled(record);
  record.initial = record.inlineGz + fetchedJsGz(record);
  return page;
}

/**
 * Every request the page has made so far, in order.
 * @param {import("playwright-core").Page} page from `openPage`
 * @returns {Request[]}
 */
export function requests(page) {
  return recordOf(page).requests;
}

/**
 * The console messages and uncaught errors of the page so far: `{type, text}`, where
 * `type` is the console method ("log", "error", …) or "pageerror".
 * @param {import("playwright-core").Page} page from `openPage`
 */
export function consoleMessages(page) {
  return recordOf(page).console;
}

/**
 * JavaScript the page cost, gzip bytes: `initial`, inline scripts and JavaScript fetched
 * by the time `openPage` returned; `afterFirstInteraction`, that and all JavaScript
 * fetched since, once the requests in flight have finished. Call it after the first
 * interaction has had its effect (e.g. once the text it changes shows).
 * @param {import("playwright-core").Page} page from `openPage`
 * `inline` is the inline scripts alone (the loader and its call).
 * @returns {Promise<{inline: number, initial: number, afterFirstInteraction: number}>}
 */
export async function jsBytes(page) {
  const record = recordOf(page);
  await settled(record);
  return { inline: record.inlineGz, initial: record.initial, afterFirstInteraction: record.inlineGz + fetchedJsGz(record) };
}

function fetchedJsGz(record) {
  return record.requests.filter((it) => it.js).reduce((sum, it) => sum + (it.sizeGz ?? 0), 0);
}

// Waits until no request is in flight (and its body has been measured), at most 5 s.
async function settled(record, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (record.inflight.size) {
    if (Date.now() > deadline) throw new Error(`requests still in flight after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function recordOf(page) {
  const record = records.get(page);
  if (!record) throw new Error("not a page from openPage()");
  return record;
}
