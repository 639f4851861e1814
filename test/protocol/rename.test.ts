import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PrepareRenameRequest, RenameRequest, type RenameFile, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { startServer, type LspHarness } from '../support/lspClient';
import { tempTree } from '../support/tempTree';

// The built server over stdio, on a copy of the column-rename fixture (its test files included).
const FIXTURE = path.resolve(__dirname, '../fixtures/features/column-rename');
let workspace: string;
let server: LspHarness;

before(async () => {
  workspace = tempTree('tb-rename-');
  fs.cpSync(FIXTURE, workspace, { recursive: true });
  server = await startServer(workspace, { workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['rename'] } } });
});

after(async () => {
  await server.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

const uriOf = (relative: string) => pathToFileURL(path.join(workspace, relative)).href;

/** Each change of an edit: `file×edits` for text edits, `old → new` for file renames. */
function summary(edit: WorkspaceEdit): string[] {
  return edit.documentChanges!.map((c) => {
    if ('kind' in c) {
      const r = c as RenameFile;
      return `${path.basename(fileURLToPath(r.oldUri))} → ${path.basename(fileURLToPath(r.newUri))}`;
    }
    const d = c as TextDocumentEdit;
    return `${path.basename(fileURLToPath(d.textDocument.uri))}×${d.edits.length}`;
  });
}

test('renaming a SCHEMA column edits its datasource, readers, pipes reading them, writers and test queries', async () => {
  const textDocument = { uri: uriOf('datasources/orders.datasource') };
  const position = { line: 2, character: 7 };
  const prepared = await server.connection.sendRequest(PrepareRenameRequest.type, { textDocument, position });
  assert.deepEqual(prepared, { range: { start: { line: 2, character: 5 }, end: { line: 2, character: 11 } }, placeholder: 'amount' });
  const edit = await server.connection.sendRequest(RenameRequest.type, { textDocument, position, newName: 'amount_usd' });
  assert.deepEqual(summary(edit!).sort(), ['daily_totals_mv.pipe×1', 'orders.datasource×3', 'orders_api.pipe×6', 'orders_checks.yaml×1', 'orders_from_raw.pipe×1', 'orders_latest_mv.pipe×1', 'orders_report.pipe×1']);
  const latest = edit!.documentChanges!.find((c) => !('kind' in c) && c.textDocument.uri.endsWith('orders_latest_mv.pipe')) as TextDocumentEdit;
  assert.deepEqual(latest.edits.map((e) => e.newText), ['amount_usd AS amount']);
});

test('renaming a pipe renames its Forward-style test file and edits the classic one found in the workspace', async () => {
  const textDocument = { uri: uriOf('pipes/orders_report.pipe') };
  const edit = await server.connection.sendRequest(RenameRequest.type, { textDocument, position: { line: 2, character: 40 }, newName: 'orders_endpoint' });
  assert.deepEqual(summary(edit!), ['orders_report.pipe×1', 'orders_api.pipe → orders_endpoint.pipe', 'orders_checks.yaml×2', 'orders_api.yaml → orders_endpoint.yaml']);
});

test('an unsafe rename is refused with its reason', async () => {
  const textDocument = { uri: uriOf('datasources/orders.datasource') };
  await assert.rejects(server.connection.sendRequest(RenameRequest.type, { textDocument, position: { line: 2, character: 7 }, newName: 'net' }), /orders already has a column named "net"/);
});
