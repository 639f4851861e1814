import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, DocumentSymbolRequest, LSPErrorCodes, ReferencesRequest, ResponseError, WorkspaceSymbolRequest, type Location } from 'vscode-languageserver-protocol/node';
import { Requests, type LineageGraphView } from '../../server/protocol';
import { CORPUS } from '../support/corpus';
import { startServer, type LspHarness } from '../support/lspClient';

// `$/cancelRequest` over stdio: requests sent right after `initialized` wait for the scan of the
// corpus, and one cancelled meanwhile gets RequestCancelled; the others are still answered.
const pipe = path.join(CORPUS, 'pipes/activities_relations_filtered.pipe');
const uri = pathToFileURL(pipe).href;
const lines = fs.readFileSync(pipe, 'utf8').split('\n');
const line = lines.findIndex((l) => l.includes('FROM activityRelations_by_member_ds'));
const at = { textDocument: { uri }, position: { line, character: lines[line].indexOf('activityRelations_by_member_ds') + 3 }, context: { includeDeclaration: true } };

let server: LspHarness;
before(async () => {
  server = await startServer(CORPUS);
});
after(() => server.stop());

/** The error code a request was rejected with, or 'answered'. */
async function outcome(request: Promise<unknown>): Promise<number | 'answered'> {
  try {
    await request;
    return 'answered';
  } catch (err) {
    assert.ok(err instanceof ResponseError, String(err));
    return err.code;
  }
}

test('cancelled while waiting for the scan, references, workspace symbols and the lineage graph answer RequestCancelled; the same requests uncancelled answer', async () => {
  const c = server.connection;
  const sources = [new CancellationTokenSource(), new CancellationTokenSource(), new CancellationTokenSource()];
  const cancelled = [
    c.sendRequest(ReferencesRequest.type, at, sources[0].token),
    c.sendRequest(WorkspaceSymbolRequest.type, { query: '' }, sources[1].token),
    c.sendRequest(Requests.lineageGraph, { uri, upstream: 'all', downstream: 'all' }, sources[2].token),
  ];
  const kept = c.sendRequest(ReferencesRequest.type, at);
  for (const s of sources) s.cancel();
  assert.deepEqual(await Promise.all(cancelled.map(outcome)), [LSPErrorCodes.RequestCancelled, LSPErrorCodes.RequestCancelled, LSPErrorCodes.RequestCancelled]);
  const references = (await kept) as Location[];
  assert.ok(references.length > 1, `references of activityRelations_by_member_ds: ${JSON.stringify(references)}`);
  const graph = (await c.sendRequest(Requests.lineageGraph, { uri, upstream: 'all', downstream: 'all' })) as LineageGraphView | null;
  assert.ok(graph && graph.nodes.length > 1, 'the lineage graph of the pipe, asked again');
});

test('a request that needs no other file is answered even while the scan runs, and cancelling an answered request changes nothing', async () => {
  const source = new CancellationTokenSource();
  const symbols = await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }, source.token);
  source.cancel();
  assert.ok(Array.isArray(symbols) && symbols.length > 0);
  assert.equal(await outcome(server.connection.sendRequest(ReferencesRequest.type, at)), 'answered');
});
