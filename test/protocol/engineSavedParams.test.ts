// The client's saved parameter values reach the engine's analysis (Notifications.savedParams), from
// the built server over stdio with the real engine.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidOpenTextDocumentNotification, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { Notifications, Requests, type EngineProject, type SavedParams } from '../../server/protocol';
import { startServer, type LspHarness } from '../support/lspClient';
import { until } from '../support/until';

const PIPE = "NODE g\nSQL >\n    %\n    SELECT {{column(group_by, 'user_id')}} AS k, sum(amount) AS total FROM events GROUP BY k\n";
const FILES: Record<string, string> = {
  'datasources/events.datasource': 'SCHEMA >\n    `user_id` String,\n    `amount` Float64\n',
  'pipes/grouped.pipe': PIPE,
};

let workspace: string;
let server: LspHarness;
const pipeUri = () => pathToFileURL(path.join(workspace, 'pipes/grouped.pipe')).href;
const clickhouse = (): Diagnostic[] => (server.diagnostics.get(pipeUri())?.diagnostics ?? []).filter((d) => d.code === 'clickhouse');
const save = (values: Record<string, string>) => server.connection.sendNotification(Notifications.savedParams, { pipe: 'grouped', values } satisfies SavedParams);

before(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-engine-params-'));
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
    fs.writeFileSync(path.join(workspace, file), text);
  }
  server = await startServer(workspace, { window: { workDoneProgress: false } });
  await server.allPublished([pipeUri()]);
});

after(async () => {
  await server.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

test('a node clean in test mode is also analysed with the saved values; forgetting them clears the finding', async () => {
  void server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: pipeUri(), languageId: 'tinybird-pipe', version: 1, text: PIPE } });
  await until('the initial analysis', () => server.connection.sendRequest(Requests.engineProjects, {}) as Promise<EngineProject[]>, (ps) => ps[0]?.pipes === 1);
  assert.deepEqual(clickhouse(), [], 'clean in test mode');
  await save({ group_by: 'user_idd' });
  const [d] = await until('the saved-values finding', clickhouse, (ds) => ds.length > 0);
  assert.equal(d.message, 'with saved parameters: UNKNOWN_IDENTIFIER: Unknown expression identifier user_idd');
  await save({});
  await until('the finding gone', clickhouse, (ds) => ds.length === 0);
});
