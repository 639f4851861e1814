// ClickHouse's findings as you type, through the real language server: from opening a pipe to the
// engine's first full analysis, then one-node re-checks. Each edit renames a column of the pipe's
// first plain SELECT to a new unknown name, so nothing is served from the cache; the time is from
// didChange to the publish carrying ClickHouse's finding, minus the typing-pause debounce.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { ENGINE_DEBOUNCE_MS } from '../server/lsp/handlers/engineDiagnostics';
import { Notifications, Requests, type EngineProject, type EngineStatus } from '../server/protocol';
import { startServer, type LspHarness } from '../test/support/lspClient';
import { percentile } from './stats';
import type { WorkspaceFile } from './workspace';

export interface EngineLiveResult {
  pipe: string;
  /** Engines the server runs (one per project) and each one's resident memory after the re-checks. */
  engines: number;
  engineRssMb: string;
  openToReadyMs: number;
  readyMessage: string;
  edits: number;
  recheckP50Ms: number;
  recheckP95Ms: number;
  recheckMaxMs: number;
}

/** Pipes with a one-line `SELECT a, …` without templates, where a column can be renamed. */
function candidates(files: WorkspaceFile[]): { file: WorkspaceFile; line: number; character: number }[] {
  return files.flatMap((file) => {
    if (!file.path.endsWith('.pipe') || file.text.includes('{%') || file.text.includes('{{')) return [];
    const lines = file.text.split('\n');
    const line = lines.findIndex((l) => /^\s+SELECT\s+[a-z_]+\s*,/i.test(l));
    return line < 0 ? [] : [{ file, line, character: /^\s+SELECT\s+/i.exec(lines[line])![0].length }];
  });
}

async function until(server: LspHarness, uri: string, done: (p: PublishDiagnosticsParams) => boolean, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    const next = await Promise.race([server.nextDiagnostics(uri), new Promise<undefined>((r) => setTimeout(() => r(undefined), deadline - performance.now()))]);
    if (next && done(next)) return true;
  }
  return false;
}

/** Measures on a workspace already written under `root` (see writeWorkspace). */
export async function measureEngineLive(root: string, files: WorkspaceFile[], edits = 40): Promise<EngineLiveResult> {
  const server = await startServer(root);
  try {
    await server.allPublished(files.filter((f) => /\.(datasource|pipe|incl)$/.test(f.path)).map((f) => pathToFileURL(path.join(root, f.path)).href));
    let ready: (s: EngineStatus) => void = () => undefined;
    const readyOnce = new Promise<EngineStatus>((r) => (ready = r));
    server.connection.onNotification(Notifications.engineState, (s: EngineStatus) => s.state === 'ready' && ready(s));
    let version = 1;
    for (const { file, line, character } of candidates(files)) {
      const uri = pathToFileURL(path.join(root, file.path)).href;
      const t0 = performance.now();
      if (version === 1) {
        await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'tinybird-pipe', version, text: file.text } });
      }
      const status = await readyOnce;
      const openToReadyMs = performance.now() - t0;
      if (version > 1) await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'tinybird-pipe', version, text: file.text } });
      const oldName = /^[a-z_]+/i.exec(file.text.split('\n')[line].slice(character))![0];
      let current = oldName;
      const times: number[] = [];
      for (let k = 0; k < edits; k++) {
        const name = `zz_bench_${k}`;
        version++;
        const range = { start: { line, character }, end: { line, character: character + current.length } };
        const t1 = performance.now();
        await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text: name }] });
        current = name;
        const found = await until(server, uri, (p) => p.diagnostics.some((d) => d.code === 'clickhouse' && d.message.includes(name)), 5000);
        if (!found) break; // this pipe's node is not analysed (e.g. it reads an undefined name): try the next
        times.push(performance.now() - t1 - ENGINE_DEBOUNCE_MS);
      }
      if (times.length < edits) continue;
      times.sort((a, b) => a - b);
      const projects = (await server.connection.sendRequest(Requests.engineProjects, {})) as EngineProject[];
      const engineRssMb = projects.map((p) => `${path.basename(p.root)} ${Math.round((p.rssBytes ?? 0) / 2 ** 20)}`).join(', ');
      return { pipe: file.path, engines: projects.length, engineRssMb, openToReadyMs, readyMessage: status.message, edits, recheckP50Ms: percentile(times, 50), recheckP95Ms: percentile(times, 95), recheckMaxMs: times[times.length - 1] };
    }
    throw new Error('no pipe of the workspace could be re-checked');
  } finally {
    await server.stop();
  }
}
