// Starts a built example binary (`cargo build -p NAME`) on a free loopback port.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The directory cargo puts debug binaries in (honours CARGO_TARGET_DIR). */
export function binDir() {
  const target = process.env.CARGO_TARGET_DIR || path.join(root, "target");
  return path.resolve(root, target, "debug");
}

/** A loopback port that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs example `name` until `stop()`; resolves once it answers HTTP.
 * @returns {Promise<{url: string, stop: () => Promise<void>}>}
 */
export async function startExample(name) {
  const bin = path.join(binDir(), name);
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`cargo build -p ${name}\` first`);
  const port = await freePort();
  const child = spawn(bin, [], {
    env: { ...process.env, RESUMA_ADDR: `127.0.0.1:${port}`, RUST_LOG: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(url + "/");
      await response.arrayBuffer();
      break;
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill();
        throw new Error(`${name} did not start on ${url}: ${error}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGINT");
    });
  return { url, stop };
}
