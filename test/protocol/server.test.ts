import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  type DocumentSymbol,
} from 'vscode-languageserver-protocol/node';
import { Requests, type ProjectGraph } from '../../server/protocol';
import { CORPUS } from '../support/corpus';
import { startServer, type LspHarness } from '../support/lspClient';

// The built server, spawned as an editor would, on a copy of the corpus.
let workspace: string;
let server: LspHarness;
let uris: string[];

before(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-protocol-'));
  fs.cpSync(CORPUS, workspace, { recursive: true });
  uris = ['datasources', 'pipes'].flatMap((dir) =>
    fs
      .readdirSync(path.join(workspace, dir))
      .filter((f) => /\.(datasource|pipe)$/.test(f))
      .map((f) => pathToFileURL(path.join(workspace, dir, f)).href),
  );
  server = await startServer(workspace);
});

after(async () => {
  await server.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

test('diagnostics arrive for every datafile of the workspace, open or not, with one error: the template error of activities_relations_filtered', async () => {
  assert.equal(uris.length, 427);
  await server.allPublished(uris);
  const errors = uris.flatMap((u) =>
    server.diagnostics.get(u)!.diagnostics.filter((d) => d.severity === 1).map((d) => `${path.basename(new URL(u).pathname)}:${d.range.start.line + 1} ${d.code}`),
  );
  assert.deepEqual(errors, ['activities_relations_filtered.pipe:120 template-error']);
});

test('an edit to an open file republishes its diagnostics with the syntax error', async () => {
  const uri = uris.find((u) => u.endsWith('/pipes/sitemap_leaderboards.pipe'))!;
  const text = fs.readFileSync(new URL(uri), 'utf8');
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'tinybird-pipe', version: 1, text } });
  const published = server.nextDiagnostics(uri, 2);
  await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'BOGUS_KEYWORD x\n' }],
  });
  const diagnostics = (await published).diagnostics;
  assert.ok(diagnostics.some((d) => d.message === 'BOGUS_KEYWORD is not a valid option' && d.range.start.line === 0));
});

test('document symbols list the nodes of a pipe', async () => {
  const uri = uris.find((u) => u.endsWith('/pipes/leaderboards_stars.pipe'))!;
  const symbols = (await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
  assert.ok(symbols.some((s) => s.name === 'leaderboards_copy_github_stars' && s.detail?.startsWith('copy')));
});

test('the project graph orders nothing itself but lists every resource with its dependencies', async () => {
  const graph = (await server.connection.sendRequest(Requests.projectGraph, {})) as ProjectGraph;
  assert.equal(graph.resources.length, 427);
  const stars = graph.resources.find((r) => r.name === 'leaderboards_stars')!;
  assert.ok(stars.dependsOn.includes('leaderboards_copy_ds'));
});
