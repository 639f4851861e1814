import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compiledSql } from '../../server/features/compiledSql';
import { corpusIndex, fileOf } from './support';

const index = corpusIndex();
const sqlOf = (r: ReturnType<typeof compiledSql>) => {
  assert.ok(r.ok, JSON.stringify(r));
  return r.sql;
};

describe('compiled SQL', () => {
  const leaderboards = fileOf(index, 'leaderboards');

  it('renders a node in test mode without parameters: no `{{`, optional filters left out', () => {
    const sql = sqlOf(compiledSql(index, leaderboards, { node: 'leaderboards_list' }));
    assert.doesNotMatch(sql, /\{\{|\{%/);
    assert.doesNotMatch(sql, /l\.slug =/);
    assert.match(sql, /FROM leaderboards_copy_ds AS l/);
  });

  it('renders with the request parameters given', () => {
    const sql = sqlOf(compiledSql(index, leaderboards, { node: 'leaderboards_list', params: { slug: "o'x", maxRank: '3' } }));
    assert.match(sql, /AND l\.slug = 'o\\'x'/);
    assert.doesNotMatch(sql, /LIMIT/, 'maxRank set: no paging');
  });

  it('resolves references to other nodes into subqueries when asked', () => {
    const pipe = fileOf(index, 'activities_relations_filtered');
    const node = sqlOf(compiledSql(index, pipe, { node: 'activities_enriched_v1' }));
    const resolved = sqlOf(compiledSql(index, pipe, { node: 'activities_enriched_v1', resolved: true }));
    assert.match(node, /FROM filtered_relations AS fr/);
    assert.doesNotMatch(resolved, /FROM filtered_relations\b/);
    assert.match(resolved, /FROM \(\n[\s\S]*\) AS fr/);
  });

  it("answers the template's error, the node that failed and its line", () => {
    const pipe = fileOf(index, 'activities_relations_filtered');
    const r = compiledSql(index, pipe, { node: 'activities_enriched_v1', resolved: true, params: { repos: "['a','b']" } });
    assert.deepEqual(r, { ok: false, kind: 'AttributeError', message: "'NoneType' object has no attribute 'first'", node: 'filtered_relations', line: 119 });
    assert.deepEqual(compiledSql(index, pipe, { node: 'nope' }), { ok: false, kind: 'NodeNotFound', message: 'no node named nope in activities_relations_filtered', node: 'nope' });
  });
});
