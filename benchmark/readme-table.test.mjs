// The peer table in README.md and benchmark/README.md is benchmark/results.json rendered:
// regenerated in memory here and compared, so a figure edited by hand, or a results.json
// committed without `node benchmark/readme-table.mjs --write`, fails. Fast: no build, no browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { READMES, RESULTS, START, END, renderBlock, formatBytes } from "./readme-table.mjs";

const results = JSON.parse(readFileSync(RESULTS, "utf8"));

for (const file of READMES) {
  const name = path.relative(path.resolve(import.meta.dirname, ".."), file);
  test(`${name}: the benchmark block is the one benchmark/results.json renders`, () => {
    const readme = readFileSync(file, "utf8");
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    assert.ok(start >= 0 && end > start, `${name} has a ${START} … ${END} block`);
    assert.equal(readme.slice(start, end + END.length), renderBlock(results), "stale: run `node benchmark/readme-table.mjs --write`");
  });
}

test("every peer has a row: measured, or not measured with the reason", () => {
  const block = renderBlock(results);
  for (const peer of results.peers) {
    assert.ok(block.includes(`| ${peer.label}`), `${peer.name} has a row`);
    if (peer.status != "measured") assert.ok(peer.reason, `${peer.name} says why it was not measured`);
  }
});

test("sizes read as the README words them", () => {
  assert.equal(formatBytes(736), "736 B");
  assert.equal(formatBytes(25906), "25.9 KB");
  assert.equal(formatBytes(null), "–");
});
