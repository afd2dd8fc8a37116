// Whether a workspace is a Resuma app: a Cargo.toml that depends on `resuma` (or is
// Resuma's own workspace). No `vscode` import, for node:test.

/** Dependency tables of a manifest: `[dependencies]`, `[dev-dependencies]`,
 *  `[build-dependencies]`, `[workspace.dependencies]` and their `target.…` forms. */
const DEPENDENCY_TABLE = /^(?:target\.[^\]]+\.|workspace\.)?(?:dev-|build-)?dependencies$/;

/** The `[table]` header of a line, trimmed, or undefined. */
function tableHeader(line: string): string | undefined {
  const match = /^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$/.exec(line);
  return match ? match[1].replace(/\s+/g, "").replace(/"/g, "") : undefined;
}

/**
 * Whether `cargoToml` depends on the `resuma` crate (under any dependency table, as
 * `resuma = …`, `resuma.workspace = true`, or `[dependencies.resuma]`), or renames
 * another key to it with `package = "resuma"`, or is the `resuma` package itself.
 */
export function dependsOnResuma(cargoToml: string): boolean {
  let table = "";
  for (const raw of cargoToml.split(/\r?\n/)) {
    const line = raw.replace(/^\s+/, "");
    if (line.startsWith("#")) {
      continue;
    }
    const header = tableHeader(line);
    if (header !== undefined) {
      table = header;
      const dotted = /^(.*)\.resuma$/.exec(header);
      if (dotted && DEPENDENCY_TABLE.test(dotted[1])) {
        return true;
      }
      continue;
    }
    if (table === "package" && /^name\s*=\s*"resuma"/.test(line)) {
      return true;
    }
    if (!DEPENDENCY_TABLE.test(table)) {
      continue;
    }
    if (/^"?resuma"?\s*(?:=|\.)/.test(line) || /package\s*=\s*"resuma"/.test(line)) {
      return true;
    }
  }
  return false;
}
