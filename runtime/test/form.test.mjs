//! Flow forms with JavaScript: the `<Form>` chunk (`dist/form.min.js`, `src/form/`) in
//! Chromium, against the notes pages of test/forms.mjs, which answer as the Rust server
//! does (422 re-render, 303 to the same page or another, 200 with data, a 500 page, a
//! plain-text 403, a dropped connection). Issue 15.

import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { openPage, requests, consoleMessages, jsBytes } from "./harness.mjs";
import { useFixtures, waitForText } from "./fixture.mjs";

const budget = JSON.parse(await readFile(new URL("../size-budget.json", import.meta.url), "utf8"));

const fixtures = useFixtures();
beforeEach(() => fixtures.server.forms.reset());

// Opens `path` of the fixture server, with a marker on `window` that a navigation would
// lose; `check` runs with the page, which is closed afterwards.
async function withNotes(path, check) {
  const page = await openPage(fixtures.browser, fixtures.server.url + path);
  try {
    await page.evaluate(() => (window.__marker = "same document"));
    await check(page);
  } finally {
    await page.close();
  }
}

const submits = () => fixtures.server.forms.requests;
// Errors logged or thrown; not Chromium's note of each non-2xx answer (a 422 is one).
const errors = (page) =>
  consoleMessages(page).filter(
    (it) => (it.type == "error" || it.type == "pageerror") && !/^Failed to load resource: the server responded/.test(it.text),
  );

// The same document, never reloaded or navigated, and no CSP violation, nothing logged.
async function assertSameDocument(page) {
  assert.equal(await page.evaluate(() => window.__marker), "same document", "no navigation");
  assert.equal(await page.evaluate(() => performance.getEntriesByType("navigation").length), 1);
  assert.equal(requests(page).filter((it) => it.resourceType == "document").length, 1, "one document request");
  assert.deepEqual(await page.evaluate(() => window.violations), [], "no CSP violation");
  assert.deepEqual(errors(page), []);
}

// The submit buttons of form `name`: `[id, disabled]`, and its aria-busy.
const pendingState = (page, name) =>
  page.evaluate((name) => {
    const form = document.querySelector(`form[data-r-form="${name}"]`);
    return { busy: form.getAttribute("aria-busy"), buttons: [...form.querySelectorAll("button")].map((it) => [it.id, it.disabled]) };
  }, name);

test("a failed submit (422) shows the errors in place, keeps the typed values and focuses the invalid field", async () => {
  await withNotes("/notes?from=test", async (page) => {
    await page.fill("textarea[name=body]", "Some body");
    await page.check("input[name=pinned]");
    await page.evaluate(() => (window.__textarea = document.querySelector("textarea")));
    await page.click("#add");
    await page.waitForSelector(".r-field-error");

    await assertSameDocument(page);
    assert.equal(page.url(), `${fixtures.server.url}/notes?from=test`, "the URL stays");
    assert.equal(await page.textContent(".r-form-error"), "The note was not saved.");
    assert.equal(await page.textContent("#r-error-create_note-title"), "This field is required.");
    const title = page.locator("input[name=title]");
    assert.equal(await title.getAttribute("aria-invalid"), "true");
    assert.equal(await title.getAttribute("aria-describedby"), "r-error-create_note-title");
    assert.equal(await page.evaluate(() => document.activeElement.name), "title", "focus on the invalid field");
    assert.equal(await page.inputValue("textarea[name=body]"), "Some body");
    assert.equal(await page.isChecked("input[name=pinned]"), true);
    assert.ok(await page.evaluate(() => document.querySelector("textarea") == window.__textarea), "the field is the same node");
    assert.deepEqual(await pendingState(page, "create_note"), { busy: null, buttons: [["add", false], ["draft", false]] });

    // What the server got is what a native submit sends, urlencoded, the submitter included.
    assert.equal(submits().length, 1);
    const [{ search, headers, fields }] = submits();
    assert.equal(search, "?_submit=create_note");
    assert.equal(headers["x-resuma-form"], "2");
    assert.match(headers["content-type"], /^application\/x-www-form-urlencoded/);
    assert.deepEqual(fields, [
      ["_csrf", fixtures.server.csrfToken],
      ["title", ""],
      ["body", "Some body"],
      ["pinned", "on"],
      ["intent", "add"],
    ]);
    assert.equal(requests(page).find((it) => it.method == "POST").resourceType, "fetch");

    // Fixed and sent again: the errors go, the form is cleared, the note is there.
    await page.fill("input[name=title]", "Second note");
    await page.click("#draft");
    await page.waitForFunction(() => document.querySelectorAll("#notes li").length == 2);
    assert.equal(await page.locator(".r-field-error, .r-form-error").count(), 0);
    assert.equal(await page.locator("input[name=title]").getAttribute("aria-invalid"), null);
    assert.deepEqual([await page.inputValue("input[name=title]"), await page.inputValue("textarea")], ["", ""]);
    assert.equal(await page.isChecked("input[name=pinned]"), false);
    assert.equal(submits()[1].fields.at(-1)[1], "draft", "the submitter this time");
    await assertSameDocument(page);
  });
});

