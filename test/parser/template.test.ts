import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanTemplate } from '../../server/parser/template';
import { templateCalls } from '../../server/parser/templateCalls';
import { templateParameters } from '../../server/parser/templateParams';

test('tags with ranges and matched blocks', () => {
  const text = '%\nSELECT 1 {% if defined(x) %} AND a = {{ Int32(x) }} {% else %} {# none #} {% end %}';
  const scan = scanTemplate(text);
  assert.deepEqual(scan.tags.map((t) => t.kind), ['statement', 'expression', 'statement', 'comment', 'statement']);
  assert.equal(text.slice(scan.tags[1].contentSpan.start, scan.tags[1].contentSpan.end), 'Int32(x)');
  assert.equal(scan.blocks.length, 1);
  assert.equal(scan.blocks[0].branches[0].operator, 'else');
  assert.equal(scan.blocks[0].close?.operator, 'end');
  assert.deepEqual(scan.problems, []);
});

test('unclosed blocks, extra ends, forbidden and unknown tags are problems', () => {
  assert.deepEqual(scanTemplate('{% if x %} a').problems.map((p) => p.code), ['template-unclosed']);
  assert.deepEqual(scanTemplate('a {% end %}').problems.map((p) => p.message), ['Extra {% end %} block']);
  assert.deepEqual(scanTemplate('{% import os %}').problems.map((p) => p.code), ['template-forbidden']);
  assert.deepEqual(scanTemplate('{% endif %}').problems.map((p) => p.message), ["unknown operator: 'endif'"]);
  assert.deepEqual(scanTemplate('{{ x ').problems.map((p) => p.message), ['Missing end expression }}']);
  assert.deepEqual(scanTemplate('{% else %}').problems.map((p) => p.code), ['template-syntax']);
});

test('escaped openers are literal text', () => {
  assert.deepEqual(scanTemplate('{{! not a tag }}').tags, []);
});

test('template parameters: types, defaults, required flags and descriptions', () => {
  const params = templateParameters([
    "%\nSELECT * FROM t WHERE d >= {{ DateTime(date_from, '2024-01-01 00:00:00', description=\"Start\", required=True) }}",
    "%\nSELECT {{ Array(ids, 'Int32', default='1,2') }}, {{ Int32(limit, 50) }} {% if defined(debug) %}{% end %}",
  ]);
  assert.deepEqual(params, [
    { name: 'date_from', type: 'DateTime', default: '2024-01-01 00:00:00', required: true, description: 'Start' },
    { name: 'ids', type: 'Array(Int32)', default: '1,2', required: false, description: undefined },
    { name: 'limit', type: 'Int32', default: '50', required: false, description: undefined },
    { name: 'debug', type: 'String', required: false },
  ]);
});

test('template calls skip string literals and keep balanced argument text', () => {
  const calls = templateCalls(`String(x, 'f(y)', description="a (b)") + split_to_array(z, '').join(',')`);
  assert.deepEqual(
    calls.map((c) => [c.name, c.method, c.args]),
    [
      ['String', false, `x, 'f(y)', description="a (b)"`],
      ['split_to_array', false, "z, ''"],
      ['join', true, "','"],
    ],
  );
});
