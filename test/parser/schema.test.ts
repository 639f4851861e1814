import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDatafile } from '../../server/parser/datafile';
import { renderColumn, parseSchema, SchemaError } from '../../server/parser/schema';

const schemaError = (text: string): string => {
  try {
    parseSchema(text);
  } catch (e) {
    assert.ok(e instanceof SchemaError);
    return e.message;
  }
  assert.fail(`no error for ${text}`);
};

test('columns: backticks, types with arguments, json paths, defaults and codecs', () => {
  const [a, b, c] = parseSchema("`a` DateTime64(3, 'UTC') `json:$.a`,\n b LowCardinality(String) DEFAULT 'x',\n c Float32 CODEC(Delta(4), LZ4)");
  assert.deepEqual([a.name, a.type, a.jsonPath], ['a', "DateTime64(3, 'UTC')", '$.a']);
  assert.deepEqual([b.name, b.type, b.defaultValue], ['b', 'LowCardinality(String)', "DEFAULT 'x'"]);
  assert.deepEqual([c.codec], ['CODEC(Delta(4), LZ4)']);
});

test('accepted modifier orders render as type, json path, default, codec', () => {
  const [col] = parseSchema('x Float32 CODEC(ZSTD(1)) `json:$.x`');
  assert.equal(renderColumn(col), '`x` Float32 `json:$.x` CODEC(ZSTD(1))');
  const [m] = parseSchema('y Int32 materialized b*2 CODEC(Delta, LZ4)');
  assert.equal(renderColumn(m), '`y` Int32 MATERIALIZED b*2 CODEC(Delta, LZ4)');
});

test('Nullable is unwrapped and DEFAULT NULL dropped for nullable columns', () => {
  const [col] = parseSchema('n Nullable(String) DEFAULT NULL');
  assert.deepEqual([col.type, col.nullable, col.defaultValue], ['String', true, undefined]);
  assert.equal(renderColumn(col), '`n` Nullable(String)');
  const [agg] = parseSchema('s Nullable(SimpleAggregateFunction(sum, Int32))');
  assert.equal(renderColumn(agg), '`s` SimpleAggregateFunction(sum, Nullable(Int32))');
});

test('-- comments are ignored, except inside json paths', () => {
  const cols = parseSchema('c Float32, -- comment\n  d String `json:$.a--b` -- trailing');
  assert.deepEqual(cols.map((c) => [c.name, c.type, c.jsonPath]), [['c', 'Float32', undefined], ['d', 'String', '$.a--b']]);
});

test('rejected orders and syntax give tb messages', () => {
  assert.equal(schemaError("a String DEFAULT 'x' `json:$.a`"), 'Unexpected JSONPATH after DEFAULT');
  assert.equal(schemaError('a Int32 CODEC(Delta) DEFAULT 1'), 'Unexpected DEFAULT after CODEC');
  assert.equal(schemaError('a Int32 CODEC(Delta) MATERIALIZED b'), 'Unexpected MATERIALIZED after CODEC');
  assert.equal(schemaError('a Int32 NULL'), 'NULL column syntax not supported');
  assert.equal(schemaError('a Int32 NOT NULL'), 'NOT NULL column syntax not supported');
  assert.equal(schemaError('a Int32 ALIAS b'), 'ALIAS not supported');
  assert.equal(schemaError('a DateTime TTL a + 1'), 'column TTL not supported');
  assert.equal(schemaError('foo^bar Float32'), 'wrong value, please check the schema syntax');
});

test('a trailing # after a column is a schema error (the raw line keeps it)', () => {
  const doc = parseDatafile('SCHEMA >\n    a String # note\n', 'datasource');
  assert.deepEqual(doc.diagnostics.map((d) => d.message), ['error parsing schema: wrong value, please check the schema syntax']);
  assert.equal(doc.text.slice(doc.diagnostics[0].start, doc.diagnostics[0].end), '#');
});

test('INDEX lines inside SCHEMA are skipped', () => {
  assert.deepEqual(parseSchema('a String, INDEX idx a TYPE set(100) GRANULARITY 1').map((c) => c.name), ['a']);
});

test('column spans point at the document', () => {
  const text = 'SCHEMA >\n    `id` UInt64,\n    name String DEFAULT \'x\'\n';
  const [id, name] = parseDatafile(text, 'datasource').nodes[0].schema!.columns;
  assert.equal(text.slice(id.nameSpan.start, id.nameSpan.end), '`id`');
  assert.equal(text.slice(name.typeSpan!.start, name.typeSpan!.end), 'String');
  assert.equal(text.slice(name.defaultSpan!.start, name.defaultSpan!.end), "DEFAULT 'x'");
});

test('a long whitespace run inside a type stays linear', () => {
  const cols = parseSchema(`a Array(${' '.repeat(200_000)}String)`);
  assert.equal(cols[0].name, 'a');
});
