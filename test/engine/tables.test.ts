// Datasources → CREATE TABLE as Tinybird maps them, and every corpus datasource created by chDB.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { engineFull, projectTables } from '../../server/engine/tables';
import { WorkspaceIndex } from '../../server/workspace/index';
import { CORPUS, corpusFiles } from '../support/corpus';
import { testEngine } from '../support/engine';

const args = (o: Record<string, string>) => Object.entries(o).map(([name, value]) => ({ name, value }));

function indexOf(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [p, text] of Object.entries(files)) index.update(path.join('/p', p), text);
  return index;
}

describe('engineFull (engine_full_from_dict)', () => {
  it('defaults MergeTree to ORDER BY (tuple())', () => {
    assert.equal(engineFull(undefined, []), 'MergeTree() ORDER BY (tuple())');
    assert.equal(engineFull('mergetree', []), 'MergeTree() ORDER BY (tuple())');
  });
  it('puts every option in tb order, settings last without parentheses', () => {
    assert.equal(
      engineFull('MergeTree', args({ settings: 'index_granularity = 32', ttl: 'ts + INTERVAL 1 DAY', sampling_key: 'a', primary_key: 'a', sorting_key: 'a, ts', partition_key: 'toYYYYMM(ts)' })),
      'MergeTree() PARTITION BY (toYYYYMM(ts)) ORDER BY (a, ts) PRIMARY KEY (a) SAMPLE BY (a) TTL (ts + INTERVAL 1 DAY) SETTINGS index_granularity = 32',
    );
  });
  it('passes engine parameters positionally', () => {
    assert.equal(engineFull('ReplacingMergeTree', args({ sorting_key: 'a', ver: 'v', is_deleted: 'd' })), 'ReplacingMergeTree(v, d) ORDER BY (a)');
    assert.equal(engineFull('VersionedCollapsingMergeTree', args({ sign: 's', version: 'v' })), 'VersionedCollapsingMergeTree(s, v) ORDER BY (tuple())');
    assert.equal(engineFull('Join', args({ join_strictness: 'any', join_type: 'left', key_columns: 'a' })), 'Join(any, left, a)');
    assert.equal(engineFull('Null', args({ sorting_key: 'a' })), 'Null()');
  });
  it('lets AggregatingMergeTree keep dimensions outside the sorting key, as Tinybird does', () => {
    assert.equal(engineFull('AggregatingMergeTree', args({ sorting_key: 'a' })), 'AggregatingMergeTree() ORDER BY (a) SETTINGS allow_dimensions_outside_sorting_key = 1');
  });
  it('refuses what tb refuses', () => {
    assert.throws(() => engineFull('ReplacingMergeTree', []), /Missing required option 'sorting_key'/);
    assert.throws(() => engineFull('CollapsingMergeTree', args({ sorting_key: 'a' })), /Missing required parameter 'sign'/);
    assert.throws(() => engineFull('Log', []), /Engine Log is not supported/);
  });
});

describe('projectTables', () => {
  const index = indexOf({
    'datasources/events.datasource': 'SCHEMA >\n    `id` UInt64 `json:$.id`,\n    `name` Nullable(String) `json:$.n` DEFAULT NULL,\n    `kind` String DEFAULT \'x\' CODEC(ZSTD(1))\n\nENGINE MergeTree\nENGINE_SORTING_KEY id\n',
    'pipes/errors.pipe': 'NODE e\nSQL >\n    SELECT * FROM events_quarantine\n',
    'pipes/mv.pipe': 'NODE m\nSQL >\n    SELECT id FROM events\n\nTYPE materialized\nDATASOURCE inline_target\nSCHEMA >\n    `id` UInt64\n\nENGINE MergeTree\nENGINE_SORTING_KEY id\n',
  });
  const { tables, refused } = projectTables(index);
  const byName = new Map(tables.map((t) => [t.name, t]));

  it('renders columns without json paths, DEFAULT NULL dropped, CODEC kept', () => {
    assert.deepEqual(refused, []);
    assert.equal(
      byName.get('events')?.sql,
      "CREATE TABLE `events` (\n  `id` UInt64,\n  `name` Nullable(String),\n  `kind` String DEFAULT 'x' CODEC(ZSTD(1))\n) ENGINE = MergeTree() ORDER BY (id) SETTINGS compatibility = '25.8'",
    );
    assert.deepEqual(byName.get('events')?.jsonPaths, { id: '$.id', name: '$.n' });
  });
  it('adds the quarantine table a pipe reads, with every column as Nullable(String)', () => {
    assert.match(byName.get('events_quarantine')!.sql, /`c__error_column` Array\(String\),\n {2}`c__error` Array\(String\),\n {2}`c__import_id` Nullable\(String\),\n {2}`id` Nullable\(String\),\n {2}`name` Nullable\(String\),\n {2}`kind` Nullable\(String\),\n {2}`insertion_date` DateTime DEFAULT now\(\)/);
  });
  it('creates an inline materialized view target and the service datasources', () => {
    assert.equal(byName.get('inline_target')?.origin, 'inline');
    assert.ok(byName.has('tinybird.jobs_log'));
    assert.ok(byName.has('tinybird.pipe_stats_rt'));
  });
});

describe('corpus datasources in chDB', () => {
  it('creates every one of them', async () => {
    const index = new WorkspaceIndex();
    for (const f of corpusFiles()) index.update(f.path, f.text);
    const { tables, refused } = projectTables(index);
    const datasources = tables.filter((t) => t.origin === 'datasource');
    assert.deepEqual(refused, []);
    assert.equal(datasources.length, [...index.all()].filter((f) => f.role === 'datasource').length);
    const engine = testEngine();
    try {
      const { created, failed } = await engine.request({ op: 'createTables', tables });
      assert.deepEqual(failed, []);
      assert.equal(created.length, tables.length);
      console.log(`corpus (${CORPUS}): ${datasources.length} datasources, ${tables.length} tables created`);
    } finally {
      await engine.close();
    }
  });
});
