import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, openFile, waitFor } from './helpers';

// Fixtures: e2e/snapshot_filter/ — e2e_member_snapshots (has snapshotId) is appended every hour by
// e2e_member_snapshots_copy, so it holds several snapshots; e2e_latest_members reads it unfiltered.
const READER = 'e2e/snapshot_filter/e2e_latest_members.pipe';

const READER_FIXED = [
  'DESCRIPTION >',
  '    Reads e2e_member_snapshots without picking a snapshot: the snapshot-filter warning.',
  '',
  'NODE e2e_latest_members_node',
  'SQL >',
  '    SELECT id, kind',
  '    FROM e2e_member_snapshots',
  '    WHERE snapshotId = (SELECT max(snapshotId) FROM e2e_member_snapshots)',
  '',
].join('\n');

function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

function snapshotWarnings(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => ruleOf(d) === 'snapshot-filter');
}

describe('snapshot filter diagnostic', () => {
  let doc: vscode.TextDocument | undefined;

  after(async () => {
    // The quick fix is applied in memory only: revert so the file on disk (and later checks) keep the warning.
    if (doc?.isDirty) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await closeAllEditors();
  });

  it('shows a missing snapshot filter as a warning', async () => {
    await activeApi();
    doc = await openFile(READER);
    const [warning] = await waitFor('the snapshot-filter diagnostic', () => snapshotWarnings(doc!.uri).length > 0 && snapshotWarnings(doc!.uri), 20_000);
    assert.equal(snapshotWarnings(doc.uri).length, 1);
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(
      warning.message,
      'e2e_member_snapshots keeps several snapshots (snapshotId), so this read returns every row once per snapshot. ' +
        'Restrict it to one, e.g. WHERE snapshotId = (SELECT max(snapshotId) FROM e2e_member_snapshots).',
    );
    assert.equal(doc.getText(warning.range), 'e2e_member_snapshots');
    assert.equal(warning.range.start.line, 5);
  });

  it('its quick fix (code-action API + applyEdit) adds the latest-snapshot filter', async () => {
    assert.ok(doc, 'the previous test opened the reader');
    const [warning] = snapshotWarnings(doc.uri);
    assert.ok(warning, 'the warning is still there');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      warning.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.title === 'Filter e2e_member_snapshots to its latest snapshotId');
    assert.ok(fix, `a "Filter … to its latest snapshotId" quick fix among: ${titles.join(' | ')}`);
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(fix.edit, 'the quick fix carries its edit');
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.equal(doc.getText(), READER_FIXED);
    // The server re-checks the edited text: the warning goes away.
    await waitFor('the snapshot-filter warning to disappear', () => snapshotWarnings(doc!.uri).length === 0, 15_000);
  });
});
