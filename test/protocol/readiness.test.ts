import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  DefinitionRequest,
  DidOpenTextDocumentNotification,
  HoverRequest,
  ReferencesRequest,
  WorkDoneProgressCreateRequest,
  type Hover,
  type Location,
  type ProtocolConnection,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol/node';
import { Requests, type ProjectGraph } from '../../server/protocol';
import { CORPUS } from '../support/corpus';
import { startServer, type LspHarness } from '../support/lspClient';

// Requests sent right after `initialized`, before the initial scan of the corpus can have finished,
// must get the answers of the fully indexed workspace.
const pipe = path.join(CORPUS, 'pipes/activities_relations_filtered.pipe');
const uri = pathToFileURL(pipe).href;
const text = fs.readFileSync(pipe, 'utf8');
const lines = text.split('\n');
const line = lines.findIndex((l) => l.includes('FROM activityRelations_by_member_ds'));
const position = { line, character: lines[line].indexOf('activityRelations_by_member_ds') + 3 };

interface Answers {
  hover: Hover | null;
  definition: Location[];
  references: Location[];
  graph: ProjectGraph;
}

function ask(server: LspHarness): Promise<Answers> {
  const c = server.connection;
  const at = { textDocument: { uri }, position };
  return Promise.all([
    c.sendRequest(HoverRequest.type, at),
    c.sendRequest(DefinitionRequest.type, at),
    c.sendRequest(ReferencesRequest.type, { ...at, context: { includeDeclaration: true } }),
    c.sendRequest(Requests.projectGraph, {}),
  ]).then(([hover, definition, references, graph]) => ({ hover, definition: definition as Location[], references: references ?? [], graph: graph as ProjectGraph }));
}

let server: LspHarness;
let early: Answers;
/** Work-done progress values by token (other work, e.g. the engine, reports its own). */
const progressByToken = new Map<string | number, (WorkDoneProgressReport | { kind: string; message?: string })[]>();

function listenForProgress(connection: ProtocolConnection): void {
  connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
  connection.onNotification('$/progress', (p: { token: string | number; value: { kind: string; message?: string } }) => {
    progressByToken.set(p.token, [...(progressByToken.get(p.token) ?? []), p.value]);
  });
}

before(async () => {
  server = await startServer(CORPUS, { window: { workDoneProgress: true } }, listenForProgress);
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'tinybird-pipe', version: 1, text } });
  early = await ask(server);
});

after(() => server.stop());

test('requests sent right after initialized answer as the fully indexed workspace does', async () => {
  assert.equal(early.graph.resources.length, 427);
  const hover = JSON.stringify(early.hover);
  assert.ok(!hover.includes('not defined'), hover);
  assert.match(hover, /activityRelations_by_member_ds/);
  assert.ok(early.definition.some((l) => l.uri.endsWith('/datasources/activityRelations_by_member_ds.datasource')), JSON.stringify(early.definition));
  assert.ok(early.references.length > 1);
  await server.allPublished([uri]);
  assert.deepEqual(early, await ask(server));
});

test('no diagnostic is published that the finished index would not give', async () => {
  const datasources = fs
    .readdirSync(path.join(CORPUS, 'datasources'))
    .filter((f) => f.endsWith('.datasource'))
    .map((f) => pathToFileURL(path.join(CORPUS, 'datasources', f)).href);
  await server.allPublished([uri, ...datasources]);
  const final = JSON.stringify(server.diagnostics.get(uri)!.diagnostics);
  const ofPipe = server.published.filter((p) => p.uri === uri);
  for (const p of ofPipe) assert.equal(JSON.stringify(p.diagnostics), final);
  assert.ok(!ofPipe.some((p) => p.diagnostics.some((d) => d.code === 'unresolved-reference' || d.code === 'unknown-target-datasource')));
});

test('the scan is reported as work-done progress, up to every file', () => {
  const progress = [...progressByToken.values()].find((values) => values.some((v) => v.message?.startsWith('Indexing'))) ?? [];
  assert.equal(progress[0]?.kind, 'begin');
  assert.equal(progress.at(-1)?.kind, 'end');
  const messages = progress.flatMap((p) => (p.message ? [p.message] : []));
  assert.ok(messages.includes('Indexing 427/427'), messages.join(', '));
  assert.ok(messages.some((m) => /^Indexing \d+\/427$/.test(m) && m !== 'Indexing 427/427'));
});
