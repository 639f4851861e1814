import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDatafile } from '../../server/parser/datafile';
import { parseIndexLine, renderIndex } from '../../server/parser/indexes';

const parse = (text: string) => parseIndexLine({ text, span: { start: 0, end: text.length } });

test('name, expression, type with arguments and granularity', () => {
  const r = parse('INDEX idx mapValues(d) TYPE bloom_filter(0.001) GRANULARITY 16,');
  assert.ok(r.ok);
  assert.deepEqual([r.index.name, r.index.expr, r.index.typeFull, r.index.granularity], ['idx', 'mapValues(d)', 'bloom_filter(0.001)', '16']);
});

test('without GRANULARITY tb renders a trailing space', () => {
  const r = parse('idx_x id TYPE minmax');
  assert.ok(r.ok);
  assert.equal(renderIndex(r.index), 'idx_x id TYPE minmax ');
});

test('a line without exactly one TYPE is rejected with tb message', () => {
  const r = parse('idx a');
  assert.ok(!r.ok);
  assert.match(r.message, /^invalid INDEX format\. Usage: `name expr TYPE type_full GRANULARITY granularity`/);
  assert.deepEqual(parseDatafile('INDEXES >\n    broken\n', 'datasource').diagnostics.map((d) => d.code), ['indexes-syntax']);
});
