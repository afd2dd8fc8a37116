//! The Flow fixture pages of the form tests: a notes page rendered per request and its
//! submits, answering as the Rust server does (issue 15; docs/resumability.md, "Forms"),
//! with and without JavaScript alike:
//!
//! - `GET /notes` (`?reactive`: naming the reactive core; `?islands`: with islands, in this
//!   and every later answer until `reset()`; `?islands-later`: likewise, once there are
//!   two notes; `?likes`: a like button in each note, with the reactive core, likewise;
//!   `?likes-later`: likewise, once there are two notes): the notes, a counter (slot 0), the number of notes (slot 1, shown
//!   once there are two, with the count again and an inline script), and four `<Form>`s: `create_note` (title, body, pinned),
//!   `rename`, `done` and `upload` (multipart: caption, attachment);
//! - `POST /notes?_submit=NAME`, behind the `_csrf` field (403, text/plain, when wrong):
//!   `create_note` with an empty title answers 422, the page re-rendered with the errors
//!   and the typed values; a title of `boom` answers a 500 error page; `hangup` drops the
//!   connection of an enhanced (`x-resuma-form`) request; anything else adds the note
//!   and redirects to `/notes` (to the runtime, `x-resuma-form: 2`, as 200 with
//!   `x-resuma-location`; natively 303). `done` redirects so to `/notes/done`; `rename`
//!   303s to `/notes` either way, as a middleware's redirect does; `upload` answers 200
//!   with the page and what was uploaded;
//!   A title of `broken` redirects to `/notes?broken`, which answers a text 500.
//! - `GET /notes/done`: another page.
//!
//! Pages use the placeholders of fixture pages (`LOADER(`, `NONCE`, `CSRF_TOKEN`), which
//! test/server.mjs fills in.

/**
 * @typedef {object} FormRequest a request `POST /notes…` received
 * @property {string} search the query, `?_submit=NAME`
 * @property {Record<string, string | string[] | undefined>} headers lower-case names
 * @property {Array<[string, string | {name: string, size: number, type: string}]>} fields
 *   the form data as the server parsed it, a file as its name, size and type
 */

/**
 * The notes pages, with their state (`reset()` brings back the first render's).
 * @param {string} csrfToken what the `_csrf` field must hold
 */
