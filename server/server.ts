// The language server over stdio (or the transport the client chose). dist/server.js loads this
// bundle (dist/server-core.js) through V8's code cache and calls startServer; run directly, it starts itself.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createServer } from './lsp/createServer';

/** Starts one server; `onSettled` runs once the initial scan's diagnostics are all sent. */
export function startServer(onSettled?: () => void): void {
  const connection = createConnection(ProposedFeatures.all);
  createServer(connection, { onSettled });
  connection.listen();
}

if (require.main === module) startServer();
