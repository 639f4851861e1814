// ClickHouse's findings as you type, from the built server over stdio with the real engine.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ShowMessageNotification, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { Notifications, type EngineStatus } from '../../server/protocol';
import { startServer, type LspHarness } from '../support/lspClient';

const TYPO = 'NODE base\nSQL >\n    SELECT user_id FROM events\n\nNODE bad\nSQL >\n    SELECT user_idd, amount FROM base\n';
const FILES: Record<string, string> = {
  'datasources/events.datasource': 'SCHEMA >\n    `user_id` String,\n    `amount` Float64\n\nENGINE MergeTree\nENGINE_SORTING_KEY user_id\n',
  'pipes/typo.pipe': TYPO,
  'pipes/clean.pipe': 'NODE c\nSQL >\n    SELECT user_id, sum(amount) AS total FROM events GROUP BY user_id\n',
};

let workspace: string;
let server: LspHarness;
const states: EngineStatus[] = [];
const uri = (file: string) => pathToFileURL(path.join(workspace, file)).href;
const clickhouse = (p: PublishDiagnosticsParams | undefined): Diagnostic[] => (p?.diagnostics ?? []).filter((d) => d.code === 'clickhouse');

/** The first publish of `file` (from now on, or the latest one) that satisfies `done`. */
async function diagnosticsUntil(file: string, done: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
  const latest = server.diagnostics.get(uri(file));
  if (latest && done(latest)) return latest;
  for (;;) {
    const next = await server.nextDiagnostics(uri(file));
    if (done(next)) return next;
  }
}

function open(file: string): void {
  void server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: uri(file), languageId: 'tinybird-pipe', version: 1, text: FILES[file] },
  });
}

before(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-engine-lsp-'));
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
    fs.writeFileSync(path.join(workspace, file), text);
  }
  server = await startServer(workspace, { window: { workDoneProgress: false } });
  server.connection.onNotification(Notifications.engineState, (s: EngineStatus) => states.push(s));
  await server.allPublished(Object.keys(FILES).map(uri));
});

after(async () => {
  await server.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

test('an unknown column gets a clickhouse diagnostic on the identifier once a file is open; a clean file none', async () => {
  assert.deepEqual(clickhouse(server.diagnostics.get(uri('pipes/typo.pipe'))), [], 'no engine before a datafile is opened');
  open('pipes/typo.pipe');
  const typo = await diagnosticsUntil('pipes/typo.pipe', (p) => clickhouse(p).length > 0);
  const [d] = clickhouse(typo);
  assert.equal(clickhouse(typo).length, 1);
  assert.equal(d.message, 'UNKNOWN_IDENTIFIER: Unknown expression identifier user_idd');
  assert.equal(d.severity, 1);
  assert.deepEqual(d.range, { start: { line: 6, character: 11 }, end: { line: 6, character: 19 } });
  assert.equal(d.source, 'tinybird');
  assert.ok(states.some((s) => s.state === 'starting'));
  await new Promise((r) => setTimeout(r, 300)); // the clean file's analysis was in the same batch
  assert.deepEqual(clickhouse(server.diagnostics.get(uri('pipes/clean.pipe'))), []);
  assert.equal(states.at(-1)?.state, 'ready');
  assert.match(states.at(-1)!.message, /2 pipes checked, 1 finding\./);
});

test("ClickHouse's suggestion is a preferred quick fix", async () => {
  const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: uri('pipes/typo.pipe') },
    range: { start: { line: 6, character: 12 }, end: { line: 6, character: 12 } },
    context: { diagnostics: [] },
  })) as { title: string; isPreferred?: boolean; edit?: { changes: Record<string, { newText: string }[]> } }[];
  const fix = actions.find((a) => a.title === 'Change to user_id');
  assert.ok(fix, `actions: ${actions.map((a) => a.title).join(', ')}`);
  assert.equal(fix.isPreferred, true);
  assert.deepEqual(fix.edit!.changes[uri('pipes/typo.pipe')].map((e) => e.newText), ['user_id']);
});

function edit(version: number, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): void {
  void server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri: uri('pipes/typo.pipe'), version },
    contentChanges: [{ range, text }],
  });
}

test('an edit is re-checked after the typing pause; a stale finding is never shown on the new text', async () => {
  // `user_idd` → `user_id`, and `amount` → `amountt`: one finding goes, another comes.
  edit(2, { start: { line: 6, character: 11 }, end: { line: 6, character: 19 } }, 'user_id');
  edit(3, { start: { line: 6, character: 20 }, end: { line: 6, character: 26 } }, 'amountt');
  const first = await server.nextDiagnostics(uri('pipes/typo.pipe'), 3);
  assert.deepEqual(clickhouse(first), []);
  const rechecked = await diagnosticsUntil('pipes/typo.pipe', (p) => clickhouse(p).length > 0);
  assert.deepEqual(
    clickhouse(rechecked).map((d) => [d.message, d.range]),
    [['UNKNOWN_IDENTIFIER: Unknown expression identifier amountt', { start: { line: 6, character: 20 }, end: { line: 6, character: 27 } }]],
  );
});

test('a crashed engine is restarted once and reported; findings keep coming', async () => {
  const children = fs.readFileSync(`/proc/${server.child.pid}/task/${server.child.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
  assert.equal(children.length, 1, 'the server runs one engine process');
  const warned = new Promise<string>((resolve) => server.connection.onNotification(ShowMessageNotification.type, (m) => resolve(m.message)));
  process.kill(children[0], 'SIGKILL');
  assert.match(await warned, /^The embedded ClickHouse of tb-engine-lsp-\w+ crashed and was restarted: engine exited \(SIGKILL\)/);
  edit(4, { start: { line: 6, character: 20 }, end: { line: 6, character: 27 } }, 'amount_x');
  const rechecked = await diagnosticsUntil('pipes/typo.pipe', (p) => p.version === 4 && clickhouse(p).length > 0);
  assert.equal(clickhouse(rechecked)[0].message, 'UNKNOWN_IDENTIFIER: Unknown expression identifier amount_x');
});
