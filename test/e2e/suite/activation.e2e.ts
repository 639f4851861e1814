import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, EXTENSION_ID, getExtension, openFile } from './helpers';

describe('activation', () => {
  after(closeAllEditors);

  it('loads the extension under development', () => {
    const ext = getExtension();
    assert.equal(ext.id, EXTENSION_ID);
    assert.equal(ext.packageJSON.main, './dist/extension.js');
  });

  it('activates once a .pipe is open', async () => {
    const doc = await openFile('pipes/ping.pipe');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString());
    const api = await activeApi();
    assert.ok(api.client, 'activate() returns the language client');
  });
});
