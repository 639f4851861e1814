import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Requests, type ColumnLineageView, type LineageGraphView } from '../../server/protocol';
import { startServer, type LspHarness } from '../support/lspClient';

// The lineage view's requests, answered by the built server over stdio: events → events_mv (MV) →
// events_by_day → events_api (endpoint).
const FILES: Record<string, string> = {
  'datasources/events.datasource': 'SCHEMA >\n    `id` String,\n    `ts` DateTime\n',
  'datasources/events_by_day.datasource': 'SCHEMA >\n    `day` Date,\n    `n` UInt64\n\nENGINE SummingMergeTree\nENGINE_SORTING_KEY day\n',
  'pipes/events_mv.pipe': 'NODE daily\nSQL >\n    SELECT toDate(ts) AS day, count() AS n FROM events GROUP BY day\n\nTYPE materialized\nDATASOURCE events_by_day\n',
  'pipes/events_api.pipe': 'NODE api\nSQL >\n    SELECT day, sum(n) AS total FROM events_by_day GROUP BY day\n',
};

let workspace: string;
let server: LspHarness;
const uri = (file: string) => pathToFileURL(path.join(workspace, file)).href;

before(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-lineage-'));
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
    fs.writeFileSync(path.join(workspace, file), text);
  }
  server = await startServer(workspace);
});

after(async () => {
  await server.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

test('lineageGraph walks each direction to its own depth', async () => {
  const layers = async (upstream: number | 'all', downstream: number | 'all') => {
    const view = await server.connection.sendRequest<LineageGraphView>(Requests.lineageGraph, { uri: uri('pipes/events_mv.pipe'), upstream, downstream });
    return { layers: Object.fromEntries(view.nodes.map((n) => [n.id, n.layer])), cut: view.cut };
  };
  assert.deepEqual(await layers(1, 1), { layers: { events_mv: 0, events: -1, events_by_day: 1 }, cut: { upstream: 0, downstream: 1 } });
  assert.deepEqual(await layers(1, 'all'), { layers: { events_mv: 0, events: -1, events_by_day: 1, events_api: 2 }, cut: { upstream: 0, downstream: 0 } });
});

test('columnLineage answers a column\'s path by name or at a position, null elsewhere', async () => {
  const view = await server.connection.sendRequest<ColumnLineageView>(Requests.columnLineage, { uri: uri('datasources/events_by_day.datasource'), column: 'day' });
  assert.equal(view.root, 'events_by_day.day');
  assert.deepEqual(Object.fromEntries(view.nodes.map((n) => [n.id, [n.layer, n.detail]])), {
    'events_by_day.day': [0, 'Date'],
    'events_mv.daily': [-1, 'toDate(ts) AS day'],
    'events.ts': [-2, 'DateTime · raw'],
    events_api: [1, 'endpoint · 2 uses'],
  });
  // `ts` in the MV's SQL (line 2, after `toDate(`).
  const at = await server.connection.sendRequest<ColumnLineageView>(Requests.columnLineage, { uri: uri('pipes/events_mv.pipe'), position: { line: 2, character: 18 } });
  assert.equal(at.root, 'events.ts');
  assert.equal(await server.connection.sendRequest(Requests.columnLineage, { uri: uri('pipes/events_mv.pipe'), position: { line: 0, character: 1 } }), null);
});
