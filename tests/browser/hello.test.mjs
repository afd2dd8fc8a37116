// A page with no handlers ships no JavaScript at all, in a real browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, openPage, requests, jsBytes } from "../../runtime/test/harness.mjs";
import { startExample } from "./example.mjs";

test("the static hello page ships 0 bytes of JavaScript", async () => {
  const [browser, hello] = await Promise.all([launchBrowser(), startExample("hello")]);
  try {
    const page = await openPage(browser, hello.url + "/");
    assert.equal(await page.locator("h1").textContent(), "Hello from Resuma");
    assert.equal(await page.evaluate(() => document.scripts.length), 0);
    await page.locator("h1").click();
    const bytes = await jsBytes(page);
    assert.deepEqual(bytes, { inline: 0, initial: 0, afterFirstInteraction: 0 });
    assert.deepEqual(requests(page).filter((it) => it.js), []);
  } finally {
    await browser.close();
    await hello.stop();
  }
});
