//! Flow forms, enhanced: the handler chunk of every `<Form>` (docs/resumability.md, "Forms").
//!
//! The server renders `<form method="post" action="?_submit=NAME" data-r-form="NAME"
//! data-r-on:submit="!Form.HASH#0">`; the loader prevents the native submit and the core
//! calls `h0(event)` here. It sends the form with `fetch` as the browser would have sent
//! it, and applies the answer, the same page the server renders without JavaScript, in
//! place: a redirect to another path navigates; any HTML answer (the re-rendered page
//! after a 200, 422, or an error page) is morphed into the page (`morph.js`); anything
//! else falls back to the native submit. A submit's own redirect comes as `200` with
//! `x-resuma-location` (the runtime asks with `x-resuma-form: 2`), so the target is
//! fetched once: by the navigation, or, on the same path, here to morph it in (a 303
//! would be followed by `fetch` and then navigated to again).
//!
//! Invariants:
//! - one request per form at a time: while it is pending the form has `aria-busy="true"`
//!   (a second submit, a double click, does nothing) and its enabled submit buttons are
//!   disabled; exactly those are enabled again, and `aria-busy` removed, before the
//!   answer is applied, so the new markup has the last word on both;
//! - the server sees what a native submit sends: the fields and the submitter, urlencoded
//!   unless the form is `multipart/form-data`; plus `x-resuma-form: 2`;
//! - nothing is lost: without an answer, or with one that is not HTML, the form is sent
//!   natively (`HTMLFormElement.prototype.submit`, which no field named `submit` hides);
//!   nothing is sent twice: once the server answered with the submit's redirect, a target
//!   that does not answer HTML is navigated to instead;
//! - no script of the response runs: only the state and graph scripts' text is taken;
//! - the core keeps its cells, and each shows its value (not the server's render of it)
//!   in the text bound to it in the new page; slots it has not created yet read the new
//!   state (`__resuma._replaced`, core/state.js);
//! - the scroll position stays; focus stays where it was, but after a 422, when it goes to
//!   the submitted form's first `aria-invalid="true"` field;
//! - islands start: the island script wires those the answer brings (`../island.js`);
//!   when the page has no island script (its first render had no island) and the answer
//!   is the submit's redirect target, with islands, that target is navigated to instead;
//!   so it is when the target names the reactive core and this page runs the plain one
//!   (the reactive core binds what the answer brings, `core/reactive-index.js`);
//! - the submitted form's fields show the server's values; every other field keeps what
//!   the user typed (`fields.js`).

import { morph } from "./morph.js";
import { settle } from "./fields.js";

/**
 * Sends the form `event` submits and applies the answer; resolves once it is applied.
 * @param {SubmitEvent} event a submit event whose default the loader prevented
 */
export const h0 = async (event) => {
  const form = event.target;
  if (form.getAttribute("aria-busy") == "true") return;
  const { submitter } = event;
  // Before the submitter is disabled: a disabled button adds nothing to the form data.
  const data = new FormData(form, submitter);
  const buttons = [...document.querySelectorAll("button,input")].filter(
    (it) => it.form == form && it.type == "submit" && !it.disabled,
  );
  const focused = document.activeElement;
  const typed = focused?.value;
  const pending = (on) => {
    on ? form.setAttribute("aria-busy", "true") : form.removeAttribute("aria-busy");
    for (const it of buttons) it.disabled = on;
  };

  pending(1);
  let response, html, away, target, to;
  try {
    response = await fetch(submitter?.getAttribute("formaction") ?? form.getAttribute("action") ?? "", {
      method: "POST",
      headers: { "x-resuma-form": "2" },
      // Urlencoded, a file as its name: what the browser sends for such a form.
      body: /multipart/i.test(form.getAttribute("enctype"))
        ? data
        : new URLSearchParams([...data].map(([name, value]) => [name, value.name ?? value])),
      credentials: "same-origin",
    });
    to = response.headers.get("x-resuma-location");
    // The submit's redirect, or one `fetch` followed (a middleware's, say).
    target = to ? new URL(to, location) : response.redirected && new URL(response.url);
    away = target && target.origin + target.pathname != location.origin + location.pathname;
    // Each answer read to its end, even when navigating away: an answer left unread is
    // cancelled (by the navigation, or once dropped), a failed request to the browser.
    html = await response.text();
    if (to && !away) html = await (response = await fetch(target)).text();
    html = away || (/html/.test(response.headers.get("content-type")) && html);
  } catch {}
  pending();

  // After the submit's own redirect the form was taken: whatever its target answers, it
  // is never sent again.
  if (away || (to && !html)) return location.assign(target);
  if (!html) {
    // `submit()` sends no submitter: its name and value go as a hidden field, removed
    // again once `submit()` has read the fields (an answer such as a 204 stays on the page).
    const field = Object.assign(document.createElement("input"), { type: "hidden", name: submitter?.name, value: submitter?.value });
    if (submitter?.name) form.append(field);
    HTMLFormElement.prototype.submit.call(form);
    return field.remove();
  }
  const doc = new DOMParser().parseFromString(html, "text/html");
  // The redirect's target has islands, and this page not the island script that starts
  // them (its first render had none), or it needs the reactive core and this page runs
  // the plain one: it is loaded for real, as without JavaScript.
  const reactive = (it) => [...it.scripts].some((script) => /core-reactive\./.test(script.text));
  if (target && ((!self._islands && doc.querySelector("[data-r-island]")) || (reactive(doc) && !reactive(document)))) {
    return location.assign(target);
  }
  apply(doc);
  if (target) history.replaceState(history.state, "", target);

  const now = form.isConnected ? form : document.querySelector(`form[data-r-form="${form.getAttribute("data-r-form")}"]`);
  if (now) settle(now, focused, typed, response.ok);
  if (document.activeElement != focused && focused?.isConnected) focused.focus({ preventScroll: true });
  if (response.status == 422) now?.querySelector('[aria-invalid="true"]')?.focus();
};

// The parsed page, into this one: the body morphed, the title, CSRF token, state and
// graph taken; the core told, so its cells show in the new DOM; new islands wired.
const apply = (doc) => {
  const scripts = [...doc.querySelectorAll("script")];
  for (const it of scripts) it.remove();
  morph(document.body, doc.body);
  if (doc.title) document.title = doc.title;
  const csrf = 'meta[name="resuma-csrf"]';
  const token = doc.querySelector(csrf)?.content;
  if (token) document.querySelector(csrf)?.setAttribute("content", token);
  for (const type of ["resuma/state", "resuma/graph"]) {
    const next = scripts.find((it) => it.type == type);
    const old = document.querySelector(`script[type="${type}"]`);
    // Not JavaScript, so appending the new one runs nothing.
    if (old) old.text = next?.text || "[]";
    else if (next) document.body.append(next);
  }
  __resuma._replaced?.();
  // Islands new in the page wait for their triggers (`../island.js`; a page without the
  // island script has none to start until it is loaded again).
  self._islands?.();
};
