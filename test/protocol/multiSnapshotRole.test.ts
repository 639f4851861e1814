// The multi-snapshot role is one derived fact: with `multiSnapshotDatasources` in the project's
// tinybird-lint.json, the datasource's hover, its code lens and the lineage view say so exactly when
// the reader gets a snapshot-filter diagnostic (they used to disagree: only the rule read the option).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeLensRequest, HoverRequest, type CodeLens, type Hover, type MarkupContent } from 'vscode-languageserver-protocol';
import { Requests, type LineageGraphView } from '../../server/protocol';
import { startInProcessServer, type InProcessHarness } from '../support/lspClient';

let root: string;
let server: InProcessHarness;
const uri = (file: string) => pathToFileURL(path.join(root, file)).href;

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-snapshots-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('tinybird-lint.json', JSON.stringify({ multiSnapshotDatasources: ['listed_ds'] }));
  // Nothing writes either datasource: only the option makes listed_ds multi-snapshot.
  write('datasources/listed_ds.datasource', 'SCHEMA >\n    `id` UInt64,\n    `snapshotId` DateTime\n');
  write('datasources/plain_ds.datasource', 'SCHEMA >\n    `id` UInt64,\n    `snapshotId` DateTime\n');
  write('pipes/reader.pipe', 'NODE listed\nSQL >\n    SELECT id FROM listed_ds\n\nNODE plain\nSQL >\n    SELECT id FROM plain_ds\n');
  server = await startInProcessServer(root);
  await server.allPublished([uri('pipes/reader.pipe')]);
});

after(async () => {
  await server.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

test('diagnostics, hover, code lens and lineage view agree on the multi-snapshot role', async () => {
  const flagged = server.diagnostics.get(uri('pipes/reader.pipe'))!.diagnostics.filter((d) => d.code === 'snapshot-filter').map((d) => d.range.start.line);
  assert.deepEqual(flagged, [2], 'listed_ds is read without a snapshot filter; plain_ds is a single snapshot');

  const hover = async (line: number, character: number) =>
    ((await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('pipes/reader.pipe') }, position: { line, character } })) as Hover).contents as MarkupContent;
  assert.match((await hover(2, 22)).value, /\*\*multi-snapshot\*\* \(filter on the latest `snapshotId`\)/);
  assert.match((await hover(6, 22)).value, /single snapshot \(`snapshotId`\)/);

  const lenses = async (file: string) =>
    ((await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri(file) } })) as CodeLens[]).map((l) => l.command?.title ?? '');
  assert.ok((await lenses('datasources/listed_ds.datasource')).some((t) => t.endsWith(' · multi-snapshot')));
  assert.ok(!(await lenses('datasources/plain_ds.datasource')).some((t) => t.includes('multi-snapshot')));

  const lineage = (await server.connection.sendRequest(Requests.lineageGraph, { uri: uri('datasources/listed_ds.datasource') })) as LineageGraphView;
  assert.match(lineage.nodes.find((n) => n.id === 'listed_ds')!.detail, /multi-snapshot/);
});
