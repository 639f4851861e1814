import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, openFile, waitFor, workspaceFile, type ExtensionApi } from './helpers';

// The Test Explorer on e2e/pipe_tests (a datasource, its fixture, one endpoint): tests/checks.yaml
// (classic, passes) and tests/e2e_sales_by_region.yaml (Forward-style: all_regions passes, north_only
// expects a wrong total). The cases run on the real embedded engine (chDB from the repository).

const FORWARD = 'e2e/pipe_tests/tests/e2e_sales_by_region.yaml';
const EXTRA = 'e2e/pipe_tests/tests/extra.yaml';

function fileItem(api: ExtensionApi, relative: string): vscode.TestItem | undefined {
  let found: vscode.TestItem | undefined;
  api.tests.controller.items.forEach((item) => {
    if (item.uri?.path === workspaceFile(relative).path) found = item;
  });
  return found;
}

function children(item: vscode.TestItem): vscode.TestItem[] {
  const list: vscode.TestItem[] = [];
  item.children.forEach((c) => list.push(c));
  return list.sort((a, b) => (a.range?.start.line ?? 0) - (b.range?.start.line ?? 0));
}

describe('Test Explorer', () => {
  after(async () => {
    await vscode.workspace.fs.delete(workspaceFile(EXTRA)).then(undefined, () => undefined);
    await closeAllEditors();
  });

  it('lists the pipe test files of the workspace with their cases at their lines', async () => {
    const api = await activeApi();
    const forward = await waitFor('the Forward-style test file in the Test Explorer', () => fileItem(api, FORWARD));
    assert.ok(fileItem(api, 'e2e/pipe_tests/tests/checks.yaml'), 'the classic file is listed too');
    assert.equal(forward.description, 'Forward');
    assert.deepEqual(children(forward).map((c) => [c.label, c.range?.start.line, c.range?.end.line, c.description]), [
      ['all_regions', 0, 5, 'Totals of every region'],
      ['north_only', 6, 9, undefined],
    ]);
  });

  it('Run All marks the passing cases passed and the failing one failed, with the rows as a diff at its case', async () => {
    const api = await activeApi();
    const forward = await waitFor('the test file', () => fileItem(api, FORWARD));
    const [allRegions, northOnly] = children(forward);
    api.tests.reported.clear();
    await vscode.commands.executeCommand('testing.runAll');
    const failed = await waitFor('north_only reported', () => api.tests.reported.get(northOnly.id), 25_000);
    assert.deepEqual(failed, { state: 'failed', message: 'the rows differ from expected_result' });
    assert.deepEqual(api.tests.reported.get(allRegions.id), { state: 'passed' });
    await waitFor('the classic case reported', () => [...api.tests.reported].find(([id]) => id.endsWith('checks.yaml#no_negative_amounts'))?.[1].state === 'passed', 10_000);
  });

  it('runs the one case at the cursor', async () => {
    const api = await activeApi();
    const forward = await waitFor('the test file', () => fileItem(api, FORWARD));
    const [allRegions, northOnly] = children(forward);
    const doc = await openFile(FORWARD);
    const editor = await waitFor('the test file editor', () => vscode.window.activeTextEditor?.document === doc && vscode.window.activeTextEditor);
    editor.selection = new vscode.Selection(7, 4, 7, 4);
    api.tests.reported.clear();
    await vscode.commands.executeCommand('testing.runAtCursor');
    assert.equal((await waitFor('north_only reported', () => api.tests.reported.get(northOnly.id), 25_000)).state, 'failed');
    assert.equal(api.tests.reported.get(allRegions.id), undefined, 'only the case at the cursor ran');
  });

  it('follows test files created and deleted on disk', async () => {
    const api = await activeApi();
    await vscode.workspace.fs.writeFile(workspaceFile(EXTRA), Buffer.from('- one_more:\n    sql: SELECT 1 WHERE 0\n'));
    const extra = await waitFor('the new test file listed', () => fileItem(api, EXTRA));
    assert.deepEqual(children(extra).map((c) => c.label), ['one_more']);
    await vscode.workspace.fs.delete(workspaceFile(EXTRA));
    await waitFor('the deleted test file gone', () => !fileItem(api, EXTRA));
  });
});
