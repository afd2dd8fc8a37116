//! The static server of the browser tests, on loopback at a random port.
//!
//! It serves what the Rust server will, in the same wire format (docs/resumability.md):
//! - `/NAME.html`: `fixtures/pages/NAME.html`, where `LOADER(` stands for the inlined
//!   loader, written as framework/src/resume/state.rs writes it (trailing `;` trimmed, the
//!   call appended), `ISLANDS(` likewise for the island script, and `NONCE` for the CSP
//!   nonce of the response;
//! - `/_resuma/core.test.js`: `dist/core.min.js` (`dist/core.js` with `debug`), and
//!   `/_resuma/core-reactive.test.js`: `dist/core-reactive.min.js` (or `.js`);
//! - `/_resuma/handler/CHUNK.js`: `fixtures/handler/CHUNK.js`, hand-written chunks in the
//!   shape rs2js generates;
//! - `POST /_resuma/action/NAME`: fixture server functions (see `ACTIONS`), behind a CSRF
//!   check against the token pages carry as `CSRF_TOKEN` (`<meta name="resuma-csrf">`);
//! - `/_resuma/handler/Form.test.js`: `dist/form.min.js` (or `.js`), the `<Form>` chunk;
//! - `/notes`, `/notes/done` and the submits of `/notes`: Flow pages rendered per request
//!   (test/forms.mjs), recording each submit in `server.forms.requests`.
//! Every page is sent with a nonce-based Content-Security-Policy, so a test also fails
//! when the runtime needs something such a policy forbids.

import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { inlineLoader } from "../build.mjs";
import { createNotes } from "./forms.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const DIST = join(HERE, "../dist");
const FIXTURES = join(HERE, "fixtures");

const IMMUTABLE = "public, max-age=31536000, immutable";
const JAVASCRIPT = "text/javascript; charset=utf-8";

const JSON_TYPE = "application/json";
const error = (status, kind, message, headers) => ({
  status,
  type: JSON_TYPE,
  headers,
  body: JSON.stringify({ error: { kind, message } }),
});

/**
 * The fixture server functions, by name: each gets the parsed arguments and answers as
 * the framework does (docs/resumability.md, "Actions"); `hangup` drops the connection.
 */
const ACTIONS = {
  echo: (args) => ({ status: 200, type: JSON_TYPE, body: JSON.stringify({ ok: args }) }),
  fail: () => ({
    status: 200,
    type: JSON_TYPE,
    body: JSON.stringify({ err: { code: "taken" }, message: "That name is taken" }),
  }),
  limited: () => error(429, "rate_limited", "Too many requests", { "retry-after": "7" }),
  "limited-date": () =>
    error(429, "rate_limited", "Too many requests", { "retry-after": new Date(Date.now() + 120_000).toUTCString() }),
  panic: () => error(500, "panic", "The server function panicked"),
  garbage: () => ({ status: 200, type: "text/html; charset=utf-8", body: "<h1>Not an action</h1>" }),
  gateway: () => ({ status: 502, type: "text/html; charset=utf-8", body: "<h1>Bad gateway</h1>" }),
  hangup: () => ({ hangup: true }),
};

/**
 * @typedef {object} ActionRequest what the fixture action endpoint received
 * @property {string} path the raw path, `/_resuma/action/NAME` as sent (still encoded)
 * @property {string} name the decoded name
 * @property {string} method
 * @property {Record<string, string | string[] | undefined>} headers lower-case names
 * @property {string} body
 */

/**
 * Starts the server.
 * @param {{debug?: boolean}} [options] `debug`: serve the unminified builds
 * @returns {Promise<{url: string, csrfToken: string, actions: ActionRequest[],
 *   forms: ReturnType<typeof createNotes>, delay: (path: string, ms: number) => void,
 *   close: () => Promise<void>}>}
 *   `delay(path, ms)` holds every later response for `path` back by `ms` (0 ends it);
 *   `actions` lists every action request, in order; `csrfToken` is what pages carry;
 *   `forms` is the notes pages' state: `requests` (every submit), `reset()`.
 */
