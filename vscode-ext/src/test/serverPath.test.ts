import { test } from "node:test";
import * as assert from "node:assert/strict";

import { resolveServer, ResolveContext } from "../serverPath";

function ctx(executables: string[], over: Partial<ResolveContext> = {}): ResolveContext {
  return {
    configured: "",
    workspaceRoots: ["/work/app"],
    envPath: "/usr/local/bin:/home/me/.cargo/bin",
    platform: "linux",
    home: "/home/me",
    isExecutable: (file) => executables.includes(file),
    ...over,
  };
}

test("the setting wins, with ~/ and workspace-relative paths", () => {
  const all = ["/opt/resuma-lsp", "/home/me/bin/resuma-lsp", "/work/app/tools/resuma", "/usr/local/bin/resuma-lsp"];
  assert.deepEqual(resolveServer(ctx(all, { configured: "/opt/resuma-lsp" })), {
    command: "/opt/resuma-lsp",
    args: ["--stdio"],
  });
  assert.deepEqual(resolveServer(ctx(all, { configured: "~/bin/resuma-lsp" })), {
    command: "/home/me/bin/resuma-lsp",
    args: ["--stdio"],
  });
  // `resuma` itself is started as `resuma lsp`.
  assert.deepEqual(resolveServer(ctx(all, { configured: "tools/resuma" })), {
    command: "/work/app/tools/resuma",
    args: ["lsp", "--stdio"],
  });
});

test("a setting that points nowhere is an error, not a silent fallback", () => {
  const res = resolveServer(ctx(["/usr/local/bin/resuma-lsp"], { configured: "/nope/resuma-lsp" }));
  assert.ok("error" in res && res.error.includes("/nope/resuma-lsp"));
});

test("PATH: resuma-lsp before resuma, then the workspace's target/", () => {
  assert.deepEqual(resolveServer(ctx(["/home/me/.cargo/bin/resuma", "/home/me/.cargo/bin/resuma-lsp"])), {
    command: "/home/me/.cargo/bin/resuma-lsp",
    args: ["--stdio"],
  });
  assert.deepEqual(resolveServer(ctx(["/home/me/.cargo/bin/resuma"])), {
    command: "/home/me/.cargo/bin/resuma",
    args: ["lsp", "--stdio"],
  });
  assert.deepEqual(resolveServer(ctx(["/work/app/target/debug/resuma-lsp", "/work/app/target/release/resuma-lsp"])), {
    command: "/work/app/target/release/resuma-lsp",
    args: ["--stdio"],
  });
  const missing = resolveServer(ctx([]));
  assert.ok("error" in missing && missing.error.includes("cargo install resuma"));
});

test("Windows: .exe and ; in PATH", () => {
  const res = resolveServer(
    ctx(["C:\\tools/resuma-lsp.exe"], { platform: "win32", envPath: "C:\\tools;C:\\other" }),
  );
  assert.deepEqual(res, { command: "C:\\tools/resuma-lsp.exe", args: ["--stdio"] });
});
