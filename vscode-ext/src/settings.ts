// The extension's settings as the server's initializationOptions. No `vscode` import,
// for node:test: `get` is VS Code's `WorkspaceConfiguration.get` or a test double.

/** What the server reads at `initialize` (see lsp/src/server.rs, `InitOptions`). */
export interface InitOptions {
  chunkBudgetGz?: number;
  stateBudget?: number;
  debounceMs?: number;
}

/** A whole, non-negative number, or undefined for anything else (unset, null, text). */
function byteCount(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** Reads `resuma.*` settings; invalid values are left to the server's defaults. */
export function initOptions(get: (key: string) => unknown): InitOptions {
  const options: InitOptions = {};
  const chunk = byteCount(get("payload.chunkBudgetGz"));
  const state = byteCount(get("payload.stateBudget"));
  const debounce = byteCount(get("debounceMs"));
  if (chunk !== undefined) options.chunkBudgetGz = chunk;
  if (state !== undefined) options.stateBudget = state;
  if (debounce !== undefined) options.debounceMs = debounce;
  return options;
}