test("a success (303 to the same page) adds the list item in place, replaces the URL, and a counter elsewhere keeps its value and counts on", async () => {
  await withNotes("/notes?from=test", async (page) => {
    for (const n of [1, 2, 3]) {
      await page.click("#count");
      await waitForText(page, "#count", `Count: ${n}`);
    }
    const scripts = await page.evaluate(() => document.scripts.length);
    await page.fill("input[name=title]", "Second note");
    await page.click("#add");
    await page.waitForFunction(() => document.querySelectorAll("#notes li").length == 2);

    await assertSameDocument(page);
    assert.equal(page.url(), `${fixtures.server.url}/notes`, "history.replaceState to the redirect's target");
    // The submit, then its target fetched once to be morphed in.
    const sent = requests(page).filter((it) => it.resourceType == "fetch" && new URL(it.url).pathname == "/notes");
    assert.deepEqual(sent.map((it) => `${it.method} ${new URL(it.url).search}`), ["POST ?_submit=create_note", "GET "]);
    assert.equal(await page.title(), "Notes (2)");
    assert.deepEqual(await page.locator("#notes li").allTextContents(), ["First note", "Second note"]);
    assert.equal(await page.inputValue("input[name=title]"), "", "the server's empty form clears it");
    assert.equal(await page.evaluate(() => document.scripts.length), scripts, "no script inserted");
    assert.equal(await page.evaluate(() => window.__ran), undefined, "nor run");
    assert.equal(
      await page.evaluate(() => document.querySelector('script[type="resuma/state"]').text),
      "[0,2]",
      "the state script's text is the new page's",
    );

    // The server rendered the counter as 0; its cell holds 3, and shows it there and in
    // the text bound to it that this page adds, and counts on in both.
    assert.equal(await page.textContent("#count"), "Count: 3");
    assert.equal(await page.textContent("#total"), "Notes: 2, count: 3 Bump");
    await page.click("#count");
    await waitForText(page, "#count", "Count: 4");
    assert.equal(await page.textContent("#total"), "Notes: 2, count: 4 Bump");

    // A slot the core had not created reads the new state (2, not the first page's 1),
    // and its binding, new in this page, is found.
    await page.click("#bump");
    await waitForText(page, "#total", "Notes: 3, count: 4 Bump");
    await page.click("#count");
    await waitForText(page, "#count", "Count: 5");
    assert.deepEqual(errors(page), []);
  });
});

test("with the reactive core too, a counter keeps its value through the morph and counts on", async () => {
  await withNotes("/notes?reactive", async (page) => {
    await page.click("#count");
    await waitForText(page, "#count", "Count: 1");
    await page.fill("input[name=title]", "Second note");
    await page.click("#add");
    await page.waitForFunction(() => document.querySelectorAll("#notes li").length == 2);
    assert.equal(await page.textContent("#total"), "Notes: 2, count: 1 Bump");
    await page.click("#count");
    await waitForText(page, "#count", "Count: 2");
    assert.equal(await page.textContent("#total"), "Notes: 2, count: 2 Bump");
    await page.click("#bump");
    await waitForText(page, "#total", "Notes: 3, count: 2 Bump");
    assert.ok(requests(page).some((it) => it.url.endsWith("/_resuma/core-reactive.test.js")));
    await assertSameDocument(page);
  });
});

