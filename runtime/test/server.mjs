//! The static server of the browser tests, on loopback at a random port.
//!
//! It serves what the Rust server will, in the same wire format (docs/resumability.md):
//! - `/NAME.html`: `fixtures/pages/NAME.html`, where `LOADER(` stands for the inlined
//!   loader, written as framework/src/resume/state.rs writes it (trailing `;` trimmed, the
//!   call appended), and `NONCE` for the CSP nonce of the response;
//! - `/_resuma/core.test.js`: `dist/core.min.js` (`dist/core.js` with `debug`);
//! - `/_resuma/handler/CHUNK.js`: `fixtures/handler/CHUNK.js`, hand-written chunks in the
//!   shape rs2js generates.
//! Every page is sent with a nonce-based Content-Security-Policy, so a test also fails
//! when the runtime needs something such a policy forbids.

import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { inlineLoader } from "../build.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const DIST = join(HERE, "../dist");
const FIXTURES = join(HERE, "fixtures");

const IMMUTABLE = "public, max-age=31536000, immutable";
const JAVASCRIPT = "text/javascript; charset=utf-8";

/**
 * Starts the server.
 * @param {{debug?: boolean}} [options] `debug`: serve the unminified builds
 * @returns {Promise<{url: string, delay: (path: string, ms: number) => void, close: () => Promise<void>}>}
 *   `delay(path, ms)` holds every later response for `path` back by `ms` (0 ends it).
 */
export async function startServer({ debug = false } = {}) {
  const suffix = debug ? ".js" : ".min.js";
  const loader = await readFile(join(DIST, "loader" + suffix), "utf8");
  const delays = new Map();

  const respond = async (request) => {
    const { pathname } = new URL(request.url, "http://localhost");
    const chunk = /^\/_resuma\/handler\/([\w.]+\.js)$/.exec(pathname);
    if (pathname == "/_resuma/core.test.js") {
      return { type: JAVASCRIPT, cache: IMMUTABLE, body: await readFile(join(DIST, "core" + suffix), "utf8") };
    }
    if (chunk) {
      return { type: JAVASCRIPT, cache: IMMUTABLE, body: await readFile(join(FIXTURES, "handler", chunk[1]), "utf8") };
    }
    if (pathname == "/favicon.ico") return { type: "image/x-icon", body: "" }; // keeps Chromium's 404 off the console
    const page = /^\/([\w-]+)\.html$/.exec(pathname);
    if (page) {
      const nonce = randomBytes(12).toString("base64");
      const html = await readFile(join(FIXTURES, "pages", page[1] + ".html"), "utf8");
      return {
        type: "text/html; charset=utf-8",
        csp: `script-src 'nonce-${nonce}' 'self'; object-src 'none'; base-uri 'none'`,
        body: html.replaceAll("NONCE", nonce).replaceAll("LOADER(", inlineLoader(loader, "(")),
      };
    }
    return null;
  };

  const server = createServer(async (request, response) => {
    const ms = delays.get(new URL(request.url, "http://localhost").pathname);
    if (ms) await new Promise((resolve) => setTimeout(resolve, ms));
    const res = await respond(request).catch(() => null);
    if (!res) {
      response.writeHead(404, { "content-type": "text/html; charset=utf-8" });
      response.end("<!doctype html><title>Not found</title><h1>Not found</h1>");
      return;
    }
    const headers = { "content-type": res.type, "cache-control": res.cache ?? "no-store" };
    if (res.csp) headers["content-security-policy"] = res.csp;
    response.writeHead(200, headers);
    response.end(res.body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    url: `http://127.0.0.1:${server.address().port}`,
    delay: (path, ms) => delays.set(path, ms),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
