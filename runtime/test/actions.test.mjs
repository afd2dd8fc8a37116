//! Server functions from the browser: `__resuma.action` / `__resuma.result` against the
//! fixture endpoint of test/server.mjs, and errors no handler caught, shown in the page.

import { test } from "node:test";
import assert from "node:assert/strict";
import { BROWSER, openPage, requests, consoleMessages } from "./harness.mjs";
import { useFixtures, waitForText } from "./fixture.mjs";

const fixtures = useFixtures({ noCspViolation: true });
const withPage = (name, check) => fixtures.withPage(name, check);


// Clicks #echo and waits for its answer: the core (and so `__resuma`) is then loaded.
async function loadCore(page) {
  await page.click("#echo");
  await waitForText(page, "#out", "Out: hi 2");
}

// Calls `__resuma[method](name, args)` in the page: `{resolved}`, or the rejection's fields.
const call = (page, method, name, args = []) =>
  page.evaluate(
    async ([method, name, args]) => {
      try {
        return { resolved: await __resuma[method](name, args) };
      } catch (error) {
        const { name, kind, status, message, data, retryAfter } = error;
        const isActionError = error instanceof __resuma.ActionError && error instanceof Error;
        return { isActionError, name, kind, status, message, data, retryAfter };
      }
    },
    [method, name, args],
  );

// The fields of an ActionError as `call` returns them.
const actionError = (kind, status, message, fields) => ({
  isActionError: true,
  name: "ActionError",
  kind,
  status,
  message,
  data: undefined,
  retryAfter: undefined,
  ...fields,
});

// Waits for a console error matching `pattern` (messages reach the test a little late).
async function waitForConsoleError(page, pattern) {
  const logged = () => consoleMessages(page).filter((it) => it.type == "error").map((it) => it.text).join("\n");
  for (let tries = 0; tries < 100 && !pattern.test(logged()); tries++) await page.waitForTimeout(20);
  assert.match(logged(), pattern);
}

test("a handler awaits an action and sets a bound signal with what it returned", async () => {
  await withPage("actions", async (page) => {
    await loadCore(page);
    assert.equal(await page.textContent("#banner"), "");
    assert.ok(!consoleMessages(page).some((it) => it.type == "error" || it.type == "pageerror"));
  });
});

test("an action is a same-origin JSON POST to its encoded name, with the page's CSRF token", async () => {
  await withPage("actions", async (page) => {
    const from = fixtures.server.actions.length;
    await page.evaluate(() => (document.cookie = "sid=abc"));
    await loadCore(page);
    assert.deepEqual(await call(page, "action", "echo me/too?", { a: [1, "é"] }), { resolved: { a: [1, "é"] } });

    const received = fixtures.server.actions.slice(from);
    assert.deepEqual(
      received.map(({ path, name, method, body }) => ({ path, name, method, body })),
      [
        { path: "/_resuma/action/echo", name: "echo", method: "POST", body: '["hi",2]' },
        { path: "/_resuma/action/echo%20me%2Ftoo%3F", name: "echo me/too?", method: "POST", body: '{"a":[1,"é"]}' },
      ],
    );
    for (const { headers } of received) {
      assert.equal(headers["content-type"], "application/json");
      assert.equal(headers["x-resuma-csrf"], fixtures.server.csrfToken);
      assert.equal(headers.cookie, "sid=abc", "credentials: same-origin");
    }
    assert.equal(requests(page).find((it) => it.url.endsWith("/_resuma/action/echo")).resourceType, "fetch");
  });
});

test("an error an action returns, uncaught, is logged and shown in the first data-r-error, without navigation", async () => {
  await withPage("actions", async (page) => {
    await page.evaluate(() => (window.marker = "same document"));
    await page.click("#fail");
    await page.waitForFunction(() => !document.querySelector("#banner").hidden);
    assert.equal(await page.textContent("#banner"), "That name is taken");
    // Firefox's console text names an Error by its built-in class, whatever its `name`.
    await waitForConsoleError(page, BROWSER == "firefox" ? /^Error: That name is taken/m : /ActionError: That name is taken/);

    assert.equal(await page.evaluate(() => window.marker), "same document", "no reload");
    assert.equal(await page.evaluate(() => performance.getEntriesByType("navigation").length), 1);
    assert.equal(requests(page).filter((it) => it.resourceType == "document").length, 1);
    assert.ok(!consoleMessages(page).some((it) => it.type == "pageerror"), "nothing escapes as an uncaught error");

    // A later success does not clear the message: apps do that through their own signals.
    await loadCore(page);
    assert.equal(await page.textContent("#banner"), "That name is taken");
    assert.equal(await page.getAttribute("#banner", "hidden"), null);
  });
});

test("the closest data-r-error from the handler's element up wins over the first in the document", async () => {
  await withPage("actions", async (page) => {
    await page.click("#fail-inline");
    await waitForText(page, "#inline", "That name is taken");
    // The ancestor's whole content is replaced, the handler's button included.
    assert.equal(await page.locator("#fail-inline").count(), 0);
    assert.equal(await page.textContent("#banner"), "");
    assert.equal(await page.getAttribute("#banner", "hidden"), "");
  });
});

