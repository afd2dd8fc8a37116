/* Built by runtime/build.mjs from runtime/src: edit those, then run `node build.mjs`. */
// src/form/morph.js
var morph = (from, to) => {
  if (from.nodeType != 1) {
    if (from.data != to.data) from.data = to.data;
    return;
  }
  for (const { name, value } of to.attributes) {
    if (name != "nonce" && from.getAttribute(name) != value && !(name == "data-r-island" && from._started)) {
      from.setAttribute(name, value);
    }
  }
  for (const { name } of [...from.attributes]) {
    if (name != "nonce" && !to.hasAttribute(name)) from.removeAttribute(name);
  }
  let cur = from.firstChild;
  for (let next = to.firstChild; next; ) {
    const node = next;
    next = node.nextSibling;
    let match = cur;
    while (match && !same(match, node)) match = match.nextSibling;
    if (!match) {
      from.insertBefore(node, cur);
      continue;
    }
    morph(match, node);
    if (match == cur) cur = cur.nextSibling;
    else from.insertBefore(match, cur);
  }
  while (cur) {
    const it = cur;
    cur = cur.nextSibling;
    if (it.localName != "script") it.remove();
  }
};
var key = (node) => node.id || node.getAttribute?.("data-r-form") || "";
var same = (old, node) => old.nodeName == node.nodeName && (node.nodeType == 8 ? old.data == node.data : key(old) == key(node));

// src/form/fields.js
var settle = (form, focused, typed, ok) => {
  for (const it of form.querySelectorAll("input,textarea,option")) {
    if (it == document.activeElement && !(it == focused && it.value == typed)) continue;
    if (it.localName == "option") it.selected = it.defaultSelected;
    else if (/^(checkbox|radio)$/.test(it.type)) it.checked = it.defaultChecked;
    else if (it.type != "file") it.value = it.defaultValue;
    else if (ok) it.value = "";
  }
};

// src/form/index.js
var h0 = async (event) => {
  const form = event.target;
  if (form.getAttribute("aria-busy") == "true") return;
  const { submitter } = event;
  const data = new FormData(form, submitter);
  const buttons = [...document.querySelectorAll("button,input")].filter(
    (it) => it.form == form && it.type == "submit" && !it.disabled
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
      body: /multipart/i.test(form.getAttribute("enctype")) ? data : new URLSearchParams([...data].map(([name, value]) => [name, value.name ?? value])),
      credentials: "same-origin"
    });
    to = response.headers.get("x-resuma-location");
    target = to ? new URL(to, location) : response.redirected && new URL(response.url);
    away = target && target.origin + target.pathname != location.origin + location.pathname;
    html = await response.text();
    if (to && !away) html = await (response = await fetch(target)).text();
    html = away || /html/.test(response.headers.get("content-type")) && html;
  } catch {
  }
  pending();
  if (away || to && !html) return location.assign(target);
  if (!html) {
    const field = Object.assign(document.createElement("input"), { type: "hidden", name: submitter?.name, value: submitter?.value });
    if (submitter?.name) form.append(field);
    HTMLFormElement.prototype.submit.call(form);
    return field.remove();
  }
  const doc = new DOMParser().parseFromString(html, "text/html");
  const reactive = (it) => [...it.scripts].some((script) => /core-reactive\./.test(script.text));
  if (target && (!self._islands && doc.querySelector("[data-r-island]") || reactive(doc) && !reactive(document))) {
    return location.assign(target);
  }
  apply(doc);
  if (target) history.replaceState(history.state, "", target);
  const now = form.isConnected ? form : document.querySelector(`form[data-r-form="${form.getAttribute("data-r-form")}"]`);
  if (now) settle(now, focused, typed, response.ok);
  if (document.activeElement != focused && focused?.isConnected) focused.focus({ preventScroll: true });
  if (response.status == 422) now?.querySelector('[aria-invalid="true"]')?.focus();
};
var apply = (doc) => {
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
    if (old) old.text = next?.text || "[]";
    else if (next) document.body.append(next);
  }
  __resuma._replaced?.();
  self._islands?.();
};
export {
  h0
};
