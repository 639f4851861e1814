// Edit → diagnostics latency of the real language server (`node dist/server.js --stdio`): one-character
// edits to one pipe, each timed from the didChange notification to the publishDiagnostics of that
// document version. Needs `npm run build` first.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { WorkspaceIndex } from '../server/workspace/index';
import { startServer } from '../test/support/lspClient';
import { percentile } from './stats';
import type { WorkspaceFile } from './workspace';

export interface LatencyResult {
  edits: number;
  /** The edited pipe (relative path). */
  pipe: string;
  p50: number;
  p95: number;
  max: number;
}

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

/** The largest pipe with SQL (by size): the worst case for re-checking the edited file itself. */
export function largestPipe(files: WorkspaceFile[]): WorkspaceFile {
  const pipes = files.filter((f) => f.path.endsWith('.pipe') && /^\s*SQL\s*>/m.test(f.text));
  if (!pipes.length) throw new Error('no pipe with SQL in the workspace');
  return pipes.reduce((a, b) => (b.text.length > a.text.length ? b : a));
}

/** Measures on a workspace already written under `root` (see writeWorkspace). */
export async function measureDiagnosticsLatency(root: string, files: WorkspaceFile[], edits = 200, target = busiestPipe(files)): Promise<LatencyResult> {
  const uri = pathToFileURL(path.join(root, target.path)).href;
  const server = await startServer(root);
  try {
    await server.allPublished(files.map((f) => pathToFileURL(path.join(root, f.path)).href));
    const opened = server.nextDiagnostics(uri, 1);
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
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
      const range = { start: { line, character }, end: { line, character: insert ? character : character + 1 } };
      const version = k + 2;
      const done = server.nextDiagnostics(uri, version);
      const t0 = performance.now();
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range, text: insert ? ' ' : '' }],
      });
      await done;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { edits, pipe: target.path, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] };
  } finally {
    await server.stop();
  }
}
