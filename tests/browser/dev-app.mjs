// Apps made by `resuma new` for the browser tests: generated into a temporary directory,
// built into the workspace's target directory (so their dependencies are the checkout's,
// compiled once), and served.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { binDir, freePort } from "./example.mjs";

export { freePort };

/** The shared target directory, absolute. */
export const targetDir = path.dirname(binDir());

/**
 * `resuma new NAME --template TEMPLATE` in a fresh temporary directory.
 * @returns {{dir: string, remove: () => void}} the app's directory
 */
export function newApp(name, template) {
  const parent = mkdtempSync(path.join(tmpdir(), "resuma-browser-"));
  const dir = path.join(parent, name);
  const made = spawnSync(path.join(binDir(), "resuma"), ["new", dir, "--template", template], { encoding: "utf8" });
  if (made.status !== 0) throw new Error(`resuma new failed: ${made.stderr}`);
  return { dir, remove: () => rmSync(parent, { recursive: true, force: true }) };
}

/** `cargo build` of the app in `dir`; returns its binary. */
export function buildApp(dir, name) {
  const built = spawnSync("cargo", ["build"], {
    cwd: dir,
    env: { ...process.env, CARGO_TARGET_DIR: targetDir },
    encoding: "utf8",
  });
  if (built.status !== 0) throw new Error(`cargo build of ${name} failed:\n${built.stderr}`);
  return path.join(targetDir, "debug", name);
}

/** Resolves once `url` answers with `status` (polling), or rejects after `timeoutMs`. */
export async function waitForStatus(url, status, timeoutMs, isAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`the server for ${url} exited (${last})`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status == status) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (${last})`);
}

/**
 * Runs `command args` until `stop()` (SIGINT, then waits for the exit); its stderr is
 * kept (and echoed when RESUMA_TEST_VERBOSE is set).
 */
export function run(command, args, options) {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "inherit", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
    if (process.env.RESUMA_TEST_VERBOSE) process.stderr.write(chunk);
  });
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return {
    child,
    stderr: () => stderr,
    alive: () => child.exitCode === null && child.signalCode === null,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
      return exited;
    },
  };
}
