import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, getExtension, openFile, waitFor, workspaceFile } from './helpers';

// One case of the shared tb fmt golden set (../shared/golden/fmt, never copied into this repo): a
// crowd.dev pipe mangled (operators without spaces, one SQL token per line, `{%if%}` without spaces),
// and what tb fmt 5.14 made of it. LF only, so the editor's EOL cannot change the bytes.
const GOLDEN_CASE = ['crowd-mangled-a', 'category_groups_list.pipe--v4'];
// Copied under e2e/fmt/ with names of their own, so they do not redefine the corpus pipe.
const FORMAT_DOCUMENT = 'e2e/fmt/e2e_fmt_golden.pipe';
const FORMAT_ON_SAVE = 'e2e/fmt/e2e_fmt_on_save.pipe';

async function golden(): Promise<{ input: Buffer; expected: Buffer }> {
  const dir = path.resolve(getExtension().extensionPath, '..', 'shared', 'golden', 'fmt', ...GOLDEN_CASE);
  const input = await fs.readFile(path.join(dir, 'input.pipe'));
  const expected = await fs.readFile(path.join(dir, 'expected.pipe'));
  assert.notDeepEqual(input, expected, 'the golden case changes under tb fmt');
  assert.ok(!input.includes('\r'), 'the golden input is LF-only');
  return { input, expected };
}

async function onDisk(relative: string): Promise<Buffer> {
  return Buffer.from(await vscode.workspace.fs.readFile(workspaceFile(relative)));
}

describe('formatting', () => {
  let cases: { input: Buffer; expected: Buffer };

  before(async () => {
    await activeApi();
    cases = await golden();
    await vscode.workspace.fs.writeFile(workspaceFile(FORMAT_DOCUMENT), cases.input);
    await vscode.workspace.fs.writeFile(workspaceFile(FORMAT_ON_SAVE), new Uint8Array());
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('editor', { languageId: 'tinybird-pipe' })
      .update('formatOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
    await closeAllEditors();
  });

  it('Format Document turns a golden input into its tb fmt output, byte for byte', async () => {
    const doc = await openFile(FORMAT_DOCUMENT);
    assert.equal(doc.languageId, 'tinybird-pipe');
    assert.equal(doc.getText(), cases.input.toString('utf8'));
    await vscode.commands.executeCommand('editor.action.formatDocument');
    await waitFor('the document to be formatted', () => doc.getText() !== cases.input.toString('utf8'), 15_000);
    assert.equal(doc.getText(), cases.expected.toString('utf8'));
    assert.equal(doc.eol, vscode.EndOfLine.LF);
    assert.equal(await doc.save(), true);
    assert.deepEqual(await onDisk(FORMAT_DOCUMENT), cases.expected);
  });

  it('format on save writes the tb fmt output to disk', async () => {
    await vscode.workspace
      .getConfiguration('editor', { languageId: 'tinybird-pipe' })
      .update('formatOnSave', true, vscode.ConfigurationTarget.Workspace, true);
    assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'tinybird-pipe' }).get('formatOnSave'), true);
    const doc = await openFile(FORMAT_ON_SAVE);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document, doc);
    // As a user pasting the mangled text into the empty file, then pressing Ctrl+S.
    assert.equal(await editor.edit((b) => b.insert(new vscode.Position(0, 0), cases.input.toString('utf8'))), true);
    assert.equal(doc.isDirty, true);
    await vscode.commands.executeCommand('workbench.action.files.save');
    await waitFor('the file to be saved', () => !doc.isDirty, 15_000);
    assert.deepEqual(await onDisk(FORMAT_ON_SAVE), cases.expected);
    assert.equal(doc.getText(), cases.expected.toString('utf8'));
  });
});
