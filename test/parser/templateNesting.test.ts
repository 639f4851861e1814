// Nested template blocks in every SQL clause position must never hang or throw: parsing, table
// reference extraction, every rule, hover and formatting finish. A second format keeps every token;
// it may re-indent nested `{% %}` blocks, as sqlfmt in tb fmt does, so layout is not compared. The shape `FROM a {% if x %} {% else %} {% if y %} {% end %} {% end %}` used to loop
// forever in the reference reader.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../../server/diagnostics/config';
import { runRules } from '../../server/diagnostics/index';
import { hover } from '../../server/features/hover';
import { formatDatafile } from '../../server/format/index';
import { pathToUri } from '../../server/lsp/convert';
import { analyzeSql } from '../../server/parser/sqlRefs';
import { WorkspaceIndex } from '../../server/workspace/index';

type Block = { kind: 'if' | 'for'; branches: string[]; bodies: Block[][] };

const fill = fc.constantFrom('', ' t ', ' a, b ', ' x = 1 ', ' {{ x }} ', ' (SELECT 1 FROM u) ', ' JOIN v ON 1 ');

const block: fc.Memo<Block> = fc.memo((depth) =>
  fc.record({
    kind: fc.constantFrom<'if' | 'for'>('if', 'for'),
    branches: fc.array(fc.constantFrom('elif y', 'else'), { maxLength: 3 }),
    bodies: fc.array(depth > 1 ? fc.array(block(depth - 1), { maxLength: 2 }) : fc.constant([]), { minLength: 4, maxLength: 4 }),
  }),
);

function render(b: Block, fills: string[], at = { i: 0 }): string {
  const next = () => fills[at.i++ % fills.length];
  const body = (i: number) => next() + b.bodies[i].map((c) => render(c, fills, at)).join(next()) + next();
  let out = b.kind === 'if' ? `{% if x %}${body(0)}` : `{% for v in xs %}${body(0)}`;
  if (b.kind === 'if') b.branches.forEach((branch, i) => (out += `{% ${branch} %}${body(i + 1)}`));
  return `${out}{% end %}`;
}

const POSITIONS = [
  (t: string) => `SELECT ${t} FROM a`,
  (t: string) => `SELECT * FROM ${t}`,
  (t: string) => `SELECT * FROM a ${t}`,
  (t: string) => `SELECT * FROM a JOIN b ${t} ON 1`,
  (t: string) => `SELECT * FROM a WHERE ${t}`,
  (t: string) => `SELECT * FROM a GROUP BY ${t}`,
  (t: string) => `SELECT * FROM a ORDER BY x ${t} LIMIT 1`,
  (t: string) => `SELECT * FROM (SELECT * FROM a ${t})`,
  (t: string) => `WITH c AS (SELECT * FROM a ${t}) SELECT * FROM c`,
];

function pipeText(sql: string): string {
  return `NODE endpoint\nSQL >\n    %\n    ${sql}\n`;
}

function exercise(sql: string): void {
  analyzeSql(sql);
  const index = new WorkspaceIndex();
  index.update('/w/datasources/a.datasource', 'SCHEMA >\n    `x` Int32\n');
  const text = pipeText(sql);
  index.update('/w/pipes/p.pipe', text);
  const file = index.get('/w/pipes/p.pipe')!;
  runRules(index, file, DEFAULT_CONFIG);
  const context = { index, uriOf: pathToUri, now: () => new Date(0) };
  // Every 7th offset of small texts; about 300 offsets spread over a large one (a hover costs O(text)).
  const step = Math.max(7, Math.ceil(text.length / 300));
  for (let offset = 0; offset < text.length; offset += step) hover(context, file, offset);
  const once = formatDatafile(text, '/w/pipes/p.pipe', { env: {} });
  if (once.ok) {
    const twice = formatDatafile(once.text, '/w/pipes/p.pipe', { env: {} });
    assert.ok(twice.ok);
    const tokens = (formatted: string) => formatted.replace(/\s+/g, '').toLowerCase();
    assert.equal(tokens(twice.text), tokens(once.text));
  }
}

test('the reported hang: an if nested in an else after FROM finishes', () => {
  const sql = 'SELECT * FROM a {% if x %} {% else %} {% if y %} {% end %} {% end %}';
  assert.deepEqual(analyzeSql(sql).refs.map((r) => r.name), ['a']);
  assert.deepEqual(analyzeSql('SELECT * FROM a {% if x %} {% elif z %} {% else %} {% if y %} {% end %} {% end %}').refs.map((r) => r.name), ['a']);
  exercise(sql);
});

test('nested template blocks (depth up to 8) in every clause position never hang or throw', () => {
  fc.assert(
    fc.property(block(8), fc.array(fill, { minLength: 1, maxLength: 6 }), fc.nat(POSITIONS.length - 1), (b, fills, position) => {
      exercise(POSITIONS[position](render(b, fills)));
    }),
    { numRuns: 60, seed: 20261206 },
  );
});
