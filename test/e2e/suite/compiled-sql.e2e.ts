import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, openFile, waitFor } from './helpers';

// "Tinybird: Show Compiled SQL": a read-only SQL document beside the pipe, following edits of the pipe
// and the toggle between the node's SQL and the resolved query. Fixture: e2e/e2e_events_by_kind.pipe,
// whose node reads e2e_window, a templated node of an included .incl.

const PIPE = 'e2e/e2e_events_by_kind.pipe';
const compiledEditor = () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'tinybird-compiled');

describe('compiled SQL', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await closeAllEditors();
  });

  it('opens the node SQL as SQL, toggles to the resolved query and follows edits', async () => {
    await activeApi();
    const pipe = await openFile(PIPE);
    await vscode.commands.executeCommand('tinybird.showCompiledSql', pipe.uri.toString(), 'e2e_count');
    const editor = await waitFor('the compiled SQL editor', compiledEditor);
    const doc = editor.document;
    assert.equal(doc.languageId, 'sql');
    assert.equal(doc.uri.path, '/e2e_events_by_kind/e2e_count.sql');
    await waitFor('the node SQL', () => doc.getText().includes('FROM e2e_window'));
    assert.match(doc.getText(), /^-- node SQL of e2e_count · test mode/);

    await vscode.commands.executeCommand('tinybird.toggleCompiledSqlResolved', doc.uri);
    await waitFor('the resolved query', () => doc.getText().includes("WHERE timestamp >= '2024-01-01 00:00:00'\n) AS e2e_window"), 10_000)
      .catch(() => assert.fail(`resolved text was:\n${doc.getText()}`));

    await vscode.window.showTextDocument(pipe);
    const at = pipe.getText().indexOf('GROUP BY kind');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(pipe.uri, pipe.positionAt(at), 'HAVING total > 1\n    ');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the edit in the compiled SQL', () => doc.getText().includes('HAVING total > 1'), 10_000);
  });
});
