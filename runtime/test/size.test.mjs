//! The byte budgets, measured in Chromium on the counter page as a visitor gets it, with
//! prefetch on as the server writes it by default: the inlined loader, everything fetched
//! and run before the first interaction (the loader, as nothing is prefetched before
//! intent), then loader + core + counter chunk once the first click has had its effect.
//! Budgets: runtime/size-budget.json; tests/browser/counter.test.mjs holds the real page
//! to the same figures.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { launchBrowser, openPage, requests, jsBytes } from "./harness.mjs";
import { startServer } from "./server.mjs";

const budget = JSON.parse(await readFile(new URL("../size-budget.json", import.meta.url), "utf8"));

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("the counter page keeps to the loader, before-interaction and first-interaction budgets", async (t) => {
  const page = await openPage(browser, `${server.url}/counter.html`);
  try {
    const beforeInteraction = await jsBytes(page);
    await page.click("button");
    await page.waitForFunction(() => document.querySelector("button").textContent == "Count: 1");
    const { inline, afterFirstInteraction } = await jsBytes(page);
    const chunk = requests(page).find((it) => it.url.includes("/_resuma/handler/"));

    const rows = [
      ["loader, inlined", inline, budget.loader.aim, budget.loader.budget],
      ["before the first interaction (loader + prefetched)", beforeInteraction.initial, "", budget.counterBeforeInteraction.budget],
      ["counter chunk (fixture)", chunk.sizeGz, "", budget.counterChunk.reference],
      ["loader + core + chunk (first interaction)", afterFirstInteraction, budget.counterFirstInteraction.aim, budget.counterFirstInteraction.budget],
    ];
    t.diagnostic("gzip -9 bytes: size / aim / budget");
    for (const [label, size, aim, max] of rows) t.diagnostic(`${label}: ${size} / ${aim || "-"} / ${max}`);

    assert.ok(inline > 0 && inline <= budget.loader.budget, `loader ${inline} B > ${budget.loader.budget} B`);
    assert.ok(
      beforeInteraction.initial <= budget.counterBeforeInteraction.budget,
      `before the first interaction ${beforeInteraction.initial} B > ${budget.counterBeforeInteraction.budget} B`,
    );
    // Prefetch waits for intent: the loader is all the page costs until the pointer comes.
    assert.equal(beforeInteraction.initial, inline, "nothing is fetched at load");
    assert.ok(
      chunk.sizeGz <= budget.counterChunk.reference,
      `the fixture chunk (${chunk.sizeGz} B) outgrew counterChunk.reference (${budget.counterChunk.reference} B)`,
    );
    assert.ok(
      afterFirstInteraction <= budget.counterFirstInteraction.budget,
      `first interaction ${afterFirstInteraction} B > ${budget.counterFirstInteraction.budget} B`,
    );
    // What crossed the network is exactly the core and the chunk, once each (the click's
    // hover prefetched them; the import found them): nothing else was fetched.
    const core = gzipSync(await readFile(new URL("../dist/core.min.js", import.meta.url)), { level: 9 }).length;
    assert.equal(afterFirstInteraction, inline + core + chunk.sizeGz);
  } finally {
    await page.close();
  }
});
