import { test } from "node:test";
import * as assert from "node:assert/strict";

import { initOptions } from "../settings";

test("settings become the server's initializationOptions", () => {
  const values: Record<string, unknown> = {
    "payload.chunkBudgetGz": 1024,
    "payload.stateBudget": 0,
    debounceMs: 50,
  };
  assert.deepEqual(initOptions((key) => values[key]), { chunkBudgetGz: 1024, stateBudget: 0, debounceMs: 50 });
});

test("unset or invalid values are left to the server", () => {
  const values: Record<string, unknown> = {
    "payload.chunkBudgetGz": null,
    "payload.stateBudget": -1,
    debounceMs: "fast",
  };
  assert.deepEqual(initOptions((key) => values[key]), {});
  assert.deepEqual(initOptions(() => 1.5), {});
});