export function createNotes(csrfToken) {
  // `withIslands`: set by `GET /notes?islands`, so that the submits' answers have them too.
  // `islandsLater`: set by `GET /notes?islands-later`: islands once there are two notes
  // (a first render without the island script, an answer with it).
  // `withLikes`: set by `GET /notes?likes`: a like button in each note (reactive core).
  // `likesLater`: set by `GET /notes?likes-later`: like buttons once there are two notes
  // (a first render with the plain core, an answer naming the reactive one).
  let notes, name, uploaded, withIslands, islandsLater, withLikes, likesLater;
  /** @type {FormRequest[]} */
  const requests = [];
  const reset = () => {
    notes = ["First note"];
    name = "Ada";
    uploaded = "";
    withIslands = false;
    islandsLater = false;
    withLikes = false;
    likesLater = false;
    requests.length = 0;
  };
  reset();

  // `reactive`: the page names the reactive core (the submit's answers name the plain one,
  // but a page keeps the core its loader was given).
  // `islands`: an island in each note (\`visible\`, numbered 0.., slot 2 + its number) and
  // one after the list (\`interaction\`, the next number), each counting its effect's runs:
  // the server's render shows 1, a started island 2. A note added before it renumbers it.
  // `likes`: a like button in each note (slot 2 + its number), counted in a thunk's text
  // and a bound attribute, with a block shown from two likes (the handler chunk Like).
  const render = ({ errors = {}, values = {}, reactive = false, islands = withIslands || (islandsLater && notes.length > 1), likes = withLikes || (likesLater && notes.length > 1) } = {}) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="resuma-csrf" content="CSRF_TOKEN"><title>Notes (${notes.length})</title>
<script nonce="NONCE">window.violations = []; document.addEventListener("securitypolicyviolation", (e) => violations.push(e.violatedDirective + " " + e.blockedURI));</script></head>
<body>
<button id="count" data-r-on:click="Counter.1f3a9b2c#0|0">Count: <!--r:0-->0<!--/r--></button>
<ul id="notes">${notes.map((it, n) => `<li>${escape(it)}${islands ? ` ${island("visible", n, "runs")}` : ""}${likes ? ` ${like(2 + n)}` : ""}</li>`).join("")}</ul>
${islands ? `<p id="hover">${island("interaction", notes.length, "hover runs")}</p>` : ""}
${notes.length > 1 ? `<p id="total">Notes: <!--r:1-->${notes.length}<!--/r-->, count: <!--r:0-->0<!--/r--> <button id="bump" data-r-on:click="Counter.1f3a9b2c#0|1">Bump</button><script nonce="NONCE">window.__ran = 1</script></p>` : ""}
${form("create_note", `
${errors.form ? `<p class="r-form-error" role="alert">${errors.form}</p>` : ""}
${field("create_note", "title", "Title", `<input name="title" value="${escape(values.title ?? "")}"`, errors.title)}
<label>Body <textarea name="body">${escape(values.body ?? "")}</textarea></label>
<label><input type="checkbox" name="pinned"${values.pinned ? " checked" : ""}> Pinned</label>
<button id="add" name="intent" value="add">Add</button> <button id="draft" name="intent" value="draft">Save draft</button>`)}
${form("rename", `<label>Name <input name="name" value="${escape(name)}"></label> <button id="rename">Rename</button>`)}
${form("done", `<button id="finish">Finish</button>`)}
${form("upload", `<input name="caption"> <input type="file" name="attachment"> <button id="upload">Upload</button>`, ' enctype="multipart/form-data"')}
<p id="uploaded">${escape(uploaded)}</p>
<script type="resuma/state" nonce="NONCE">[0,${notes.length}${islands ? ",1".repeat(notes.length + 1) : ""}${likes ? ",0".repeat(notes.length) : ""}]</script>${islands ? islandScripts(notes.length + 1) : ""}<script nonce="NONCE">LOADER("/_resuma/${reactive || islands || likes ? "core-reactive" : "core"}.test.js",["click","submit"])</script>
</body>
</html>
`;

  const page = (status, html) => ({ status, html });
  // A submit's redirect as the server answers it: to the runtime (`x-resuma-form: 2`),
  // 200 with `x-resuma-location`; to a native submit, 303.
  const redirect = (request, location) =>
    request.headers["x-resuma-form"] == "2"
      ? { status: 200, headers: { "x-resuma-location": location } }
      : { status: 303, headers: { location } };
  // A redirect that is no submit's (a middleware's): always 303, which `fetch` follows.
  const seeOther = (location) => ({ status: 303, headers: { location } });

  /**
   * Answers `GET /notes`, `GET /notes/done` and `POST /notes?_submit=NAME`; `null` for
   * anything else. An answer is `{status, html}` (a page, placeholders unfilled),
   * `{status, headers}` (a redirect), `{status, text}` or `{hangup: true}`.
   * @param {import("node:http").IncomingMessage} request
   */
  const respond = async (request) => {
    const { pathname, search, searchParams } = new URL(request.url, "http://localhost");
    if (pathname == "/notes/done" && request.method == "GET") {
      return page(200, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Done</title></head><body><h1 id="done">Done with ${notes.length} notes</h1></body></html>`);
    }
    if (pathname != "/notes") return null;
    if (request.method == "GET" && searchParams.has("broken")) return { status: 500, text: "Broken" };
    if (request.method == "GET") {
      withIslands ||= searchParams.has("islands");
      islandsLater ||= searchParams.has("islands-later");
      withLikes ||= searchParams.has("likes");
      likesLater ||= searchParams.has("likes-later");
      return page(200, render({ reactive: searchParams.has("reactive") }));
    }

    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const data = await new Response(Buffer.concat(chunks), {
      headers: { "content-type": request.headers["content-type"] ?? "" },
    })
      .formData()
      .catch(() => new FormData());
    const fields = [...data].map(([key, value]) =>
      typeof value == "string" ? [key, value] : [key, { name: value.name, size: value.size, type: value.type }],
    );
    requests.push({ search, headers: { ...request.headers }, fields });

    if (data.get("_csrf") != csrfToken) return { status: 403, text: "Forbidden: missing or wrong CSRF token" };
    switch (searchParams.get("_submit")) {
      case "create_note": {
        const values = { title: data.get("title") ?? "", body: data.get("body") ?? "", pinned: data.has("pinned") };
        if (!values.title.trim()) {
          return page(422, render({ values, errors: { form: "The note was not saved.", title: "This field is required." } }));
        }
        if (values.title == "boom") {
          return page(500, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Server error</title></head><body><h1 id="error">Something went wrong</h1></body></html>`);
        }
        if (values.title == "hangup" && request.headers["x-resuma-form"]) return { hangup: true };
        if (values.title == "broken") return redirect(request, "/notes?broken");
        notes.push(values.title);
        return redirect(request, "/notes");
      }
      case "rename":
        name = data.get("name");
        return seeOther("/notes");
      case "done":
        return redirect(request, "/notes/done");
      case "upload": {
        const file = data.get("attachment");
        uploaded = `${data.get("caption")}: ${file?.name} (${file?.size} bytes, ${await file?.text()})`;
        return page(200, render());
      }
      default:
        return { status: 400, text: "No such submit" };
    }
  };

  return { respond, requests, reset };
}

// A `<Form>` as the server renders it: the submit's address and name, its handler, the
// CSRF field.
const form = (name, content, attributes = "") =>
  `<form method="post" action="?_submit=${name}" data-r-form="${name}" data-r-on:submit="!Form.test#0"${attributes}>
<input type="hidden" name="_csrf" value="CSRF_TOKEN">${content}
</form>`;

// Island number `n` as the server renders it, its effect's count (slot 2 + n) at 1.
const island = (trigger, n, label) =>
  `<span class="island" data-r-island="${trigger} ${n} Tick.6a1d3e90">${label}: <!--r:${2 + n}-->1<!--/r--></span>`;

// A note's like button as the server renders it, for slot `slot` (no like yet).
const like = (slot) =>
  `<button class="like" data-r-on:click="Like.7c2e4a10#0|${slot}" data-r-a="data-liked=Like.7c2e4a10#t1|${slot}"><!--r:Like.7c2e4a10#t0|${slot}-->♡ 0<!--/r--></button><!--f:Like.7c2e4a10#b0|${slot}--><!--/f-->`;

// The graph of `count` islands (one effect each, slot 2 + its number) and the island script.
const islandScripts = (count) =>
  `<script type="resuma/graph" nonce="NONCE">${JSON.stringify(
    Array.from({ length: count }, (_, n) => ["e", 0, `Tick.6a1d3e90#t0|${2 + n}`, [], n]),
  )}</script><script nonce="NONCE">ISLANDS("/_resuma/core-reactive.test.js")</script>`;

// A field with its error, as the server renders it after a failed submit.
const field = (form, name, label, input, error) => {
  const id = `r-error-${form}-${name}`;
  return error
    ? `<label>${label} ${input} aria-invalid="true" aria-describedby="${id}"></label>
<span class="r-field-error" id="${id}">${error}</span>`
    : `<label>${label} ${input}></label>`;
};

const escape = (text) =>
  String(text).replace(/[&<>"]/g, (it) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[it]);
