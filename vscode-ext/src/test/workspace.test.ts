import { test } from "node:test";
import * as assert from "node:assert/strict";

import { dependsOnResuma } from "../workspace";

test("a dependency on resuma, in each way Cargo allows", () => {
  for (const manifest of [
    '[package]\nname = "app"\n\n[dependencies]\nresuma = "0.1"\n',
    '[dependencies]\nserde = "1"\nresuma = { version = "0.1", features = ["x"] }\n',
    "[dependencies]\nresuma.workspace = true\n",
    '[dependencies.resuma]\nversion = "0.1"\n',
    '[workspace.dependencies]\nresuma = { path = "framework" }\n',
    "[dev-dependencies]\nresuma = \"0.1\"\n",
    '[target.\'cfg(unix)\'.dependencies]\nresuma = "0.1"\n',
    '[dependencies]\nweb = { package = "resuma", version = "0.1" }\n',
    '[package]\nname = "resuma"\nversion = "0.1.0"\n',
  ]) {
    assert.equal(dependsOnResuma(manifest), true, manifest);
  }
});

test("other Rust projects stay untouched", () => {
  for (const manifest of [
    '[package]\nname = "app"\n\n[dependencies]\naxum = "0.8"\n',
    '[dependencies]\nresuma-analysis = "0.1"\n',
    '# resuma = "0.1"\n[dependencies]\nserde = "1"\n',
    '[package]\nname = "app"\ndescription = "not resuma = 1"\n',
    '[package.metadata.resuma]\nchunk-budget-gz = 1\n',
    "",
  ]) {
    assert.equal(dependsOnResuma(manifest), false, manifest);
  }
});
