import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, openFile, waitFor, workspaceFile } from './helpers';

/** The position of the first occurrence of `name` after `after` in the document (inside the name). */
function positionOf(doc: vscode.TextDocument, after: string, name: string): vscode.Position {
  const at = doc.getText().indexOf(after);
  assert.ok(at >= 0, `"${after}" in ${doc.uri.path}`);
  const offset = doc.getText().indexOf(name, at);
  assert.ok(offset >= 0, `"${name}" after "${after}" in ${doc.uri.path}`);
  return doc.positionAt(offset + 2);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

const uriOf = (l: vscode.Location | vscode.LocationLink) => ('targetUri' in l ? l.targetUri : l.uri);

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

// Fixtures: e2e/snapshot_filter/ (a datasource with one writer and one reader) and e2e/rename/.
describe('navigation', () => {
  after(closeAllEditors);

  it('hover on a datasource name shows its lineage (writers and readers)', async () => {
    await activeApi();
    const doc = await openFile('e2e/snapshot_filter/e2e_latest_members.pipe');
    const pos = positionOf(doc, 'FROM', 'e2e_member_snapshots');
    const text = await waitFor(
      'a hover on e2e_member_snapshots',
      async () => hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos)),
      15_000,
    );
    assert.match(text, /\*\*datasource\*\* \[`e2e_member_snapshots`\]\([^)]*e2e_member_snapshots\.datasource\)/);
    assert.match(text, /\*\*multi-snapshot\*\*/);
    assert.match(text, / · 1 writer · 1 reader · 1 endpoint downstream\n/);
    assert.match(text, /\*\*Written by\*\* \(1\)\n+\*copies\* \(1\)\n+- \[`e2e_member_snapshots_copy`\]\([^)]+\) › \[`e2e_member_snapshots_copy_node`\]\([^)]+\) — copy, append, /);
    assert.match(text, /\*\*Read by\*\* \(1\)\n+- \[`e2e_latest_members`\]\([^)]*e2e_latest_members\.pipe\)[^\n]* › `e2e_latest_members_node`/);
  });

  it('go to definition of a datasource name opens its .datasource file', async () => {
    const doc = await openFile('e2e/snapshot_filter/e2e_latest_members.pipe');
    const pos = positionOf(doc, 'FROM', 'e2e_member_snapshots');
    const target = workspaceFile('e2e/snapshot_filter/e2e_member_snapshots.datasource');
    const locations = await waitFor('a definition', async () => {
      const l = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', doc.uri, pos);
      return l.length > 0 && l;
    });
    assert.deepEqual(
      locations.map((l) => uriOf(l).toString()),
      [target.toString()],
    );
    // And as F12 does it: the editor for the datasource becomes active.
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(pos, pos);
    await vscode.commands.executeCommand('editor.action.revealDefinition');
    const active = await waitFor('the definition to open', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.toString() === target.toString() && e;
    });
    assert.equal(active.document.languageId, 'tinybird-datasource');
    assert.equal(active.selection.active.line, 0);
  });

  it('rename of a datasource updates its readers and writers and renames the file', async () => {
    const oldFile = workspaceFile('e2e/rename/e2e_rename_source.datasource');
    const newFile = workspaceFile('e2e/rename/e2e_renamed_target.datasource');
    const reader = workspaceFile('e2e/rename/e2e_rename_reader.pipe');
    const writer = workspaceFile('e2e/rename/e2e_rename_copy.pipe');
    const doc = await openFile('e2e/rename/e2e_rename_reader.pipe');
    const pos = positionOf(doc, 'FROM', 'e2e_rename_source');

    // Retried while the server is still indexing (prepareRename refuses names it does not know yet).
    const edit = await waitFor('a rename edit', async () =>
      vscode.commands.executeCommand<vscode.WorkspaceEdit | undefined>('vscode.executeDocumentRenameProvider', doc.uri, pos, 'e2e_renamed_target'),
    );
    const edited = edit.entries().map(([uri]) => uri.toString()).sort();
    assert.deepEqual(edited, [writer.toString(), reader.toString()].sort());
    assert.equal(await vscode.workspace.applyEdit(edit), true);

    assert.equal(await exists(newFile), true, 'the datasource file was renamed');
    assert.equal(await exists(oldFile), false, 'the old datasource file is gone');
    const readerDoc = await vscode.workspace.openTextDocument(reader);
    const writerDoc = await vscode.workspace.openTextDocument(writer);
    assert.equal(
      readerDoc.getText(),
      'NODE e2e_rename_reader_node\nSQL >\n    SELECT kind, count() AS total FROM e2e_renamed_target GROUP BY kind\n',
    );
    assert.equal(
      writerDoc.getText(),
      'NODE e2e_rename_copy_node\nSQL >\n    SELECT id, kind FROM e2e_events\n\nTYPE COPY\nTARGET_DATASOURCE e2e_renamed_target\nCOPY_MODE replace\nCOPY_SCHEDULE @on-demand\n',
    );
    // workspace.saveAll() only saves documents open in editors; the writer is not, so save each one.
    for (const [uri, d] of [[reader, readerDoc], [writer, writerDoc]] as const) {
      assert.equal(await d.save(), true, `${uri.path} saved`);
      const disk = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      assert.equal(disk, d.getText(), `${uri.path} on disk`);
    }

    // The language server follows: the new name resolves to the renamed file.
    const renamedPos = positionOf(readerDoc, 'FROM', 'e2e_renamed_target');
    const locations = await waitFor('the new name to resolve', async () => {
      const l = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', reader, renamedPos);
      return l.length > 0 && l;
    });
    assert.deepEqual(
      locations.map((l) => uriOf(l).toString()),
      [newFile.toString()],
    );
  });
});
