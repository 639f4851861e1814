// Helpers for scenarios running inside the extension host. Not a scenario itself (no .e2e.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { activate } from '../../../client/extension';
import pkg from '../../../package.json';

/** What the extension's activate() returns (kept in sync with client/extension.ts by the type). */
export type ExtensionApi = Awaited<ReturnType<typeof activate>>;

export const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

/** Polls until `check` returns something truthy; fails the test with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? ` (last error: ${last.message})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e runner opens a workspace folder');
  return folder.uri;
}

/** A file of the test workspace: corpus files at the root (pipes/, datasources/), fixtures under e2e/. */
export function workspaceFile(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

/** Opens a workspace file in an editor and returns its document. */
export async function openFile(relative: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(relative));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function getExtension(): vscode.Extension<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is loaded from the development path`);
  return ext;
}

/** Waits for the extension to be activated by VS Code (never calls activate() itself). */
export async function activeApi(timeoutMs = 20_000): Promise<ExtensionApi> {
  const ext = getExtension();
  await waitFor(`${EXTENSION_ID} to activate`, () => ext.isActive, timeoutMs);
  assert.ok(ext.exports, 'activate() returned the extension API');
  return ext.exports;
}
