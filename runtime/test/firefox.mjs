//! Launches Debian's Firefox ESR for the browser tests, through playwright-core's WebDriver
//! BiDi support (its channel "moz-firefox": a stock Firefox, not Playwright's patched one).
//!
//! Keeps three promises: nothing leaves loopback (the profile's preferences below); the
//! tests see the same Playwright API, and the same console, as in Chromium (the gaps between
//! playwright-core 1.65.1 and Firefox ESR 153 are bridged in `bridgeBidiGaps()`, and
//! nowhere else); and a context `{ javaScriptEnabled: false }` runs no page script
//! (`firefoxContextOptions()`), which playwright-core alone does not give over BiDi.

import { firefox } from "playwright-core";
import { createRequire } from "node:module";
import http from "node:http";
import path from "node:path";

/** Debian's Firefox ESR (`apt-get install firefox-esr`), stock: it speaks WebDriver BiDi. */
export const FIREFOX = process.env.RESUMA_FIREFOX || "/usr/bin/firefox-esr";

// On top of the profile Playwright writes for Firefox (updates, telemetry, safe browsing
// and the new-tab page already off): a proxy script sends every request for a host
// other than loopback to a closed loopback port, and the services that connect on their
// own are off. Loopback goes through the script too (`allow_hijacking_localhost`, no
// `no_proxies_on`), so that a context's own proxy, the no-script proxy below, applies to it.
const PAC = `function FindProxyForURL(url, host) {
  return /^(127\\.0\\.0\\.1|localhost|\\[::1\\])$/.test(host) ? "DIRECT" : "PROXY 127.0.0.1:9";
}`;
const PREFS = {
  "network.proxy.type": 2,
  "network.proxy.autoconfig_url": `data:application/x-ns-proxy-autoconfig,${encodeURIComponent(PAC)}`,
  "network.proxy.no_proxies_on": "",
  "network.proxy.allow_hijacking_localhost": true,
  "network.dns.disablePrefetch": true,
  "network.prefetch-next": false,
  "network.predictor.enabled": false,
  "network.captive-portal-service.enabled": false,
  "network.trr.mode": 5,
  "services.settings.server": "http://127.0.0.1:9",
  "browser.region.network.url": "",
  "browser.region.update.enabled": false,
  "extensions.blocklist.enabled": false,
  "toolkit.telemetry.enabled": false,
  "toolkit.telemetry.server": "",
  "app.shield.optoutstudies.enabled": false,
  "geo.enabled": false,
  "app.normandy.enabled": false,
  "messaging-system.rsexperimentloader.enabled": false,
};

/**
 * Launches headless Firefox ESR with a fresh, temporary profile (Playwright's, removed on
 * `browser.close()`).
 * @returns {Promise<import("playwright-core").Browser>}
 */
export function launchFirefox() {
  bridgeBidiGaps();
  return firefox.launch({ channel: "moz-firefox", executablePath: FIREFOX, headless: true, firefoxUserPrefs: PREFS });
}

/**
 * The options for a new context: as given, except that `javaScriptEnabled: false`, which
 * playwright-core ignores over BiDi (Firefox ESR has no command for it), becomes a proxy
 * that gives every HTML response the policy `script-src 'none'`. The page's own scripts
 * then never run, as for a visitor without JavaScript, while Playwright's (in a sandbox,
 * outside the page's policy) still do: the preference `javascript.enabled` would stop
 * those too, and with them the timers every action waits on. The one difference a page
 * could see is `<noscript>`, which stays hidden; Resuma renders none.
 * @param {import("playwright-core").BrowserContextOptions} options
 * @returns {Promise<import("playwright-core").BrowserContextOptions>}
 */
export async function firefoxContextOptions(options) {
  if (options.javaScriptEnabled !== false) return options;
  noScript ??= startNoScriptProxy();
  return { ...options, proxy: { server: await noScript, bypass: "" } };
}

let noScript;
const NO_SCRIPT_POLICY = "script-src 'none'";

