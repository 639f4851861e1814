import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pushOrder, topologicalOrder, upstreamClosure } from '../../client/tinybird/plan';
import type { ProjectGraph } from '../../server/protocol';
import { corpusGraph, CORPUS_PUSH_ORDER } from './helpers';

test('push order of the corpus graph: datasources before the pipes that read or write them', () => {
  assert.deepEqual(topologicalOrder(corpusGraph()).map((r) => r.name), CORPUS_PUSH_ORDER);
});

const chain: ProjectGraph = {
  root: '/p',
  resources: [
    { name: 'endpoint', kind: 'pipe', uri: 'file:///p/endpoint.pipe', dependsOn: ['filtered', 'target'] },
    { name: 'filtered', kind: 'pipe', uri: 'file:///p/filtered.pipe', dependsOn: ['raw'] },
    { name: 'mv', kind: 'pipe', uri: 'file:///p/mv.pipe', dependsOn: ['raw', 'target'] },
    { name: 'target', kind: 'datasource', uri: 'file:///p/target.datasource', dependsOn: [] },
    { name: 'raw', kind: 'datasource', uri: 'file:///p/raw.datasource', dependsOn: ['external_ds'] },
  ],
};

test('upstream pipes come before downstream ones, across unselected resources', () => {
  assert.deepEqual(topologicalOrder(chain).map((r) => r.name), ['raw', 'target', 'filtered', 'endpoint', 'mv']);
  assert.deepEqual(pushOrder(chain, new Set(['endpoint', 'raw'])).map((r) => r.name), ['raw', 'endpoint']);
});

test('the upstream closure follows dependsOn transitively and ignores unknown names', () => {
  assert.deepEqual([...upstreamClosure(chain, 'endpoint')].sort(), ['endpoint', 'filtered', 'raw', 'target']);
  assert.deepEqual([...upstreamClosure(corpusGraph(), 'sitemap_projects')].sort(), ['insightsProjects', 'sitemap_projects']);
});

test('a cycle is reported with the resources in it', () => {
  const cyclic: ProjectGraph = {
    root: '/p',
    resources: [
      { name: 'a', kind: 'pipe', uri: 'file:///a.pipe', dependsOn: ['b'] },
      { name: 'b', kind: 'pipe', uri: 'file:///b.pipe', dependsOn: ['a'] },
      { name: 'c', kind: 'datasource', uri: 'file:///c.datasource', dependsOn: [] },
    ],
  };
  assert.throws(() => topologicalOrder(cyclic), /a, b depend on each other in a cycle/);
});