test("thunks, bound attributes and blocks through a morph: kept ones show their cells again, new ones are bound", async () => {
  await withNotes("/notes?likes", async (page) => {
    // Each note's like button: its text, whether it has `data-liked`, and its block's text.
    const likes = () =>
      page.evaluate(() =>
        [...document.querySelectorAll("#notes li")].map((it) => [
          it.querySelector(".like").textContent,
          it.querySelector(".like").hasAttribute("data-liked"),
          it.querySelector(".popular")?.textContent ?? "",
        ]),
      );
    await page.click("#notes li:nth-child(1) .like");
    await page.click("#notes li:nth-child(1) .like");
    await waitForText(page, "#notes li:nth-child(1) .like", "♥ 2");
    assert.deepEqual(await likes(), [["♥ 2", true, "popular: ♥ 2"]]);

    await page.fill("input[name=title]", "Second note");
    await page.click("#add");
    await page.waitForFunction(() => document.querySelectorAll("#notes li").length == 2);
    await assertSameDocument(page);
    // The server rendered no like; the first note's cell still has 2 (its text, attribute
    // and block show it again), the second's is new.
    assert.deepEqual(await likes(), [["♥ 2", true, "popular: ♥ 2"], ["♡ 0", false, ""]]);

    // The second note's button, text, attribute and block, all new to the page, work.
    await page.click("#notes li:nth-child(2) .like");
    await waitForText(page, "#notes li:nth-child(2) .like", "♥ 1");
    assert.deepEqual(await likes(), [["♥ 2", true, "popular: ♥ 2"], ["♥ 1", true, ""]]);
    await page.click("#notes li:nth-child(2) .like");
    await waitForText(page, "#notes li:nth-child(2) .popular", "popular: ♥ 2");
    // The first note's bindings are bound once: one more like is one more, shown once.
    await page.click("#notes li:nth-child(1) .like");
    await waitForText(page, "#notes li:nth-child(1) .like", "♥ 3");
    assert.deepEqual(await likes(), [["♥ 3", true, "popular: ♥ 3"], ["♥ 2", true, "popular: ♥ 2"]]);
    assert.equal(await page.locator(".popular").count(), 2);

    // A second answer: both kept, nothing bound twice.
    await page.fill("input[name=title]", "Third note");
    await page.click("#add");
    await page.waitForFunction(() => document.querySelectorAll("#notes li").length == 3);
    assert.deepEqual(await likes(), [["♥ 3", true, "popular: ♥ 3"], ["♥ 2", true, "popular: ♥ 2"], ["♡ 0", false, ""]]);
    await page.click("#notes li:nth-child(3) .like");
    await waitForText(page, "#notes li:nth-child(3) .like", "♥ 1");
    assert.deepEqual(errors(page), []);
  });
});

test("islands through a morph: a started one stays started, a new one starts on its trigger, a waiting one with its new number", async () => {
  await withNotes("/notes?islands", async (page) => {
    // Each island's text, and whether it still waits (has `data-r-island`).
    const islands = () =>
      page.evaluate(() => [...document.querySelectorAll(".island")].map((it) => [it.textContent, it.hasAttribute("data-r-island")]));
    // The first note's island is in view, so it starts; the hover one waits for the pointer.
    await waitForText(page, "#notes li .island", "runs: 2");
    assert.deepEqual(await islands(), [["runs: 2", false], ["hover runs: 1", true]]);

    await page.fill("input[name=title]", "Second note");
    await page.click("#add");
    // The new note's island, in view, starts: its effect runs once.
    await waitForText(page, "#notes li:nth-child(2) .island", "runs: 2");
    await assertSameDocument(page);
    // The started one keeps its cell and is not started again (its effect would make it
    // 3), and its attribute stays off; the hover island, renumbered from 1 to 2, waits.
    assert.deepEqual(await islands(), [["runs: 2", false], ["runs: 2", false], ["hover runs: 1", true]]);
    assert.equal(await page.locator("#hover .island").getAttribute("data-r-island"), "interaction 2 Tick.6a1d3e90");

    // Started with its new number: its own effect (slot 4) runs, not the new note's (2 would be 3).
    await page.hover("#hover .island");
    await waitForText(page, "#hover .island", "hover runs: 2");
    assert.deepEqual(await islands(), [["runs: 2", false], ["runs: 2", false], ["hover runs: 2", false]]);
    assert.deepEqual(errors(page), []);
  });
});

