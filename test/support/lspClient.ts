// A real LSP client over stdio for protocol tests and benchmarks: spawns `node dist/server.js --stdio`.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { REPO_ROOT } from './shared';

export const SERVER_JS = path.join(REPO_ROOT, 'dist/server.js');

export interface LspHarness {
  connection: ProtocolConnection;
  child: ChildProcess;
  /** Latest diagnostics per URI. */
  diagnostics: Map<string, PublishDiagnosticsParams>;
  /** Every publishDiagnostics received, in order. */
  published: PublishDiagnosticsParams[];
  /** Resolves when a publishDiagnostics for `uri` (of that document version, if given) arrives after this call. */
  nextDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams>;
  /** Resolves once diagnostics were published for every URI in the set. */
  allPublished(uris: Iterable<string>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `beforeInitialized` registers client-side handlers (e.g. for server requests) before the server starts its work;
 * `serverJs` is another copy of the bundle (e.g. one outside the repository, where chDB cannot be found).
 */
export async function startServer(workspaceRoot: string, capabilities: Record<string, unknown> = {}, beforeInitialized?: (connection: ProtocolConnection) => void, serverJs = SERVER_JS): Promise<LspHarness> {
  if (!fs.existsSync(serverJs)) throw new Error(`${serverJs} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics = new Map<string, PublishDiagnosticsParams>();
  const published: PublishDiagnosticsParams[] = [];
  const waiters: { uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  let onAny: (() => void) | undefined;
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    diagnostics.set(params.uri, params);
    published.push(params);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w.uri === params.uri && (w.version === undefined || w.version === params.version)) waiters.splice(i, 1)[0].resolve(params);
    }
    onAny?.();
  });
  connection.listen();
  const rootUri = pathToFileURL(workspaceRoot).href;
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: path.basename(workspaceRoot) }],
    capabilities,
  });
  beforeInitialized?.(connection);
  await connection.sendNotification(InitializedNotification.type, {});
  return {
    connection,
    child,
    diagnostics,
    published,
    nextDiagnostics: (uri, version) => new Promise((resolve) => waiters.push({ uri, version, resolve })),
    allPublished: (uris) => {
      const wanted = new Set(uris);
      return new Promise((resolve) => {
        const check = () => {
          if ([...wanted].every((u) => diagnostics.has(u))) {
            onAny = undefined;
            resolve();
          }
        };
        onAny = check;
        check();
      });
    },
    stop: async () => {
      connection.dispose();
      child.kill();
    },
  };
}
