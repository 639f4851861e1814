import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import rawCatalog from '../../server/catalog/clickhouse.json';
import {
  clickhouseCombinators,
  clickhouseEngines,
  clickhouseFunctions,
  clickhouseKeywords,
  clickhouseTypes,
  clickhouseVersion,
  parseArgumentList,
  resolveClickhouseFunction,
} from '../../server/catalog/clickhouse';

test('clickhouse.json records the ClickHouse version it was generated from', () => {
  assert.match(rawCatalog.clickhouseVersion, /^\d+\.\d+\.\d+/);
  assert.equal(clickhouseVersion(), rawCatalog.clickhouseVersion);
  assert.match(rawCatalog.chdbVersion, /^\d+\.\d+\.\d+$/);
});

test('clickhouse.json holds thousands of functions and no internal ones', () => {
  assert.ok(rawCatalog.functions.length > 1500, `only ${rawCatalog.functions.length} functions`);
  assert.equal(clickhouseFunctions().size, rawCatalog.functions.length);
  assert.ok(rawCatalog.functions.every((f) => !f.name.startsWith('_')));
  const names = rawCatalog.functions.map((f) => f.name);
  assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'sorted by name');
});

test('descriptions are trimmed to about one paragraph', () => {
  for (const f of rawCatalog.functions as { name: string; description?: string }[]) {
    if (f.description) assert.ok(f.description.length <= 301, `${f.name}: ${f.description.length} chars`);
  }
});

test('toStartOfHour: signature and documented parameter', () => {
  const f = clickhouseFunctions().get('toStartOfHour');
  assert.ok(f);
  assert.equal(f.signature, 'toStartOfHour(datetime)');
  assert.equal(f.aggregate, false);
  assert.equal(f.parameters.length, 1);
  assert.equal(f.parameters[0].label, 'datetime');
  assert.deepEqual(f.parameters[0].types, ['DateTime', 'DateTime64']);
  assert.ok(f.description.length > 0);
  assert.equal(f.category, 'Dates and Times');
});

test('argMax and uniqExact are aggregates with signatures', () => {
  const argMax = clickhouseFunctions().get('argMax');
  assert.ok(argMax);
  assert.equal(argMax.aggregate, true);
  assert.equal(argMax.signature, 'argMax(arg, val)');
  assert.deepEqual(argMax.parameters.map((p) => p.label), ['arg', 'val']);
  assert.ok(argMax.parameters.every((p) => p.documentation));

  const uniq = clickhouseFunctions().get('uniqExact');
  assert.ok(uniq);
  assert.equal(uniq.aggregate, true);
  assert.equal(uniq.signature, 'uniqExact(x[, ...])');
  assert.equal(uniq.parameters[0].label, 'x');
  assert.equal(uniq.parameters[0].optional, false);
  assert.equal(uniq.parameters[1].variadic, true);
  assert.equal(uniq.parameters[1].optional, true);
});

test('parameter offsets point into the signature label', () => {
  for (const f of clickhouseFunctions().values()) {
    for (const s of f.signatures) {
      for (const p of s.parameters) {
        assert.equal(s.label.slice(p.offsets[0], p.offsets[1]), p.label, `${f.name}: ${s.label}`);
      }
    }
  }
});

test('optional parameters in brackets and parametric aggregates', () => {
  const fmt = clickhouseFunctions().get('formatDateTime');
  assert.ok(fmt);
  assert.deepEqual(
    fmt.parameters.map((p) => [p.label, p.optional]),
    [
      ['datetime', false],
      ['format', false],
      ['timezone', true],
    ],
  );
  const q = clickhouseFunctions().get('quantile');
  assert.ok(q);
  assert.equal(q.signatures[0].parametric, true);
  assert.deepEqual(
    q.parameters.map((p) => [p.label, p.kind]),
    [
      ['level', 'parameter'],
      ['expr', 'argument'],
    ],
  );
});

test('case-insensitive functions match any case; others only exact', () => {
  const fns = clickhouseFunctions();
  assert.equal(fns.get('COUNT')?.name, 'count');
  assert.equal(fns.get('Lower')?.name, 'lower');
  assert.equal(fns.has('TOSTARTOFHOUR'), false);
  assert.equal(fns.get('toStartOfHour')?.caseInsensitive, false);
});

test('aliases resolve their documentation from the target', () => {
  const lcase = clickhouseFunctions().get('lcase');
  assert.ok(lcase);
  assert.equal(lcase.aliasTo, 'lower');
  assert.equal(lcase.signature, 'lcase(s)');
  assert.ok(lcase.description.length > 0);
  assert.ok(clickhouseFunctions().get('lower')?.aliases.includes('lcase'));
});

test('combinator suffixes resolve to the base aggregate', () => {
  const r = resolveClickhouseFunction('uniqExactStateIf');
  assert.ok(r);
  assert.equal(r.fn.name, 'uniqExact');
  assert.deepEqual(r.combinators, ['State', 'If']);
  assert.equal(resolveClickhouseFunction('notAFunctionXyz'), undefined);
  assert.ok(clickhouseCombinators().some((c) => c.name === 'Merge'));
});

test('types, engines and keywords', () => {
  const types = clickhouseTypes();
  for (const t of ['String', 'DateTime64', 'LowCardinality', 'Nullable', 'Decimal', 'Array', 'Map', 'AggregateFunction', 'SimpleAggregateFunction']) {
    assert.ok(types.has(t), t);
  }
  assert.equal(types.get('DateTime64')?.parametric, true);
  const engines = clickhouseEngines();
  for (const e of ['MergeTree', 'ReplacingMergeTree', 'SummingMergeTree', 'AggregatingMergeTree', 'CollapsingMergeTree', 'VersionedCollapsingMergeTree', 'Join', 'Null']) {
    assert.ok(engines.has(e), e);
  }
  assert.equal(engines.get('replacingmergetree')?.name, 'ReplacingMergeTree');
  assert.match(engines.get('ReplacingMergeTree')!.syntax, /ReplacingMergeTree\(/);
  assert.ok(clickhouseKeywords().includes('SELECT'));
});

test('parseArgumentList splits docs and trailing type lists', () => {
  const docs = parseArgumentList('- `x` — A value. `UInt8` or `Nullable(UInt8)`\n- `y` — Plain doc without types');
  assert.deepEqual(docs, [
    { name: 'x', documentation: 'A value.', types: ['UInt8', 'Nullable(UInt8)'] },
    { name: 'y', documentation: 'Plain doc without types' },
  ]);
});