test("islands new to a page without the island script: the redirect's target is loaded for real, and they start", async () => {
  const page = await openPage(fixtures.browser, fixtures.server.url + "/notes?islands-later");
  try {
    assert.equal(await page.locator(".island").count(), 0, "no island before the second note");
    assert.equal(await page.evaluate(() => [...document.scripts].some((it) => it.text.includes("data-r-island"))), false, "no island script");
    await page.fill("input[name=title]", "Second note");
    await page.click("#add");
    await page.waitForURL((url) => url.pathname == "/notes" && !url.search);
    // A second document (the target navigated to), whose islands start.
    await waitForText(page, "#notes li:nth-child(2) .island", "runs: 2");
    await waitForText(page, "#notes li:nth-child(1) .island", "runs: 2");
    assert.equal(requests(page).filter((it) => it.resourceType == "document").length, 2);
    assert.equal(submits().length, 1, "sent once");
    assert.deepEqual(errors(page), []);
  } finally {
    await page.close();
  }
});

test("bindings new to a page with the plain core: the redirect's target, naming the reactive core, is loaded for real, and they work", async () => {
  const page = await openPage(fixtures.browser, fixtures.server.url + "/notes?likes-later");
  try {
    assert.equal(await page.locator(".like").count(), 0, "no like button before the second note");
    await page.click("#count");
    await waitForText(page, "#count", "Count: 1");
    assert.ok(requests(page).some((it) => it.url.endsWith("/_resuma/core.test.js")), "the plain core");
    await page.fill("input[name=title]", "Second note");
    await page.click("#add");
    await page.waitForURL((url) => url.pathname == "/notes" && !url.search);
    await page.waitForFunction(() => document.querySelectorAll("#notes .like").length == 2);
    // A second document (the target navigated to), with the reactive core.
    await page.click("#notes li:nth-child(2) .like");
    await waitForText(page, "#notes li:nth-child(2) .like", "♥ 1");
    assert.equal(await page.locator("#notes li:nth-child(2) .like").getAttribute("data-liked"), "");
    assert.equal(requests(page).filter((it) => it.resourceType == "document").length, 2);
    assert.equal(submits().length, 1, "sent once");
    assert.deepEqual(errors(page), []);
  } finally {
    await page.close();
  }
});

test("a value typed in another form on the page is kept by the morph", async () => {
  await withNotes("/notes", async (page) => {
    await page.fill("input[name=name]", "Grace");
    await page.fill("input[name=caption]", "typed, not sent");
    await page.fill("input[name=title]", "Second note");
    await page.click("#add");
    await page.waitForFunction(() => document.querySelectorAll("#notes li").length == 2);
    assert.equal(await page.inputValue("input[name=name]"), "Grace");
    assert.equal(await page.getAttribute("input[name=name]", "value"), "Ada", "the attribute is the server's");
    assert.equal(await page.inputValue("input[name=caption]"), "typed, not sent");
    await assertSameDocument(page);
  });
});

test("while pending, the form is aria-busy with its submit buttons disabled; a double click sends one request", async () => {
  await withNotes("/notes", async (page) => {
    fixtures.server.delay("/notes", 400);
    try {
      await page.fill("input[name=title]", "Once");
      // The first interaction: both clicks submit before the core has even loaded.
      await page.dblclick("#add");
      await page.waitForFunction(() => document.querySelector("form").getAttribute("aria-busy") == "true");
      assert.deepEqual(await pendingState(page, "create_note"), { busy: "true", buttons: [["add", true], ["draft", true]] });
      assert.deepEqual(await pendingState(page, "rename"), { busy: null, buttons: [["rename", false]] }, "only this form");
      await page.click("#add", { force: true }); // disabled: nothing happens
      await page.press("input[name=title]", "Enter"); // aria-busy: nothing happens

      await page.waitForFunction(() => document.querySelectorAll("#notes li").length == 2, null, { timeout: 5000 });
      await page.waitForTimeout(100);
      assert.equal(submits().length, 1, "one request");
      assert.deepEqual(await pendingState(page, "create_note"), { busy: null, buttons: [["add", false], ["draft", false]] });
      assert.deepEqual(await page.locator("#notes li").allTextContents(), ["First note", "Once"]);
      await assertSameDocument(page);
    } finally {
      fixtures.server.delay("/notes", 0);
    }
  });
});

