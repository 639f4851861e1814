import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { Requests, type CompiledSql, type CompiledSqlParams } from '../../server/protocol';
import { CORPUS } from '../support/corpus';
import { startServer, type LspHarness } from '../support/lspClient';

// tinybird/compiledSql over stdio, on a workspace of one corpus pipe, following the open document as it is edited.
let workspace: string;
let server: LspHarness;
let uri: string;

before(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-compiled-'));
  fs.copyFileSync(path.join(CORPUS, 'pipes/leaderboards.pipe'), path.join(workspace, 'leaderboards.pipe'));
  uri = pathToFileURL(path.join(workspace, 'leaderboards.pipe')).href;
  server = await startServer(workspace);
});

after(async () => {
  await server.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

const compiled = (params: Omit<CompiledSqlParams, 'uri'>) => server.connection.sendRequest<CompiledSql>(Requests.compiledSql, { uri, ...params });

test('answers the rendered node, with parameters, and follows edits of the open document', async () => {
  const text = fs.readFileSync(new URL(uri), 'utf8');
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'tinybird-pipe', version: 1, text } });
  const before = await compiled({ node: 'leaderboards_list', params: { slug: 'linux' } });
  assert.ok(before.ok && before.sql.includes("AND l.slug = 'linux'"), JSON.stringify(before));
  const at = text.split('\n').findIndex((l) => l.includes('AND l.slug ='));
  await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: at, character: 0 }, end: { line: at + 1, character: 0 } }, text: '            AND l.name = {{ String(slug) }}\n' }],
  });
  const after = await compiled({ node: 'leaderboards_list', params: { slug: 'linux' } });
  assert.ok(after.ok && after.sql.includes("AND l.name = 'linux'") && !after.sql.includes('l.slug ='), JSON.stringify(after));
});

test('answers a template error as a value and refuses a file that is not a pipe', async () => {
  await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 3 },
    contentChanges: [{ text: 'NODE broken\nSQL >\n    %\n    SELECT {{ String(x }}\n' }],
  });
  const r = await compiled({ node: 'broken' });
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.node === 'broken' && r.line === 3, JSON.stringify(r));
  await assert.rejects(server.connection.sendRequest(Requests.compiledSql, { uri: pathToFileURL(path.join(workspace, 'none.pipe')).href, node: 'x' }), /is not a \.pipe file/);
});

test('hover on a parameter shows the value compiled SQL was last asked with, until it is asked without', async () => {
  await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 4 },
    contentChanges: [{ text: `NODE n\nSQL >\n    %\n    SELECT {{ String(slug, 'all', description="Leaderboard slug") }}\n` }],
  });
  const at = { textDocument: { uri }, position: { line: 3, character: 22 } };
  const hoverText = async () => ((await server.connection.sendRequest(HoverRequest.type, at))?.contents as MarkupContent | undefined)?.value;
  assert.equal(await hoverText(), '**parameter** `slug` — String · optional · default `all`\n\nLeaderboard slug');
  assert.ok((await compiled({ node: 'n', params: { slug: "o'k" } })).ok);
  assert.equal(await hoverText(), "**parameter** `slug` — String · optional · default `all`\n\nLeaderboard slug\n\n**Value** `o'k` → `'o\\'k'`");
  assert.ok((await compiled({ node: 'n' })).ok);
  assert.doesNotMatch((await hoverText()) ?? '', /Value/);
});
