// Extension entry: starts the language server and registers the commands.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { registerTinybirdCommands } from './commands';
import type { ParamsForms } from './commands/paramsPanel';
import { PipeTestExplorer } from './commands/testExplorer';
import { registerLineage } from './lineage/command';

export const LANGUAGE_IDS = ['tinybird-datasource', 'tinybird-pipe', 'tinybird-include'] as const;

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient; paramsForms: ParamsForms; tests: PipeTestExplorer }> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // The server keeps V8's code cache of its bundle in the extension's own storage.
  const args = ['--code-cache-dir', context.globalStorageUri.fsPath];
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio, args },
    debug: { module: serverModule, transport: TransportKind.stdio, args, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGE_IDS.map((language) => ({ scheme: 'file', language })),
    // Hovers link "+N more" and "Show column lineage" to the lineage view: these commands may run from server markdown.
    markdown: { isTrusted: { enabledCommands: ['tinybird.showLineage', 'tinybird.showColumnLineage'] } },
    synchronize: {
      configurationSection: 'tinybird',
      // Datafiles changed outside the editor (git checkout, tb pull) keep the index current.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{datasource,pipe,incl}'),
    },
  };
  client = new LanguageClient('tinybird', 'Tinybird Datafiles', serverOptions, clientOptions);
  await client.start();
  const { paramsForms } = registerTinybirdCommands(context, client);
  registerLineage(context, client);
  const tests = new PipeTestExplorer(client);
  context.subscriptions.push(tests, { dispose: () => void client?.stop() });
  return { client, paramsForms, tests };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
