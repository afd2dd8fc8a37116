//! The loader and the core in Chromium, on fixture pages in the wire format
//! (test/fixtures/pages) with hand-written chunks (test/fixtures/handler).

import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, requests, consoleMessages, jsBytes } from "./harness.mjs";
import { useFixtures, waitForText } from "./fixture.mjs";

const fixtures = useFixtures();
const withPage = (name, check) => fixtures.withPage(name, check);

const text = (page, selector) => page.textContent(selector);
const paths = (page) => requests(page).map((it) => new URL(it.url).pathname);
const errors = (page) => consoleMessages(page).filter((it) => it.type == "error" || it.type == "pageerror");

test("the counter counts three clicks, and loads nothing before the first", async () => {
  await withPage("counter", async (page) => {
    assert.deepEqual(paths(page), ["/counter.html"], "only the page itself before the first click");
    for (const n of [1, 2, 3]) {
      await page.click("button");
      await waitForText(page, "button", `Count: ${n}`);
    }
    // The core and the chunk, fetched side by side (in either order), once each.
    assert.deepEqual(paths(page).slice(1).sort(), ["/_resuma/core.test.js", "/_resuma/handler/Counter.1f3a9b2c.js"]);
    assert.deepEqual(errors(page), []);
  });
});

test("prefetch on intent: nothing at load, the core and a handler's chunk on pointer or focus, nothing twice", async () => {
  await withPage("prefetch", async (page) => {
    const preloads = () => page.evaluate(() => [...document.querySelectorAll('link[rel="modulepreload"]')].map((it) => new URL(it.href).pathname));
    await page.waitForTimeout(200);
    assert.deepEqual(paths(page), ["/prefetch.html"], "nothing at load, though both buttons are in view");
    // The pointer over #a: the core and First's chunk, not Second's.
    await page.hover("#a");
    await page.waitForFunction(() => document.querySelectorAll('link[rel="modulepreload"]').length == 2);
    assert.deepEqual(await preloads(), ["/_resuma/core.test.js", "/_resuma/handler/First.2d4a6f81.js"]);
    // Focus on #b: its chunk; the core is not asked for again.
    await page.focus("#b");
    await page.waitForFunction(() => document.querySelectorAll('link[rel="modulepreload"]').length == 3);
    assert.equal((await preloads())[2], "/_resuma/handler/Second.7e3b9c05.js");
    await page.hover("#a");
    assert.equal((await preloads()).length, 3, "one link per URL");
    assert.equal(await text(page, "#log"), "Log: ", "prefetching runs nothing");
    await jsBytes(page);
    const prefetched = paths(page).slice(1).sort();
    assert.deepEqual(prefetched, ["/_resuma/core.test.js", "/_resuma/handler/First.2d4a6f81.js", "/_resuma/handler/Second.7e3b9c05.js"]);
    await page.click("#a");
    await page.click("#b");
    await waitForText(page, "#log", "Log: ab");
    await jsBytes(page);
    assert.deepEqual(paths(page).slice(1).sort(), prefetched, "the clicks fetch nothing new");
    assert.deepEqual(errors(page), []);
  });
});

test("two counters on one page count independently", async () => {
  await withPage("two-counters", async (page) => {
    await page.click("#first");
    await waitForText(page, "#first", "First: 1");
    await page.click("#first");
    await page.click("#second");
    await waitForText(page, "#second", "Second: 11");
    assert.equal(await text(page, "#first"), "First: 2");
    assert.deepEqual(errors(page), []);
  });
});

test("a binding with an empty or null initial value gets its text node, and loses it to empty again", async () => {
  await withPage("empty-initial", async (page) => {
    await page.click("#set");
    await waitForText(page, "#name", "Name: Ada!");
    assert.equal(await text(page, "#nickname"), "Nickname: Countess!");
    await page.click("#clear");
    await waitForText(page, "#name", "Name: !");
    assert.equal(await text(page, "#nickname"), "Nickname: !");
    // Between each pair of comments lies exactly one (now empty) text node.
    const between = await page.evaluate(() =>
      ["#name", "#nickname"].map((selector) => {
        const open = document.querySelector(selector).firstChild.nextSibling;
        return [open.nodeValue, open.nextSibling.nodeType, open.nextSibling.nodeValue, open.nextSibling.nextSibling.nodeValue];
      }),
    );
    assert.deepEqual(between, [
      ["r:0", 3, "", "/r"],
      ["r:1", 3, "", "/r"],
    ]);
    assert.deepEqual(errors(page), []);
  });
});

