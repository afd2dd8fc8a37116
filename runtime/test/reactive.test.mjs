//! The reactive core in Chromium: attributes bound to a signal (`data-r-a`), on fixture
//! pages in the wire format with hand-written chunks.

import { test } from "node:test";
import assert from "node:assert/strict";
import { useFixtures } from "./fixture.mjs";

const fixtures = useFixtures({ noCspViolation: true });

// Issue #12: the server's URL attributes are matched case-insensitively
// (analysis::view::markup::is_url_attribute), so `<a HREF={url}>` is checked on the
// server; the browser's update must check it too.
test("an upper-case HREF bound to a signal gets `javascript:` neutralised, as the server does", async () => {
  await fixtures.withPage("url-attribute", async (page) => {
    assert.equal(await page.getAttribute("#link", "href"), "/home");
    await page.click("#set");
    await page.waitForFunction(() => document.querySelector("#link").getAttribute("href") != "/home");
    assert.equal(await page.getAttribute("#link", "href"), "about:invalid#resuma-unsafe-url");
  });
});