test("a field typed into while the submit is pending keeps what was typed; the focused field keeps focus", async () => {
  await withNotes("/notes", async (page) => {
    // Core and chunk loaded first, so the submit below starts at once.
    await page.click("#count");
    await waitForText(page, "#count", "Count: 1");
    fixtures.server.delay("/notes", 300);
    try {
      await page.fill("input[name=title]", "Typed");
      await page.press("input[name=title]", "Enter");
      await page.waitForFunction(() => document.querySelector("form").getAttribute("aria-busy") == "true");
      await page.type("input[name=title]", " on");
      await page.waitForFunction(() => document.querySelectorAll("#notes li").length == 2);
    } finally {
      fixtures.server.delay("/notes", 0);
    }
    assert.deepEqual(await page.locator("#notes li").allTextContents(), ["First note", "Typed"]);
    assert.equal(await page.inputValue("input[name=title]"), "Typed on");
    assert.equal(await page.evaluate(() => document.activeElement.name), "title");

    // Unchanged since the submit, the focused field shows the server's (empty) value.
    await page.fill("input[name=title]", "Third");
    await page.press("input[name=title]", "Enter");
    await page.waitForFunction(() => document.querySelectorAll("#notes li").length == 3);
    assert.equal(await page.inputValue("input[name=title]"), "");
    assert.equal(await page.evaluate(() => document.activeElement.name), "title");

    // A click on the submit button leaves the focus on it, disabled while pending.
    await page.fill("input[name=title]", "Fourth");
    await page.click("#add");
    await page.waitForFunction(() => document.querySelectorAll("#notes li").length == 4);
    assert.equal(await page.evaluate(() => document.activeElement.id), "add");
    await assertSameDocument(page);
  });
});

test("the scroll position stays", async () => {
  await withNotes("/notes", async (page) => {
    await page.setViewportSize({ width: 500, height: 160 });
    await page.locator("#rename").scrollIntoViewIfNeeded();
    const scrollY = await page.evaluate(() => scrollY);
    assert.ok(scrollY > 0, `scrolled (${scrollY})`);
    await page.fill("input[name=name]", "Grace");
    await page.click("#rename");
    await page.waitForFunction(() => document.querySelector("input[name=name]").getAttribute("value") == "Grace");
    assert.equal(await page.evaluate(() => scrollY), scrollY);
    await assertSameDocument(page);
  });
});

test("a redirect to another path navigates there", async () => {
  await withNotes("/notes", async (page) => {
    await page.click("#finish");
    await page.waitForURL(`${fixtures.server.url}/notes/done`);
    assert.equal(await page.textContent("#done"), "Done with 1 notes");
    assert.equal(await page.evaluate(() => window.__marker), undefined, "a real navigation");
    const kinds = requests(page).map((it) => `${it.method} ${new URL(it.url).pathname} ${it.resourceType}`);
    assert.ok(kinds.includes("POST /notes fetch"), kinds.join("\n"));
    // Fetched once, by the navigation: not first by `fetch` following a 303.
    assert.deepEqual(kinds.filter((it) => it.startsWith("GET /notes/done")), ["GET /notes/done document"], kinds.join("\n"));
    assert.equal(submits().length, 1);
  });
});

test("after the submit's redirect, a target that answers no HTML is navigated to: the form is not sent again", async () => {
  await withNotes("/notes", async (page) => {
    await page.fill("input[name=title]", "broken");
    await page.click("#add");
    await page.waitForURL(`${fixtures.server.url}/notes?broken`);
    assert.match(await page.textContent("body"), /Broken/);
    assert.equal(submits().length, 1, "one POST: no native submit after the redirect");
  });
});

test("a multipart form sends its file with fetch, and the 200 re-render shows in place", async () => {
  await withNotes("/notes", async (page) => {
    await page.fill("input[name=caption]", "Greeting");
    await page.setInputFiles("input[name=attachment]", { name: "hello.txt", mimeType: "text/plain", buffer: Buffer.from("héllo") });
    await page.click("#upload");
    await waitForText(page, "#uploaded", "Greeting: hello.txt (6 bytes, héllo)");
    await assertSameDocument(page);

    const [{ search, headers, fields }] = submits();
    assert.equal(search, "?_submit=upload");
    assert.equal(headers["x-resuma-form"], "2");
    assert.match(headers["content-type"], /^multipart\/form-data; boundary=/);
    assert.deepEqual(fields, [
      ["_csrf", fixtures.server.csrfToken],
      ["caption", "Greeting"],
      ["attachment", { name: "hello.txt", size: 6, type: "text/plain" }],
    ]);
    // A success: the submitted form is the server's again, its file input cleared.
    assert.equal(await page.evaluate(() => document.querySelector("input[name=attachment]").files.length), 0);
    assert.equal(await page.inputValue("input[name=caption]"), "");
  });
});

