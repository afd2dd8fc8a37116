//! `node build.mjs --check`: dist/ and mangle.json are what the sources build, and every
//! size is within its budget. Its table of sizes is printed with the test's output.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

test("dist/ is up to date and within the size budgets (node build.mjs --check)", async (t) => {
  const build = fileURLToPath(new URL("../build.mjs", import.meta.url));
  const { code, output } = await new Promise((resolve) =>
    execFile(process.execPath, [build, "--check"], (error, stdout, stderr) =>
      resolve({ code: error ? error.code : 0, output: stdout + stderr }),
    ),
  );
  for (const line of output.trimEnd().split("\n")) t.diagnostic(line);
  assert.equal(code, 0, output);
});