test("`!` prevents the default synchronously: a link does not navigate, a form does not submit", async () => {
  // With the core held back, only a synchronous preventDefault() can stop the navigation.
  fixtures.server.delay("/_resuma/core.test.js", 400);
  try {
    await withPage("prevent", async (page) => {
      const url = page.url();
      await page.click("#link");
      await waitForText(page, "#status", "Handled: link");
      await page.click("#send");
      await waitForText(page, "#status", "Handled: form");
      assert.equal(page.url(), url);
      assert.ok(!paths(page).some((it) => it == "/elsewhere.html" || it == "/submitted.html"), paths(page).join(" "));
      assert.deepEqual(errors(page), []);
    });
  } finally {
    fixtures.server.delay("/_resuma/core.test.js", 0);
  }
});

test("stopPropagation() in a handler keeps the outer handlers from running", async () => {
  await withPage("propagation", async (page) => {
    // First click: the handler runs after the browser's dispatch, once the core has loaded.
    await page.click("#stop");
    await waitForText(page, "#counts", "outer 0 inner 1");
    // Second: everything is loaded, so the handler runs while the browser dispatches.
    await page.click("#stop");
    await waitForText(page, "#counts", "outer 0 inner 2");
    // An async handler that stops propagation, then awaits: the browser's dispatch has
    // ended (and cleared the flag) by the time it settles.
    await page.click("#stop-async");
    await waitForText(page, "#counts", "outer 0 inner 3");
    await page.click("#pass");
    await waitForText(page, "#counts", "outer 1 inner 4");
    // On the outer element itself, right of the buttons.
    const box = await page.locator("#outer").boundingBox();
    await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
    await waitForText(page, "#counts", "outer 2 inner 4");
    assert.deepEqual(errors(page), []);
  });
});

test("events while the core loads are queued, not lost, and replayed in order", async () => {
  fixtures.server.delay("/_resuma/core.test.js", 500);
  try {
    await withPage("counter", async (page) => {
      await page.click("button");
      await page.click("button");
      assert.equal(await text(page, "button"), "Count: 0", "the core is still loading");
      await waitForText(page, "button", "Count: 2");
    });
    // Two chunks, the first slower: the order of the clicks still wins.
    fixtures.server.delay("/_resuma/handler/First.2d4a6f81.js", 700);
    await withPage("order", async (page) => {
      await page.click("#a");
      await page.click("#b");
      await page.click("#a");
      await waitForText(page, "#log", "Log: aba");
      assert.deepEqual(errors(page), []);
    });
  } finally {
    fixtures.server.delay("/_resuma/core.test.js", 0);
    fixtures.server.delay("/_resuma/handler/First.2d4a6f81.js", 0);
  }
});

test("an update changes the bound text node and nothing else", async () => {
  await withPage("two-counters", async (page) => {
    await page.evaluate(() => {
      window.mutations = [];
      new MutationObserver((records) => window.mutations.push(...records)).observe(document, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    });
    await page.click("#second");
    await waitForText(page, "#second", "Second: 11");
    await page.click("#second");
    await waitForText(page, "#second", "Second: 12");
    const mutations = await page.evaluate(() =>
      window.mutations.map((it) => ({
        type: it.type,
        node: it.target.nodeName,
        before: it.target.previousSibling?.nodeValue,
        after: it.target.nextSibling?.nodeValue,
      })),
    );
    assert.deepEqual(mutations, [
      { type: "characterData", node: "#text", before: "r:1", after: "/r" },
      { type: "characterData", node: "#text", before: "r:1", after: "/r" },
    ]);
    assert.equal(await text(page, "#first"), "First: 0");
  });
});

test("an input handler reads e.target.value into a bound text", async () => {
  await withPage("input", async (page) => {
    await page.locator("#query").pressSequentially("hello");
    await waitForText(page, "#echo", "You typed: hello");
    await page.locator("#query").fill("");
    await waitForText(page, "#echo", "You typed: ");
    assert.deepEqual(errors(page), []);
  });
});

test("an error is reported on the console and later events still run", async () => {
  await withPage("errors", async (page) => {
    await page.click("#missing");
    await page.click("#throws");
    await page.click("#rejects");
    await page.click("#count");
    await waitForText(page, "#count", "Count: 1");
    const logged = () => errors(page).map((it) => it.text).join("\n");
    // A console message reaches the test a little after the page logged it.
    for (let tries = 0; tries < 100 && !/fixture: h1 rejects/.test(logged()); tries++) await page.waitForTimeout(20);
    assert.match(logged(), /Missing\.deadbeef\.js/);
    assert.match(logged(), /fixture: h0 throws/);
    assert.match(logged(), /fixture: h1 rejects/);
    assert.ok(!errors(page).some((it) => it.type == "pageerror"), "nothing escapes as an uncaught error");
  });
});

test("a page without handlers has no loader and fetches no JavaScript", async () => {
  await withPage("static", async (page) => {
    await page.click("#inert");
    assert.deepEqual(paths(page), ["/static.html"]);
    assert.deepEqual(await jsBytes(page), { inline: 0, initial: 0, afterFirstInteraction: 0 });
    assert.equal(await page.evaluate(() => document.scripts.length), 0);
  });
});