test("a page without a data-r-error element gets one role=alert appended to <body>, then reused", async () => {
  await withPage("actions-bare", async (page) => {
    await page.click("#fail");
    await page.waitForFunction(() => document.querySelector("[data-r-error]"));
    const alert = () =>
      page.evaluate(() => {
        const all = document.querySelectorAll("[data-r-error]");
        const it = all[0];
        return { n: all.length, last: it == document.body.lastElementChild, tag: it.tagName, role: it.getAttribute("role"), text: it.textContent };
      });
    assert.deepEqual(await alert(), { n: 1, last: true, tag: "DIV", role: "alert", text: "That name is taken" });
    // A handler that throws synchronously: the same element, the new message.
    await page.click("#throws");
    await waitForText(page, "[data-r-error]", "fixture: h0 throws");
    assert.deepEqual(await alert(), { n: 1, last: true, tag: "DIV", role: "alert", text: "fixture: h0 throws" });
    await waitForConsoleError(page, /fixture: h0 throws/);
    assert.equal(await page.evaluate(() => performance.getEntriesByType("navigation").length), 1);
  });
});

test("result() resolves serde's Result shape, {Ok} or {Err}", async () => {
  await withPage("actions", async (page) => {
    await page.click("#result");
    await waitForText(page, "#results", 'Results: [{"Ok":[1]},{"Err":{"code":"taken"}}]');
    assert.deepEqual(await call(page, "result", "echo", null), { resolved: { Ok: null } });
    assert.equal(await page.textContent("#banner"), "", "a returned error is no failure for result()");
  });
});

test("a returned error, HTTP errors, non-JSON answers and no answer reject with an ActionError", async () => {
  await withPage("actions", async (page) => {
    await loadCore(page);
    const cases = [
      ["action", "fail", actionError("err", 200, "That name is taken", { data: { code: "taken" } })],
      ["action", "limited", actionError("rate_limited", 429, "Too many requests", { retryAfter: 7 })],
      ["action", "panic", actionError("panic", 500, "The server function panicked")],
      ["action", "nope", actionError("not_found", 404, "No action nope")],
      ["action", "garbage", actionError("bad_response", 200, "Action garbage failed: HTTP 200, not JSON")],
      ["action", "gateway", actionError("bad_response", 502, "Action gateway failed: HTTP 502, not JSON")],
      ["result", "panic", actionError("panic", 500, "The server function panicked")],
    ];
    for (const [method, name, expected] of cases) assert.deepEqual(await call(page, method, name), expected, `${method}("${name}")`);

    // Retry-After as an HTTP date: the seconds until then.
    const dated = await call(page, "action", "limited-date");
    assert.equal(dated.kind, "rate_limited");
    assert.ok(dated.retryAfter >= 118 && dated.retryAfter <= 121, `retryAfter ${dated.retryAfter}`);

    // No answer at all: the server drops the connection.
    for (const method of ["action", "result"]) {
      const dropped = await call(page, method, "hangup");
      assert.deepEqual({ ...dropped, message: undefined }, actionError("network", 0, undefined), `${method}("hangup")`);
      assert.match(dropped.message, /^Action hangup failed: /);
    }

    // The token is read on every call: a page whose token is wrong or missing gets 403.
    await page.evaluate(() => (document.querySelector('meta[name="resuma-csrf"]').content = "wrong"));
    assert.deepEqual(await call(page, "action", "echo"), actionError("bad_csrf", 403, "Missing or wrong CSRF token"));
    await page.evaluate(() => document.querySelector('meta[name="resuma-csrf"]').remove());
    assert.deepEqual(await call(page, "result", "echo"), actionError("bad_csrf", 403, "Missing or wrong CSRF token"));
    assert.equal(fixtures.server.actions.at(-1).headers["x-resuma-csrf"], "");

    // Nothing a caller caught is shown in the page.
    assert.equal(await page.textContent("#banner"), "");
  });
});

test("the nonce CSP of the fixture pages is in force, and reported (the check above can fail)", async () => {
  const page = await openPage(fixtures.browser, `${fixtures.server.url}/actions.html`);
  try {
    await loadCore(page);
    await page.evaluate(() => document.head.append(Object.assign(document.createElement("script"), { text: "window.ran = 1" })));
    await page.waitForFunction(() => window.violations.length > 0);
    assert.deepEqual(await page.evaluate(() => [window.ran, window.violations]), [undefined, ["script-src-elem inline"]]);
  } finally {
    await page.close();
  }
});

test("an existing globalThis.__resuma is left as it is", async () => {
  await withPage("actions-bare", async (page) => {
    await page.evaluate(() => {
      window.calls = [];
      globalThis.__resuma = { action: async (name, args) => void calls.push([name, args]) };
    });
    await page.click("#fail");
    await page.waitForFunction(() => calls.length == 1);
    assert.deepEqual(await page.evaluate(() => [calls, Object.keys(__resuma)]), [[["fail", ["ada"]]], ["action"]]);
    assert.equal(await page.locator("[data-r-error]").count(), 0);
  });
});
