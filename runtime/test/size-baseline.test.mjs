//! The size baseline (size-baseline.json): `node build.mjs --check` fails when a dist/
//! file's gzip size grows past its recorded size by more than the tolerance, unless the
//! same change records the new size with `node build.mjs --update-baseline`.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compareBaseline } from "../build.mjs";

const BUILD = fileURLToPath(new URL("../build.mjs", import.meta.url));
const BASELINE = fileURLToPath(new URL("../size-baseline.json", import.meta.url));

const runCheck = (baselineFile) =>
  new Promise((resolve) =>
    execFile(process.execPath, [BUILD, "--check", "--baseline", baselineFile], (error, stdout, stderr) =>
      resolve({ code: error ? error.code : 0, output: stdout + stderr }),
    ),
  );

test("growth within the tolerance passes; past it, it fails and names the file", () => {
  const baseline = { tolerance: 16, files: { "core.min.js": 1000, "loader.min.js": 700 } };
  assert.deepEqual(compareBaseline({ "core.min.js": 1016, "loader.min.js": 650 }, baseline).grown, []);
  const { grown, shrunk } = compareBaseline({ "core.min.js": 1017, "loader.min.js": 650 }, baseline);
  assert.deepEqual(grown, ["dist/core.min.js grew from 1000 B to 1017 B gzip (+17 B, over the 16 B tolerance)"]);
  assert.deepEqual(shrunk, ["dist/loader.min.js shrank from 700 B to 650 B gzip (-50 B)"]);
  assert.deepEqual(compareBaseline({ "new.min.js": 10 }, { tolerance: 16, files: {} }).grown, [
    "dist/new.min.js has no baseline (10 B gzip)",
  ]);
});

test("the committed baseline is current, and --check fails on a file grown past it", async (t) => {
  const committed = await runCheck(BASELINE);
  assert.equal(committed.code, 0, committed.output);

  const dir = await mkdtemp(join(tmpdir(), "resuma-baseline-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const baseline = JSON.parse(await readFile(BASELINE, "utf8"));
  baseline.files["core-reactive.min.js"] -= 17; // as if the reactive core just grew by 17 B
  const file = join(dir, "size-baseline.json");
  await writeFile(file, JSON.stringify(baseline));
  const { code, output } = await runCheck(file);
  assert.equal(code, 1, output);
  assert.match(output, /error: dist\/core-reactive\.min\.js grew from \d+ B to \d+ B gzip \(\+17 B, over the 16 B tolerance\)/);
  assert.match(output, /node build\.mjs --update-baseline/);
});
