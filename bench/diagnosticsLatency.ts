// Edit → diagnostics latency of the real language server: `node dist/server.js --stdio` on a
// workspace written to a temporary folder, 200 one-character edits to one pipe, each timed from the
// didChange notification to the publishDiagnostics of that pipe. Needs `npm run build` first.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { WorkspaceIndex } from '../server/workspace/index';

export interface WorkspaceFile {
  /** Path relative to the workspace root. */
  path: string;
  text: string;
}

export interface LatencyResult {
  files: number;
  edits: number;
  /** The edited pipe (relative path). */
  pipe: string;
  p50: number;
  p95: number;
  max: number;
  /** Time until the server published diagnostics for every file after startup. */
  initialMs: number;
}

const SERVER = path.resolve(__dirname, '..', 'dist', 'server.js');

/** The pipe whose edit re-checks the most files: readers and writers of its name and of the datasources it writes. */
export function busiestPipe(files: WorkspaceFile[]): WorkspaceFile {
  const index = new WorkspaceIndex();
  for (const f of files) index.update(f.path, f.text);
  let best: { file: WorkspaceFile; fanOut: number } | undefined;
  for (const f of files) {
    const facts = index.get(f.path);
    if (facts?.role !== 'pipe' || !facts.nodes.some((n) => n.node.sql)) continue;
    const names = [facts.name, ...facts.nodes.flatMap((n) => (n.target ? [n.target.name] : []))];
    const fanOut = new Set(names.flatMap((n) => [...index.readersOf(n), ...index.writersOf(n)].map((e) => e.file.path))).size;
    if (!best || fanOut > best.fanOut) best = { file: f, fanOut };
  }
  if (!best) throw new Error('no pipe with SQL in the workspace');
  return best.file;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export async function measureDiagnosticsLatency(
  files: WorkspaceFile[],
  options: { edits?: number; pipe?: string } = {},
): Promise<LatencyResult> {
  const edits = options.edits ?? 200;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-latency-'));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(root, f.path)), { recursive: true });
    fs.writeFileSync(path.join(root, f.path), f.text);
  }
  const target = options.pipe ? files.find((f) => f.path === options.pipe)! : busiestPipe(files);
  const uri = pathToFileURL(path.join(root, target.path)).href;
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Set<string>();
  let waiter: { uri: string; resolve: () => void } | undefined;
  connection.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
    published.add(p.uri);
    if (waiter && waiter.uri === p.uri) {
      const w = waiter;
      waiter = undefined;
      w.resolve();
    }
  });
  const next = (u: string) => new Promise<void>((resolve) => (waiter = { uri: u, resolve }));
  connection.listen();
  try {
    const started = performance.now();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'bench' }],
      capabilities: {},
    });
    const initial = next(uri);
    await connection.sendNotification(InitializedNotification.type, {});
    await initial;
    const datafiles = files.filter((f) => /\.(datasource|pipe|incl)$/.test(f.path)).length;
    while (published.size < datafiles) await new Promise((r) => setTimeout(r, 5));
    const initialMs = performance.now() - started;

    const opened = next(uri);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'tinybird-pipe', version: 1, text: target.text },
    });
    await opened;
    // Alternately insert and delete a space at the end of the first SQL line.
    const lines = target.text.split('\n');
    const line = lines.findIndex((_l, k) => k > 0 && /^\s*SQL\s*>/.test(lines[k - 1]));
    const character = lines[line].length;
    const times: number[] = [];
    for (let k = 0; k < edits; k++) {
      const insert = k % 2 === 0;
      const range = insert
        ? { start: { line, character }, end: { line, character } }
        : { start: { line, character }, end: { line, character: character + 1 } };
      const done = next(uri);
      const t0 = performance.now();
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: k + 2 },
        contentChanges: [{ range, text: insert ? ' ' : '' }],
      });
      await done;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { files: files.length, edits, pipe: target.path, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1], initialMs };
  } finally {
    connection.dispose();
    child.kill();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Reads every datafile under a folder as a workspace. */
export function readWorkspace(dir: string): WorkspaceFile[] {
  const out: WorkspaceFile[] = [];
  const visit = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) visit(full);
      else if (/\.(datasource|pipe|incl)$/.test(e.name)) out.push({ path: path.relative(dir, full), text: fs.readFileSync(full, 'utf8') });
    }
  };
  visit(dir);
  return out;
}

if (require.main === module) {
  const dir = process.argv[2] ?? path.resolve(__dirname, '..', '..', 'shared', 'corpus', 'crowd.dev');
  measureDiagnosticsLatency(readWorkspace(dir)).then(
    (r) => console.log(JSON.stringify(r, (_k, v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v), 2)),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
