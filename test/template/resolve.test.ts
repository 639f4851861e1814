// Whole-pipe resolution: node references become subqueries; every corpus node resolves completely.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSql } from '../../server/parser/sqlRefs';
import { resolveNodeQuery } from '../../server/template/resolve';
import { WorkspaceIndex } from '../../server/workspace/index';
import { corpusFiles } from '../support/corpus';

function workspace(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [p, text] of Object.entries(files)) index.update(p, text);
  return index;
}

const pipe = (nodes: [string, string][]) =>
  nodes.map(([name, sql]) => `NODE ${name}\nSQL >\n${sql.split('\n').map((l) => `    ${l}`).join('\n')}\n`).join('\n');

test('a node chain becomes nested subqueries named after the nodes', () => {
  const index = workspace({
    '/p/pipes/p.pipe': pipe([
      ['n0', 'SELECT * FROM ds'],
      ['n1', 'SELECT count() c FROM n0'],
      ['n2', 'SELECT * FROM n1 AS x WHERE n1.c > 1 AND c IN n0'],
    ]),
  });
  const r = resolveNodeQuery(index, index.get('/p/pipes/p.pipe')!, 'n2');
  assert.ok(r.ok);
  assert.equal(
    r.resolved,
    'SELECT * FROM (\nSELECT count() c FROM (\nSELECT * FROM ds\n) AS n0\n) AS x WHERE x.c > 1 AND c IN (\nSELECT * FROM ds\n)',
  );
});

test('templates render with the request variables; CTE names shadow nodes', () => {
  const index = workspace({
    '/p/pipes/p.pipe': pipe([
      ['base', '%\nSELECT * FROM ds WHERE a = {{ String(a, "z") }}'],
      ['top', 'WITH base AS (SELECT 1) SELECT * FROM base'],
      ['last', '%\nSELECT * FROM base {% if defined(a) %}LIMIT 1{% end %}'],
    ]),
  });
  const file = index.get('/p/pipes/p.pipe')!;
  const top = resolveNodeQuery(index, file, 'top');
  assert.ok(top.ok);
  assert.equal(top.resolved, 'WITH base AS (SELECT 1) SELECT * FROM base');
  const last = resolveNodeQuery(index, file, 'last', { variables: new Map([['a', 'v']]) });
  assert.ok(last.ok);
  assert.equal(last.sql, '\n    SELECT * FROM base LIMIT 1');
  assert.equal(last.resolved, "\n    SELECT * FROM (\n\n    SELECT * FROM ds WHERE a = 'v'\n) AS base LIMIT 1");
});

test('a pipe used as a table resolves to its last node; template errors carry their range', () => {
  const index = workspace({
    '/p/pipes/src.pipe': pipe([['a', 'SELECT 1 AS x'], ['b', 'SELECT x FROM a']]),
    '/p/pipes/use.pipe': pipe([['u', 'SELECT * FROM src'], ['bad', '%\nSELECT {{ x == 1 }}']]),
  });
  const file = index.get('/p/pipes/use.pipe')!;
  const u = resolveNodeQuery(index, file, 'u');
  assert.ok(u.ok);
  assert.equal(u.resolved, 'SELECT * FROM (\nSELECT x FROM (\nSELECT 1 AS x\n) AS a\n) AS src');
  const bad = resolveNodeQuery(index, file, 'bad');
  assert.ok(!bad.ok);
  assert.equal(bad.kind, 'SQLTemplateException');
  const text = index.text('/p/pipes/use.pipe')!;
  assert.equal(text.slice(bad.span!.start, bad.span!.end), '{{ x == 1 }}');
});

test('every node of every corpus pipe resolves with no reference left to a node name', () => {
  const index = new WorkspaceIndex();
  for (const f of corpusFiles()) index.update(f.path, f.text);
  let nodes = 0;
  const failures: string[] = [];
  for (const file of index.all()) {
    if (file.role !== 'pipe') continue;
    const names = new Set(index.nodesOf(file).map((n) => n.node.name));
    for (const { node } of index.nodesOf(file)) {
      if (!node.node.sql) continue;
      nodes++;
      const r = resolveNodeQuery(index, file, node.name, { testMode: true });
      if (!r.ok) {
        failures.push(`${file.name}/${node.name}: ${r.kind} ${r.message}`);
        continue;
      }
      const analysis = analyzeSql(r.resolved);
      const left = analysis.refs.filter((ref) => names.has(ref.name) && ref.name !== node.name && !analysis.ctes.has(ref.name));
      if (left.length) failures.push(`${file.name}/${node.name}: still reads ${left.map((x) => x.name).join(', ')}`);
    }
  }
  assert.ok(nodes > 400, `only ${nodes} nodes`);
  assert.deepEqual(failures, []);
});
