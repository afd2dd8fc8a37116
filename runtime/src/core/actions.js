//! Server functions, the browser side: `__resuma.action(name, args)` and
//! `__resuma.result(name, args)`, which handler chunks call (docs/resumability.md, "Actions").
//!
//! `global.js` puts them on `globalThis.__resuma`, where chunks find them.
//! Each call is one `POST /_resuma/action/NAME` with the arguments as JSON and the page's
//! CSRF token (`<meta name="resuma-csrf">`, read on every call) in `x-resuma-csrf`.
//! 64-bit integers past 2^53 cross exactly both ways (BigInt in the browser, digits in
//! the JSON), with `JSON.rawJSON` and the reviver's source text (Chromium 114+).

import { exact } from "./state.js";

/**
 * Why an action failed. `kind`: "err" when the server function returned an error (then
 * `data` holds it), "network" when the request got no answer, "bad_response" when the
 * answer is not the JSON an action gives, otherwise the server's own kind ("bad_csrf",
 * "rate_limited", "panic", …). `status`: the HTTP status, 0 without an answer. A 429 also
 * carries `retryAfter`, in seconds, when its `Retry-After` header says.
 */
export class ActionError extends Error {
  /**
   * @param {string} kind
   * @param {number} status
   * @param {string} message
   * @param {unknown} [data]
   */
  constructor(kind, status, message, data) {
    super(message);
    this.name = "ActionError";
    this.kind = kind;
    this.status = status;
    this.data = data;
  }
}

/**
 * Calls the server function `name`; resolves what it returned, rejects with an
 * `ActionError` (kind "err" for an error it returned).
 * @param {string} name
 * @param {unknown} args serialised with `JSON.stringify`
 */
export const action = async (name, args) => {
  const body = await post(name, args);
  if ("ok" in body) return body.ok;
  throw new ActionError("err", 200, body.message || `Action ${name} returned an error`, body.err);
};

/**
 * Calls the server function `name`; resolves serde's `Result` shape, `{Ok: value}` or
 * `{Err: error}`, and rejects only when there is no such answer.
 * @param {string} name
 * @param {unknown} args
 */
export const result = async (name, args) => {
  const body = await post(name, args);
  return "ok" in body ? { Ok: body.ok } : { Err: body.err };
};

// One request; resolves a 2xx `{"ok": …}` or `{"err": …}` body, rejects with an
// ActionError for anything else.
const post = async (name, args) => {
  let status = 0;
  let response;
  let body;
  const fail = (kind, message) => {
    const error = new ActionError(kind, status, message);
    if (status == 429) {
      const header = response.headers.get("retry-after");
      // Delay-seconds, or an HTTP date (RFC 9110); neither: no `retryAfter`.
      const seconds = /^\d+$/.test(header) ? +header : Math.ceil((Date.parse(header) - Date.now()) / 1e3);
      if (seconds == seconds) error.retryAfter = Math.max(0, seconds);
    }
    throw error;
  };
  try {
    // Beside the core, so an app nested under a path calls its own actions.
    response = await fetch(new URL("action/" + encodeURIComponent(name), import.meta.url), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-resuma-csrf": document.querySelector('meta[name="resuma-csrf"]')?.content ?? "",
      },
      // A BigInt (a 64-bit value past 2^53) goes as the digits serde reads as u64/i64.
      body: JSON.stringify(args, (_, value) => (typeof value == "bigint" ? JSON.rawJSON(value) : value)),
      credentials: "same-origin",
    });
    body = await response.text();
  } catch (error) {
    fail("network", `Action ${name} failed: ${error.message}`);
  }
  status = response.status;
  try {
    body = Object(JSON.parse(body, exact));
  } catch {
    fail("bad_response", `Action ${name} failed: HTTP ${status}, not JSON`);
  }
  if (response.ok && ("ok" in body || "err" in body)) return body;
  const { kind = "bad_response", message = `Action ${name} failed: HTTP ${status}` } = Object(body.error);
  fail(kind, message);
};
