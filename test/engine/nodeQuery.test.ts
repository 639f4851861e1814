// The engine's node queries: rendered and resolved by the template engine, restricted to known tables.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { nodeQuery } from '../../server/engine/nodeQuery';
import { WorkspaceIndex } from '../../server/workspace/index';

function workspace(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [p, text] of Object.entries(files)) index.update(path.join('/p', p), text);
  return index;
}

const DS = 'SCHEMA >\n    `id` UInt64,\n    `c` UInt64\n';

describe('nodeQuery', () => {
  const index = workspace({
    'datasources/ds.datasource': DS,
    'datasources/target.datasource': DS,
    'pipes/p.pipe': 'NODE n0\nSQL >\n    SELECT * FROM ds\n\nNODE n1\nSQL >\n    SELECT count() c FROM n0\n\nNODE n2\nSQL >\n    SELECT * FROM n1 AS x WHERE c > 1\n',
    'pipes/api.pipe': 'NODE only\nSQL >\n    SELECT id FROM ds\n',
    'pipes/mv.pipe': 'NODE m\nSQL >\n    SELECT id, c FROM ds\n\nTYPE materialized\nDATASOURCE target\n',
    'pipes/reader.pipe': 'NODE r\nSQL >\n    SELECT * FROM api JOIN mv USING id\n',
    'pipes/t.pipe': 'NODE t\nSQL >\n    %\n    SELECT * FROM ds WHERE id = {{ Int32(x, 1) }}\n\nNODE after\nSQL >\n    SELECT * FROM t\n',
    'pipes/lost.pipe': 'NODE l\nSQL >\n    SELECT * FROM deleted_datasource\n',
  });
  const file = (name: string) => index.pipe(name)!;
  const tables = new Set(['ds', 'target']);
  const query = (pipe: string, node: string, variables?: Record<string, string>) => nodeQuery(index, file(pipe), node, { tables, variables });

  it('leaves datasources as they are', () => {
    assert.equal(query('p', 'n0')?.sql, 'SELECT * FROM ds');
  });
  it('replaces node names by their subqueries, outermost first, the name becoming the alias', () => {
    assert.equal(query('p', 'n2')?.sql, 'SELECT * FROM (\nSELECT count() c FROM (\nSELECT * FROM ds\n) AS n0\n) AS x WHERE c > 1');
  });
  it('reads an endpoint pipe as its endpoint node and a materialized pipe as its target', () => {
    assert.equal(query('reader', 'r')?.sql, 'SELECT * FROM (\nSELECT id FROM ds\n) AS api JOIN target AS mv USING id');
  });
  it('maps offsets of the node own text back to the document', () => {
    const q = query('p', 'n2')!;
    const text = index.text(file('p').path)!;
    const at = q.sql.indexOf('WHERE');
    assert.equal(text.slice(q.toDocument(at)!, q.toDocument(at)! + 5), 'WHERE');
    assert.equal(q.toDocument(q.sql.indexOf('count')), undefined, 'text of other nodes is not in this node');
  });
  it('renders templates in test mode, or with the given variables', () => {
    assert.match(query('t', 'after')!.sql, /^SELECT \* FROM \(\n\s*SELECT \* FROM ds WHERE id = \S*'1'\S*\n\) AS t$/);
    assert.match(query('t', 't', { x: '7' })!.sql, /^\s*SELECT \* FROM ds WHERE id = \S*'7'\S*$/);
  });
  it('has no query for a node reading a table the engine does not have', () => {
    assert.equal(query('lost', 'l'), undefined);
  });
});