export async function startServer({ debug = false } = {}) {
  const suffix = debug ? ".js" : ".min.js";
  const loader = await readFile(join(DIST, "loader" + suffix), "utf8");
  const islands = await readFile(join(DIST, "island" + suffix), "utf8");
  const delays = new Map();
  const csrfToken = randomBytes(16).toString("hex");
  const actions = [];
  const forms = createNotes(csrfToken);

  // A page in the fixture wire format, placeholders filled, under a nonce-based CSP.
  const htmlPage = (html, status = 200) => {
    const nonce = randomBytes(12).toString("base64");
    return {
      status,
      type: "text/html; charset=utf-8",
      csp: `script-src 'nonce-${nonce}' 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'`,
      body: html
        .replaceAll("NONCE", nonce)
        .replaceAll("CSRF_TOKEN", csrfToken)
        .replaceAll("LOADER(", inlineLoader(loader, "("))
        .replaceAll("ISLANDS(", inlineLoader(islands, "(")),
    };
  };

  // `POST /_resuma/action/NAME`: the CSRF check, then the arguments, then the function.
  const act = async (request, path, encodedName) => {
    let body = "";
    for await (const part of request) body += part;
    const name = decodeURIComponent(encodedName);
    actions.push({ path, name, method: request.method, headers: { ...request.headers }, body });
    if (request.method != "POST") return error(405, "method_not_allowed", "Actions are called with POST");
    if (request.headers["x-resuma-csrf"] != csrfToken) return error(403, "bad_csrf", "Missing or wrong CSRF token");
    let args;
    try {
      if (request.headers["content-type"] != JSON_TYPE) throw new Error();
      args = JSON.parse(body);
    } catch {
      return error(400, "bad_args", "The arguments are not JSON");
    }
    const fn = ACTIONS[name.startsWith("echo") ? "echo" : name];
    return fn ? fn(args) : error(404, "not_found", `No action ${name}`);
  };

  const respond = async (request) => {
    const { pathname } = new URL(request.url, "http://localhost");
    const action = /^\/_resuma\/action\/([^/]+)$/.exec(pathname);
    if (action) return act(request, pathname, action[1]);
    const chunk = /^\/_resuma\/handler\/([\w.]+\.js)$/.exec(pathname);
    const core = /^\/_resuma\/(core|core-reactive)\.test\.js$/.exec(pathname);
    if (core) {
      return { type: JAVASCRIPT, cache: IMMUTABLE, body: await readFile(join(DIST, core[1] + suffix), "utf8") };
    }
    if (chunk?.[1] == "Form.test.js") {
      return { type: JAVASCRIPT, cache: IMMUTABLE, body: await readFile(join(DIST, "form" + suffix), "utf8") };
    }
    if (chunk) {
      return { type: JAVASCRIPT, cache: IMMUTABLE, body: await readFile(join(FIXTURES, "handler", chunk[1]), "utf8") };
    }
    if (pathname == "/favicon.ico") return { type: "image/x-icon", body: "" }; // keeps Chromium's 404 off the console
    const page = /^\/([\w-]+)\.html$/.exec(pathname);
    if (page) return htmlPage(await readFile(join(FIXTURES, "pages", page[1] + ".html"), "utf8"));
    const flow = await forms.respond(request);
    if (flow?.html) return htmlPage(flow.html, flow.status);
    if (flow?.text) return { status: flow.status, type: "text/plain; charset=utf-8", body: flow.text };
    if (flow) return { ...flow, type: "text/html; charset=utf-8", body: "" };
    return null;
  };

  const server = createServer(async (request, response) => {
    const ms = delays.get(new URL(request.url, "http://localhost").pathname);
    if (ms) await new Promise((resolve) => setTimeout(resolve, ms));
    const res = await respond(request).catch(() => null);
    if (res?.hangup) {
      request.socket.destroy();
      return;
    }
    if (!res) {
      response.writeHead(404, { "content-type": "text/html; charset=utf-8" });
      response.end("<!doctype html><title>Not found</title><h1>Not found</h1>");
      return;
    }
    const headers = { ...res.headers, "content-type": res.type, "cache-control": res.cache ?? "no-store" };
    if (res.csp) headers["content-security-policy"] = res.csp;
    response.writeHead(res.status ?? 200, headers);
    response.end(res.body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    url: `http://127.0.0.1:${server.address().port}`,
    csrfToken,
    actions,
    forms,
    delay: (path, ms) => delays.set(path, ms),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
