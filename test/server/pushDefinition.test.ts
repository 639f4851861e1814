import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pushDefinition, UnpushableFile } from '../../server/features/pushDefinition';
import { WorkspaceIndex } from '../../server/workspace/index';
import { corpusFiles } from '../support/corpus';

const index = new WorkspaceIndex();
for (const f of corpusFiles()) index.update(f.path, f.text);

test('a datasource: canonical schema, format, engine args and tokens', () => {
  const def = pushDefinition(index, index.datasource('leaderboards_copy_ds')!);
  assert.equal(def.kind, 'datasource');
  if (def.kind !== 'datasource') return;
  assert.equal(def.name, 'leaderboards_copy_ds');
  assert.match(def.schema, /^`[^`]+` [^,]+(,`[^`]+` [^,]+)*/);
  assert.equal(def.schema.split(',`').length, index.datasource('leaderboards_copy_ds')!.parsed.nodes[0].schema!.columns.length);
  assert.ok(def.engine?.type);
});

test('a copy pipe: node type, target, mode and schedule', () => {
  const def = pushDefinition(index, index.pipe('leaderboards_stars')!);
  assert.equal(def.kind, 'pipe');
  if (def.kind !== 'pipe') return;
  const copy = def.nodes.find((n) => n.type === 'copy')!;
  assert.deepEqual([copy.targetDatasource, copy.copyMode, copy.copySchedule], ['leaderboards_copy_ds', 'append', '10 3 * * *']);
  assert.ok(copy.sql.length > 0);
});

test('VERSION renames, sink export params get tb defaults, errors are refused', () => {
  const local = new WorkspaceIndex();
  local.update('/p/v.datasource', 'VERSION 2\nSCHEMA >\n    `a` String `json:$.a`\n');
  const ds = pushDefinition(local, local.get('/p/v.datasource')!);
  assert.equal(ds.name, 'v__v2');
  assert.equal(ds.kind === 'datasource' && ds.format, 'ndjson');
  local.update('/p/s.pipe', 'NODE n\nSQL >\n    SELECT 1\nTYPE sink\nEXPORT_SERVICE kafka\nEXPORT_CONNECTION_NAME conn\nEXPORT_KAFKA_TOPIC t\n');
  const sink = pushDefinition(local, local.get('/p/s.pipe')!);
  assert.deepEqual(sink.kind === 'pipe' && sink.exportParams, { format: 'csv', strategy: '@new', service: 'kafka', connection: 'conn', kafka_topic: 't' });
  local.update('/p/bad.pipe', 'NODE\n');
  assert.throws(() => pushDefinition(local, local.get('/p/bad.pipe')!), (e: unknown) => e instanceof UnpushableFile && /bad\.pipe:1: Missing node name/.test(e.message));
});
