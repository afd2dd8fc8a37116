// The setup every fixture-page test file shares: one fixture server and one browser for
// the file, and `withPage` to open a page, check it and close it.
import { before, after } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, openPage } from "./harness.mjs";
import { startServer } from "./server.mjs";

/**
 * Registers the file's `before`/`after` hooks; returns accessors for the running pair.
 * With `{ noCspViolation: true }`, `withPage` also asserts that the page recorded no
 * `securitypolicyviolation` (the fixture pages record them from their first script on).
 */
export function useFixtures({ noCspViolation = false } = {}) {
  const state = {};
  before(async () => {
    state.server = await startServer({ debug: process.env.RESUMA_DEBUG == "1" });
    state.browser = await launchBrowser();
  });
  after(async () => {
    await state.browser?.close();
    await state.server?.close();
  });
  return {
    get server() {
      return state.server;
    },
    get browser() {
      return state.browser;
    },
    /** Opens fixture page `name`; `check` runs with it; the page is closed afterwards. */
    async withPage(name, check) {
      const page = await openPage(state.browser, `${state.server.url}/${name}.html`);
      try {
        await check(page);
        if (noCspViolation) {
          assert.deepEqual(await page.evaluate(() => window.violations), [], "no CSP violation");
        }
      } finally {
        await page.close();
      }
    },
  };
}

/** Waits until `selector`'s text is exactly `expected`. */
export const waitForText = (page, selector, expected) =>
  page.waitForFunction(([selector, expected]) => document.querySelector(selector)?.textContent == expected, [
    selector,
    expected,
  ]);
