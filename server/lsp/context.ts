// What every handler module receives: the connection, the open documents, the session and the
// server's settings. Built once per server by createServer; nothing here is module-level state.
import type { CodeAction, Connection, Diagnostic, Range, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigStore } from '../diagnostics/config';
import type { FeatureContext } from '../features/context';
import type { FileFacts } from '../workspace/facts';
import type { Session } from '../session';

/** A module adding diagnostics (and their quick fixes) to the rules' own, e.g. the embedded ClickHouse's. */
export interface DiagnosticContributor {
  /** Its current diagnostics of a file, merged into what is published. */
  diagnostics(path: string): Diagnostic[];
  codeActions(file: FileFacts, uri: string, range: Range): CodeAction[];
  /** These files changed (or what they read did): their diagnostics are being re-computed. */
  changed(paths: readonly string[]): void;
  /** The settings changed. */
  reconfigure(): Promise<void>;
}

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
  client: ClientAbilities;
  /** The rules' diagnostics of each file, each in its own project. */
  diagnose(files: readonly FileFacts[]): Diagnostic[][];
  /** What a feature needs to answer about `file`: its project's index and rule options. */
  featureContext(file: FileFacts): FeatureContext;
  /** Re-computes and sends the diagnostics of these files (and refreshes lenses and tokens). */
  publish(paths: Iterable<string>): void;
  readonly contributors: DiagnosticContributor[];
  /** Sends the diagnostics of these files again, e.g. when a contributor's changed; contributors are not told. */
  resend(paths: Iterable<string>): void;
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
