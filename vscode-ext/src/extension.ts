// The VS Code side: find out whether this is a Resuma workspace, find the server, start
// it for Rust files. The decisions live in serverPath.ts, workspace.ts and settings.ts.

import * as fs from "node:fs";
import * as os from "node:os";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from "vscode-languageclient/node";

import { resolveServer } from "./serverPath";
import { initOptions } from "./settings";
import { dependsOnResuma } from "./workspace";

let client: LanguageClient | undefined;

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Whether any Cargo.toml of the workspace (outside target/) depends on resuma. */
async function isResumaWorkspace(): Promise<boolean> {
  const manifests = await vscode.workspace.findFiles("**/Cargo.toml", "**/{target,node_modules}/**", 200);
  for (const uri of manifests) {
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (dependsOnResuma(Buffer.from(bytes).toString("utf8"))) {
      return true;
    }
  }
  return false;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // Not every Rust project is a Resuma app: stay silent in the others.
  if (!(await isResumaWorkspace())) {
    return;
  }
  const config = vscode.workspace.getConfiguration("resuma");
  const server = resolveServer({
    configured: config.get<string>("server.path") ?? "",
    workspaceRoots: (vscode.workspace.workspaceFolders ?? []).map((it) => it.uri.fsPath),
    envPath: process.env.PATH ?? "",
    platform: process.platform,
    home: os.homedir(),
    isExecutable,
  });
  if ("error" in server) {
    void vscode.window.showWarningMessage(`Resuma: ${server.error}`);
    return;
  }
  const serverOptions: ServerOptions = {
    command: server.command,
    // The server reads --stdio itself; the transport stays "stdio" either way.
    args: server.args.filter((it) => it !== "--stdio"),
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "rust" }],
    initializationOptions: initOptions((key) => config.get(key)),
  };
  client = new LanguageClient("resuma", "Resuma", serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("resuma")) {
        void vscode.window.showInformationMessage("Resuma: reload the window to apply the new settings.");
      }
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
