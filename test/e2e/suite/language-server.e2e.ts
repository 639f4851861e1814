import * as assert from 'node:assert/strict';
import { State } from 'vscode-languageclient/node';
import { activeApi, closeAllEditors, openFile, waitFor } from './helpers';

describe('language server', () => {
  after(closeAllEditors);

  it('starts: the client state is Running', async () => {
    const { client } = await activeApi();
    await waitFor('the language client to be running', () => client.state === State.Running, 20_000);
    assert.equal(client.isRunning(), true);
  });

  it('answered initialize with its capabilities', async () => {
    const { client } = await activeApi();
    const result = client.initializeResult;
    assert.ok(result, 'initializeResult is set');
    assert.ok(result.capabilities.textDocumentSync !== undefined, 'the server declares text document sync');
  });

  it('stays running with datafiles of each kind open', async () => {
    const { client } = await activeApi();
    await openFile('pipes/active_days.pipe');
    await openFile('datasources/members.datasource');
    await openFile('e2e/includes/e2e_window.incl');
    // Give a crashing server time to die and the client time to notice.
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(client.state, State.Running);
  });
});
