// `resuma build --static` of one crate into a scratch folder, served by a plain static
// file server (python3 -m http.server, which knows nothing of Resuma).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./example.mjs";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const target = path.resolve(root, process.env.CARGO_TARGET_DIR || "target");

/** Runs `target/debug/resuma build --static ARGS… --out DIR CRATE`; its status, stdout (the table) and stderr. */
export function exportStatic(crate, out, ...args) {
  const built = spawnSync(path.join(target, "debug/resuma"), ["build", "--static", ...args, "--out", out, crate], {
    cwd: root,
    env: { ...process.env, CARGO_TARGET_DIR: target },
    encoding: "utf8",
  });
  return { status: built.status, stdout: built.stdout, stderr: built.stderr };
}

/**
 * Exports `crate` (a path from the repository root) and serves the folder.
 * @returns {Promise<{out: string, url: string, stdout: string, stderr: string, stop: () => void}>}
 */
export async function exportAndServe(crate) {
  const out = mkdtempSync(path.join(tmpdir(), "resuma-static-"));
  const { status, stdout, stderr } = exportStatic(crate, out);
  assert.equal(status, 0, stderr);
  const port = await freePort();
  const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", out], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    const up = await fetch(url + "/").then((res) => res.ok, () => false);
    if (up) break;
    if (tries > 100) throw new Error("python3 -m http.server did not start");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const stop = () => {
    server.kill();
    rmSync(out, { recursive: true, force: true });
  };
  return { out, url, stdout, stderr, stop };
}
