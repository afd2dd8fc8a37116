// Which program to start as the language server. No `vscode` import: the logic is
// unit-tested with node:test, and the extension passes in what it reads from VS Code.

import * as path from "node:path";

/** How to start the server. */
export interface ServerCommand {
  command: string;
  args: string[];
}

/** What resolution may look at; injected so tests need no file system. */
export interface ResolveContext {
  /** The `resuma.server.path` setting ("" when unset). */
  configured: string;
  /** The workspace folders' paths. */
  workspaceRoots: string[];
  /** The `PATH` environment variable. */
  envPath: string;
  /** `process.platform`. */
  platform: string;
  /** The user's home directory, for `~/` in the setting. */
  home: string;
  /** Whether an executable file exists at a path. */
  isExecutable: (file: string) => boolean;
}

/** The server is `resuma-lsp`, or `resuma` started as `resuma lsp`. */
function commandFor(file: string): ServerCommand {
  const name = path.basename(file).toLowerCase().replace(/\.exe$/, "");
  return name === "resuma" ? { command: file, args: ["lsp", "--stdio"] } : { command: file, args: ["--stdio"] };
}

/**
 * The server to start, or an error message saying what was tried. Order: the setting
 * (`~/` and workspace-relative paths allowed), `resuma-lsp` then `resuma` on `PATH`, then
 * a build in a workspace's `target/` (release before debug).
 */
export function resolveServer(ctx: ResolveContext): ServerCommand | { error: string } {
  const exe = ctx.platform === "win32" ? ".exe" : "";
  const configured = ctx.configured.trim();
  if (configured !== "") {
    let file = configured.startsWith("~/") ? path.join(ctx.home, configured.slice(2)) : configured;
    const candidates = path.isAbsolute(file)
      ? [file]
      : ctx.workspaceRoots.map((root) => path.join(root, file));
    for (const candidate of candidates) {
      if (ctx.isExecutable(candidate)) {
        return commandFor(candidate);
      }
      if (exe && ctx.isExecutable(candidate + exe)) {
        return commandFor(candidate + exe);
      }
    }
    return { error: `resuma.server.path is set to "${configured}", but no executable is there` };
  }
  const separator = ctx.platform === "win32" ? ";" : ":";
  const dirs = ctx.envPath.split(separator).filter((it) => it !== "");
  for (const name of ["resuma-lsp", "resuma"]) {
    for (const dir of dirs) {
      const file = path.join(dir, name + exe);
      if (ctx.isExecutable(file)) {
        return commandFor(file);
      }
    }
  }
  for (const root of ctx.workspaceRoots) {
    for (const profile of ["release", "debug"]) {
      const file = path.join(root, "target", profile, "resuma-lsp" + exe);
      if (ctx.isExecutable(file)) {
        return commandFor(file);
      }
    }
  }
  return {
    error:
      "resuma-lsp was not found: install it with `cargo install resuma` (it provides `resuma lsp`) " +
      "or set resuma.server.path",
  };
}
