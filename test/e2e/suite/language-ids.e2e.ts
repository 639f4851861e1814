import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openFile } from './helpers';

describe('language ids', () => {
  after(closeAllEditors);

  it('registers the three Tinybird languages', async () => {
    const ids = await vscode.languages.getLanguages();
    for (const id of ['tinybird-pipe', 'tinybird-datasource', 'tinybird-include']) {
      assert.ok(ids.includes(id), `${id} is a known language`);
    }
  });

  const cases: Array<[file: string, languageId: string]> = [
    ['pipes/ping.pipe', 'tinybird-pipe'],
    ['e2e/e2e_events_by_kind.pipe', 'tinybird-pipe'],
    ['datasources/members.datasource', 'tinybird-datasource'],
    ['e2e/e2e_events.datasource', 'tinybird-datasource'],
    ['e2e/includes/e2e_window.incl', 'tinybird-include'],
  ];
  for (const [file, languageId] of cases) {
    it(`opens ${file} as ${languageId}`, async () => {
      const doc = await openFile(file);
      assert.equal(doc.languageId, languageId);
      assert.equal(vscode.window.activeTextEditor?.document.languageId, languageId);
    });
  }
});
