//! The form chunk's morph (`src/form/morph.js`) on its own, in the browser: whatever the two
//! versions, the page ends up with the new markup (scripts aside), and the nodes that
//! match are the same objects.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { launchBrowser } from "./harness.mjs";

let browser, page;

before(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL("../src/form/morph.js", import.meta.url))],
    bundle: true,
    format: "iife",
    globalName: "morphModule",
    write: false,
  });
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
});

after(() => browser?.close());

// Morphs a `<div>` holding `from` into one holding `to`; returns the markup after, and
// which nodes marked `data-keep` in `from` are still in the page.
const morph = (from, to) =>
  page.evaluate(
    ([from, to]) => {
      document.body.innerHTML = `<div id="root">${from}</div>`;
      const root = document.getElementById("root");
      const marked = [...root.querySelectorAll("[data-keep]")].map((it) => [it, it.dataset.keep]);
      const next = new DOMParser().parseFromString(`<div id="root">${to}</div>`, "text/html").getElementById("root");
      morphModule.morph(root, next);
      return { html: root.innerHTML, kept: marked.filter(([it]) => it.isConnected).map(([, name]) => name) };
    },
    [from, to],
  );

test("the result is the new markup, for lists grown, shrunk and reordered", async () => {
  const cases = [
    ["<p>a</p>", "<p>b</p><p>c</p>"],
    ["<ul><li>1</li><li>2</li><li>3</li></ul>", "<ul><li>0</li><li>1</li></ul>"],
    ['<i id="a">A</i><b>x</b><i id="b">B</i>', '<i id="b">B2</i> text <i id="a">A</i><!--c-->'],
    ["text<!--x--><span>s</span>", "<span title=t>s</span><!--y-->text"],
    ['<input name="a" value="1" disabled><label>L</label>', '<label class="c">L</label><input name="a" value="2">'],
    ["<div><div><p>deep</p></div></div>", "<div><section><p>deep</p></section></div>"],
    ["<!--r:0-->0<!--/r--> <!--r:1-->1<!--/r-->", "<!--r:1-->9<!--/r--> <!--r:0-->8<!--/r-->"],
    ["", "<svg viewBox='0 0 1 1'><circle r='1'/></svg>"],
  ];
  for (const [from, to] of cases) {
    const expected = await page.evaluate((to) => Object.assign(document.createElement("div"), { innerHTML: to }).innerHTML, to);
    assert.equal((await morph(from, to)).html, expected, `${from} → ${to}`);
  }
});

test("an element keeps its node by id where it moved, others by tag at position", async () => {
  const { kept } = await morph(
    '<p data-keep="p">a</p><i id="x" data-keep="x">X</i><ul data-keep="ul"><li data-keep="li">1</li></ul><form data-r-form="f" data-keep="form"></form>',
    '<form data-r-form="f"></form><i id="x">X2</i><p>new</p><p>a</p><ul><li>0</li><li>1</li></ul>',
  );
  assert.deepEqual(kept, ["p", "x", "ul", "li", "form"]);
  const { kept: keyed } = await morph('<i id="x" data-keep="x"></i>', '<i id="y"></i>');
  assert.deepEqual(keyed, [], "an id never matches another id");
});

test("nonce attributes are left alone, and old scripts stay (after the nodes that matched)", async () => {
  const { html } = await morph(
    '<style nonce="a">p{}</style><script type="x">1</script><p>p</p>',
    '<style nonce="b">p{}</style><p>q</p>',
  );
  assert.equal(html, '<style nonce="a">p{}</style><p>q</p><script type="x">1</script>');
});

test("random pairs of pages: the result is the new markup, and a keyed element keeps its node", async () => {
  // A seeded generator, so a failure can be replayed.
  let seed = 15;
  const random = (n) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const markup = (depth) => {
    let html = "";
    for (let n = random(5); n--; ) {
      const kind = random(5);
      if (kind == 0) html += ["a", "b", " "][random(3)];
      else if (kind == 1) html += `<!--${["x", "/r", "r:1"][random(3)]}-->`;
      else {
        const tag = ["p", "i", "li"][random(3)];
        const id = random(3) ? "" : ` id="k${random(4)}"`;
        html += `<${tag}${id}>${depth < 3 ? markup(depth + 1) : ""}</${tag}>`;
      }
    }
    return html;
  };
  for (let round = 0; round < 300; round++) {
    const [from, to] = [markup(0), markup(0)];
    const result = await page.evaluate(
      ([from, to]) => {
        const root = Object.assign(document.createElement("div"), { innerHTML: from });
        const next = Object.assign(document.createElement("div"), { innerHTML: to });
        const expected = next.innerHTML;
        // An id once in each version, both under the root: the same node after.
        const once = (html, id) => html.split(`id="${id}"`).length == 2;
        const keyed = ["k0", "k1", "k2", "k3"]
          .filter((id) => once(from, id) && once(to, id) && root.children.namedItem(id) && next.children.namedItem(id))
          .map((id) => [id, root.children.namedItem(id)]);
        morphModule.morph(root, next);
        return { html: root.innerHTML, expected, lost: keyed.filter(([, it]) => it.parentNode != root).map(([id]) => id) };
      },
      [from, to],
    );
    assert.equal(result.html, result.expected, `round ${round}: ${from} → ${to}`);
    assert.deepEqual(result.lost, [], `round ${round}: ${from} → ${to}`);
  }
});
