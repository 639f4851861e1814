// A real LSP client for protocol tests and benchmarks: over stdio to `node dist/server.js --stdio`
// (startServer), or over in-memory streams to a server created in this process (startInProcessServer).
import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
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
import { createConnection, StreamMessageReader as ServerReader, StreamMessageWriter as ServerWriter } from 'vscode-languageserver/node';
import { createServer } from '../../server/lsp/createServer';
import { REPO_ROOT } from './shared';

export const SERVER_JS = path.join(REPO_ROOT, 'dist/server.js');

/** A client connected to a server created in this process. */
export type InProcessHarness = Omit<LspHarness, 'child'>;

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
  return { ...(await drive(connection, workspaceRoot, capabilities, beforeInitialized, process.pid, async () => void child.kill())), child };
}

/** The same client talking to `createServer` in this process (handlers debuggable and covered in process). */
export async function startInProcessServer(workspaceRoot: string, capabilities: Record<string, unknown> = {}, beforeInitialized?: (connection: ProtocolConnection) => void): Promise<InProcessHarness> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(new ServerReader(toServer), new ServerWriter(toClient));
  createServer(serverConnection);
  serverConnection.listen();
  const connection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  // No processId: the server would poll its own process, a timer that keeps the test alive.
  return drive(connection, workspaceRoot, capabilities, beforeInitialized, null, async () => {
    serverConnection.dispose();
    toServer.end();
    toClient.end();
  });
}

async function drive(
  connection: ProtocolConnection,
  workspaceRoot: string,
  capabilities: Record<string, unknown>,
  beforeInitialized: ((connection: ProtocolConnection) => void) | undefined,
  processId: number | null,
  end: () => Promise<void>,
): Promise<InProcessHarness> {
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
    processId,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: path.basename(workspaceRoot) }],
    capabilities,
  });
  beforeInitialized?.(connection);
  await connection.sendNotification(InitializedNotification.type, {});
  return {
    connection,
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
      await end();
    },
  };
}
