// The language server's entry point: one server over stdio (or the transport the client chose).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createServer } from './lsp/createServer';

const connection = createConnection(ProposedFeatures.all);
createServer(connection);
connection.listen();