test("a 500 error page is shown in place, without navigation", async () => {
  await withNotes("/notes", async (page) => {
    await page.fill("input[name=title]", "boom");
    await page.click("#add");
    await waitForText(page, "#error", "Something went wrong");
    assert.equal(await page.title(), "Server error");
    assert.equal(await page.locator("form").count(), 0);
    assert.equal(await page.evaluate(() => window.__marker), "same document");
    assert.deepEqual(errors(page), []);
  });
});

test("an answer that is not HTML (a 403 in plain text) falls back to the native submit", async () => {
  await withNotes("/notes", async (page) => {
    await page.evaluate(() => {
      document.querySelector("input[name=_csrf]").value = "forged";
      // What the form looks like when it is sent natively, kept across the navigation.
      const submit = HTMLFormElement.prototype.submit;
      HTMLFormElement.prototype.submit = function () {
        const buttons = [...this.querySelectorAll("button")].map((it) => it.disabled);
        sessionStorage.atSubmit = JSON.stringify({ busy: this.getAttribute("aria-busy"), buttons });
        submit.call(this);
      };
    });
    await page.fill("input[name=title]", "Forged");
    await page.click("#draft");
    await page.waitForURL(/_submit=create_note/);
    assert.match(await page.textContent("body"), /Forbidden: missing or wrong CSRF token/);
    assert.equal(await page.evaluate(() => window.__marker), undefined);
    const [enhanced, native] = submits();
    assert.equal(enhanced.headers["x-resuma-form"], "2");
    assert.equal(native.headers["x-resuma-form"], undefined);
    assert.deepEqual(native.fields, enhanced.fields, "the same fields, the submitter included");
    assert.deepEqual(native.fields.at(-1), ["intent", "draft"]);
    assert.deepEqual(JSON.parse(await page.evaluate(() => sessionStorage.atSubmit)), { busy: null, buttons: [false, false] }, "restored first");
  });
});

test("without an answer (the connection dropped) the form is sent natively, so nothing is lost", async () => {
  await withNotes("/notes", async (page) => {
    await page.fill("input[name=title]", "hangup");
    await page.click("#add");
    await page.waitForURL(`${fixtures.server.url}/notes`);
    await page.waitForFunction(() => document.querySelectorAll("#notes li").length == 2);
    assert.equal(await page.evaluate(() => window.__marker), undefined, "a native submit");
    assert.deepEqual(await page.locator("#notes li").allTextContents(), ["First note", "hangup"]);
    // Chromium itself may retry a request whose connection dropped: one or more fetches,
    // then the native submit.
    const sent = submits().map((it) => it.headers["x-resuma-form"]);
    assert.deepEqual(sent, [...sent.slice(0, -1).fill("2"), undefined]);
    assert.ok(sent.length >= 2);
  });
});

test("the first submit fetches the core and the form chunk, nothing else, the chunk within its budget", async (t) => {
  await withNotes("/notes", async (page) => {
    const before = await jsBytes(page);
    assert.ok(!requests(page).some((it) => it.url.includes("/_resuma/")), "nothing before the first interaction");
    await page.fill("input[name=title]", "Second note");
    await page.click("#add");
    await page.waitForFunction(() => document.querySelectorAll("#notes li").length == 2);
    const { afterFirstInteraction } = await jsBytes(page);
    const fetched = requests(page).filter((it) => it.js);
    assert.deepEqual(fetched.map((it) => new URL(it.url).pathname).sort(), ["/_resuma/core.test.js", "/_resuma/handler/Form.test.js"]);
    const [core, chunk] = ["/core.test.js", "/Form.test.js"].map((name) => fetched.find((it) => it.url.endsWith(name)).sizeGz);
    t.diagnostic(`gzip -9 bytes fetched on the first submit: core ${core} + form chunk ${chunk} = ${core + chunk}`);
    t.diagnostic(`form chunk: ${chunk} / aim ${budget.form.aim} / budget ${budget.form.budget}`);
    assert.equal(afterFirstInteraction, before.initial + core + chunk);
    if (process.env.RESUMA_DEBUG != "1") assert.ok(chunk <= budget.form.budget, `form chunk ${chunk} B > ${budget.form.budget} B`);
  });
});
