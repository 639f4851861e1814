// What every handler module receives: the connection, the open documents, the session and the
// server's settings. Built once per server by createServer; nothing here is module-level state.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigStore } from '../diagnostics/config';
import type { FileFacts } from '../workspace/facts';
import type { Session } from '../session';

/** What the client said it can do, read from `initialize`. */
export interface ClientAbilities {
  renameFiles: boolean;
  pullConfiguration: boolean;
  watchFiles: boolean;
  refreshCodeLens: boolean;
  refreshSemanticTokens: boolean;
  workspaceFolders: boolean;
}

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly session: Session;
  readonly config: ConfigStore;
  /** Workspace folders as paths; set by `initialize`. */
  roots: string[];
  client: ClientAbilities;
  /** Re-computes and sends the diagnostics of these files (and refreshes lenses and tokens). */
  publish(paths: Iterable<string>): void;
}

export const NO_ABILITIES: ClientAbilities = {
  renameFiles: false,
  pullConfiguration: false,
  watchFiles: false,
  refreshCodeLens: false,
  refreshSemanticTokens: false,
  workspaceFolders: false,
};

/** The indexed file and offset of a text position. */
export interface FilePosition {
  file: FileFacts;
  offset: number;
}