// An HTTP proxy to loopback, on a loopback port, for the test process's lifetime (unref'd:
// it never keeps the process alive). It streams bodies through untouched, so a streamed
// page arrives as it is sent; only HTML responses gain a Content-Security-Policy header
// (beside the server's own: a browser enforces every policy a response carries).
function startNoScriptProxy() {
  const server = http.createServer((request, response) => {
    if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(request.url)) {
      return response.writeHead(502).end("the no-script proxy serves loopback only");
    }
    const upstream = http.request(request.url, { method: request.method, headers: request.headers }, (answer) => {
      const headers = { ...answer.headers };
      if (/^text\/html/.test(headers["content-type"] ?? "")) {
        headers["content-security-policy"] = [headers["content-security-policy"] ?? [], NO_SCRIPT_POLICY].flat();
      }
      response.writeHead(answer.statusCode, answer.statusMessage, headers);
      answer.pipe(response);
    });
    upstream.on("error", () => response.destroy());
    request.pipe(upstream);
  });
  server.unref();
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

// BiDi commands playwright-core sends that Firefox ESR does not implement, and what to
// answer in Firefox's place. `emulation.setMediaFeaturesOverride` (prefers-color-scheme)
// goes out for every new context, even with no colour scheme asked for; Firefox ESR 153
// answers "unknown command", and `newContext()` fails. No test emulates media features,
// so an empty success loses nothing.
const UNSUPPORTED = new Map([["emulation.setMediaFeaturesOverride", {}]]);

// Log entries on their way in, so the tests see them as they do from Chromium:
// - A console message's text: playwright-core joins the previews of its arguments, and BiDi
//   serialises an Error argument without its message, so `console.error(error)` reads
//   "Error" where Chromium shows "Error: what went wrong" and the stack. Firefox's own
//   `text` for the entry has the message: a lone Error argument (how the runtime logs every
//   error) becomes that text.
// - Firefox reports what the browser itself has to say about a page (a CSP violation, a
//   module refused for its MIME type) as a "javascript" error, which playwright-core turns
//   into a "pageerror", an uncaught exception. Chromium logs those on the console, so here
//   they become console errors. An exception has a stack, or at least an error's name
//   (a SyntaxError has no stack): those stay as they are.
// - The no-script proxy's policy refusing a page's scripts is not the page's doing: a
//   visitor without JavaScript sees no such message, nor does Chromium with it disabled,
//   so those entries are dropped (null).
function likeChromium(entry) {
  const { params } = entry;
  if (params.type == "javascript" && params.text?.includes(`“${NO_SCRIPT_POLICY}”`)) return null;
  if (params.type == "console" && params.args.length == 1 && params.args[0].type == "error") {
    params.args = [{ type: "string", value: params.text }];
  }
  if (params.type == "javascript" && !params.stackTrace && !/^(\w*Error|uncaught exception)\b/.test(params.text)) {
    entry.params = { ...params, type: "console", method: "error", args: [{ type: "string", value: params.text }] };
  }
  return entry;
}

let bridged = false;

// playwright-core talks BiDi over the `ws` WebSocket bundled in its lib/utilsBundle.js
// (the module its transport requires, so the same class): a command in UNSUPPORTED is not
// sent, and its answer arrives as if from Firefox; a log entry passes likeChromium on its
// way in. Only this process's sockets are affected. It reaches into playwright-core's
// internals, which is why package.json pins it exactly: a new version is tried with it.
function bridgeBidiGaps() {
  if (bridged) return;
  bridged = true;
  const require = createRequire(import.meta.url);
  const lib = path.join(path.dirname(require.resolve("playwright-core")), "lib");
  const { ws: WebSocket } = require(path.join(lib, "utilsBundle.js"));
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data, ...rest) {
    const command = typeof data == "string" && data.includes('"method":"emulation.') ? JSON.parse(data) : null;
    if (command && UNSUPPORTED.has(command.method)) {
      const answer = JSON.stringify({ type: "success", id: command.id, result: UNSUPPORTED.get(command.method) });
      setImmediate(() => this.emit("message", Buffer.from(answer), false));
      return;
    }
    return send.call(this, data, ...rest);
  };
  const emit = WebSocket.prototype.emit;
  WebSocket.prototype.emit = function (name, data, isBinary, ...rest) {
    if (name == "message" && !isBinary && data.includes('"method":"log.entryAdded"')) {
      const entry = likeChromium(JSON.parse(data));
      if (!entry) return true;
      data = Buffer.from(JSON.stringify(entry));
    }
    return emit.call(this, name, data, isBinary, ...rest);
  };
}
