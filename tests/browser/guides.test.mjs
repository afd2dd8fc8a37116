// The integration guides' examples in real Chromium (docs/guides/auth.md, i18n.md,
// libsql.md): what their HTTP tests cannot see. Each form is used twice, with JavaScript
// off (plain HTML: the post, the 303 or the 422 page) and on (the form runtime's fetch,
// the answer applied in place), and no page may log an error.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, openPage, requests, consoleMessages } from "../../runtime/test/harness.mjs";
import { startExample } from "./example.mjs";

let browser;
const apps = {};

before(async () => {
  browser = await launchBrowser();
  for (const name of ["auth", "i18n", "libsql-notes"]) apps[name] = await startExample(name);
});

after(async () => {
  await browser?.close();
  await Promise.all(Object.values(apps).map((app) => app.stop()));
});

/** The page's POSTs: sent by the form runtime (`fetch`) or by the browser (`document`). */
const posts = (page) => requests(page).filter((it) => it.method == "POST");

/**
 * No script error, no failed or 5xx request. (Chromium also logs each 4xx answer as a
 * console error: the 422 of a form sent with errors is the answer expected, and
 * /favicon.ico is a 404 as the examples have none.)
 */
function assertNoErrors(page) {
  const errors = consoleMessages(page).filter(
    (it) => it.type == "pageerror" || (it.type == "error" && !it.text.startsWith("Failed to load resource")),
  );
  assert.deepEqual(errors, [], "no page logged an error");
  // The form runtime reads every answer to its end before it navigates: none is
  // cancelled by the navigation, so none shows as failed.
  const failed = requests(page).filter((it) => it.status === 0 || it.status >= 500);
  assert.deepEqual(failed, [], "no request failed");
  const missing = requests(page).filter((it) => it.status == 404 && !it.url.endsWith("/favicon.ico"));
  assert.deepEqual(missing, [], "nothing but the favicon is missing");
}

/** Clicks `selector` and waits for the page the browser navigates to. */
async function submitAndLand(page, selector) {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return response;
}

test("auth: sign up and log out with JavaScript, log in without it, and the guard sends strangers to the log-in page", async () => {
  const email = `reader-${Date.now()}@example.com`;
  const page = await openPage(browser, apps.auth.url + "/signup");
  await page.fill("input[name=email]", email);
  await page.fill("input[name=password]", "correct horse battery");
  await page.fill("input[name=confirm]", "correct horse battery");
  await Promise.all([page.waitForURL("**/account"), page.click("form.auth button")]);
  assert.equal(posts(page).at(-1).resourceType, "fetch", "the form runtime sent the sign-up");
  assert.equal(await page.locator("h1").textContent(), "Your account");
  assert.equal(await page.locator("p.email").textContent(), `Email: ${email}`);
  assert.match(await page.locator("header .who").textContent(), /Logged in as/);

  await Promise.all([page.waitForURL(apps.auth.url + "/"), page.click("form.logout button")]);
  assert.match(await page.locator("p.status").textContent(), /You are not logged in/);
  assertNoErrors(page);
  await page.close();

  const plain = await openPage(browser, apps.auth.url + "/account", { javaScriptEnabled: false });
  const url = new URL(plain.url());
  assert.equal(url.pathname, "/login", "the middleware sent the stranger to log in");
  assert.equal(url.searchParams.get("next"), "/account");
  await plain.fill("input[name=email]", email);
  await plain.fill("input[name=password]", "not the password");
  const refused = await submitAndLand(plain, "form.auth button");
  assert.equal(refused.status(), 422, "a wrong password is the form again, not a 500");
  assert.equal(await plain.inputValue("input[name=email]"), email, "the address is kept");
  assert.equal(await plain.inputValue("input[name=password]"), "", "the password is not");
  await plain.fill("input[name=password]", "correct horse battery");
  const landed = await submitAndLand(plain, "form.auth button");
  assert.equal(landed.status(), 200);
  assert.equal(new URL(plain.url()).pathname, "/account", "back where the guard stopped");
  assert.equal(await plain.locator("p.email").textContent(), `Email: ${email}`);
  await plain.close();
});

test("i18n: a German browser reads German, the errors of a form sent by the runtime are German, the switch keeps English", async () => {
  const page = await openPage(browser, apps.i18n.url + "/", { locale: "de-DE" });
  assert.equal(await page.getAttribute("html", "lang"), "de");
  assert.equal(await page.title(), "Resuma in Ihrer Sprache");
  assert.equal(await page.locator("h1").textContent(), "Hallo!");

  // `required` would stop the browser itself: take it off to reach the submit's checks.
  await page.evaluate(() => document.querySelectorAll("[required]").forEach((it) => it.removeAttribute("required")));
  await page.fill("input[name=age]", "200");
  const before = page.url();
  await page.click("form.contact button");
  await page.getByText("Bitte nennen Sie Ihren Namen.").waitFor();
  await page.getByText("Ein Alter liegt zwischen 1 und 150.").waitFor();
  assert.equal(page.url(), before, "answered in place");
  assert.equal(posts(page).at(-1).resourceType, "fetch");
  assert.equal(await page.inputValue("input[name=age]"), "200", "what was typed is kept");

  await page.fill("input[name=name]", "Ada");
  await page.fill("input[name=age]", "36");
  await page.click("form.contact button");
  await page.locator("p.thanks", { hasText: "Danke, Ada." }).waitFor();

  await Promise.all([page.waitForResponse((it) => it.request().method() == "POST"), page.click("form.switch button")]);
  await page.locator("h1", { hasText: "Hello!" }).waitFor();
  await page.reload();
  assert.equal(await page.locator("h1").textContent(), "Hello!", "the cookie outranks the browser's language");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assertNoErrors(page);
  await page.close();
});

test("i18n without JavaScript: the errors page is German too", async () => {
  const page = await openPage(browser, apps.i18n.url + "/", { locale: "de-DE", javaScriptEnabled: false });
  await page.fill("input[name=name]", "Ada");
  await page.fill("input[name=age]", "viele");
  const failed = await submitAndLand(page, "form.contact button");
  assert.equal(failed.status(), 422);
  assert.equal(await page.inputValue("input[name=age]"), "viele");
  await page.getByText("Bitte geben Sie Ihr Alter in Ziffern an.").waitFor();
  await page.close();
});

test("libsql-notes: a note added without JavaScript, then one with it, each listed once", async () => {
  const first = `plain <note> ${Date.now()}`;
  const plain = await openPage(browser, apps["libsql-notes"].url + "/", { javaScriptEnabled: false });
  await plain.fill("input[name=text]", first);
  const landed = await submitAndLand(plain, "form button");
  assert.equal(landed.status(), 200, "the 303 was followed by a GET");
  assert.equal(landed.request().method(), "GET");
  assert.equal(await plain.locator("li", { hasText: first }).count(), 1, "kept as typed, escaped");
  await plain.close();

  const second = `enhanced ${Date.now()}`;
  const page = await openPage(browser, apps["libsql-notes"].url + "/");
  const count = await page.locator("li").count();
  await page.fill("input[name=text]", second);
  await page.click("form button");
  await page.locator("li", { hasText: second }).waitFor();
  assert.equal(await page.locator("li").count(), count + 1);
  assert.equal(await page.locator("li", { hasText: first }).count(), 1);
  assert.equal(posts(page).at(-1).resourceType, "fetch", "sent by the form runtime");
  assertNoErrors(page);
  await page.close();
});
