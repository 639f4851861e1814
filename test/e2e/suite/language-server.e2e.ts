import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import { activeApi, closeAllEditors, openFile, waitFor } from './helpers';

/** The names of a document's symbols, as the server lists them (nested ones after their parent). */
async function symbolNames(doc: vscode.TextDocument): Promise<string[]> {
  const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', doc.uri)) ?? [];
  const names = (list: vscode.DocumentSymbol[]): string[] => list.flatMap((s) => [s.name, ...names(s.children ?? [])]);
  return names(symbols);
}

describe('language server', () => {
  after(closeAllEditors);

  it('starts: the client state is Running', async () => {
    const { client } = await activeApi();
    await waitFor('the language client to be running', () => client.state === State.Running, 20_000);
    assert.equal(client.isRunning(), true);
  });

  it('answered initialize as this server, with the capabilities it implements', async () => {
    const { client } = await activeApi();
    const result = client.initializeResult;
    assert.ok(result, 'initializeResult is set');
    assert.equal(result.serverInfo?.name, 'tinybird-datafiles');
    const caps = result.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } }, 'incremental sync');
    for (const provider of ['hoverProvider', 'definitionProvider', 'referencesProvider', 'documentSymbolProvider', 'documentFormattingProvider', 'workspaceSymbolProvider'] as const) {
      assert.equal(caps[provider], true, provider);
    }
    assert.deepEqual(caps.renameProvider, { prepareProvider: true });
    assert.equal(caps.completionProvider?.resolveProvider, true);
    assert.ok(caps.semanticTokensProvider && caps.semanticTokensProvider.legend.tokenTypes.length > 0, 'a semantic tokens legend');
  });

  it('stays running with datafiles of each kind open: no state change, and it answers about each file', async () => {
    const { client } = await activeApi();
    const changes: string[] = [];
    const listener = client.onDidChangeState((e) => changes.push(`${State[e.oldState]} → ${State[e.newState]}`));
    try {
      const pipe = await openFile('pipes/active_days.pipe');
      const datasource = await openFile('datasources/members.datasource');
      const include = await openFile('e2e/includes/e2e_window.incl');
      // A crash would restart the server (Running → Starting/Stopped → Running): every answer below comes after
      // the files were opened, and the state must not have changed meanwhile.
      const pipeSymbols = await waitFor('symbols of the pipe', async () => {
        const names = await symbolNames(pipe);
        return names.length > 0 && names;
      });
      assert.deepEqual(pipeSymbols, ['timeseries_generation_for_active_days', 'active_days_merged']);
      const datasourceSymbols = await symbolNames(datasource);
      assert.deepEqual([datasourceSymbols[0], datasourceSymbols[1], datasourceSymbols.at(-1)], ['SCHEMA', 'id', 'ENGINE_VER']);
      assert.deepEqual(await symbolNames(include), ['e2e_window']);
      assert.deepEqual(changes, []);
      assert.equal(client.state, State.Running);
    } finally {
      listener.dispose();
    }
  });
});
