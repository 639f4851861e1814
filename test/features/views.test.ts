import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cutNotes, elideMiddle, layoutLineage, moreId } from '../../client/lineage/layout';
import { lineageHtml } from '../../client/lineage/html';
import { codeLenses } from '../../server/features/codeLens';
import { lineageGraph } from '../../server/features/lineageGraph';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from '../../server/features/semanticTokens';
import { pathToUri } from '../../server/lsp/convert';
import type { WorkspaceIndex } from '../../server/workspace/index';
import { corpusIndex, fileOf, FIXTURES, indexOf } from './support';

const ctxOf = (index: WorkspaceIndex) => ({ index, uriOf: pathToUri });
const index = indexOf(`${FIXTURES}/snapshot-lambda`);

describe('code lenses', () => {
  const lenses = (name: string) => codeLenses(ctxOf(index), fileOf(index, name)).map((l) => `${l.range.start.line}:${l.command!.title}|${l.command!.command}`);

  it('shows each node type and readers, with run and push actions', () => {
    assert.deepEqual(lenses('events_merger_copy'), [
      '0:standard · 1 reader|tinybird.showReferences',
      '0:▶ Run node locally|tinybird.runNodeLocally',
      '0:Show compiled SQL|tinybird.showCompiledSql',
      '0:Push|tinybird.push',
      '5:standard · 1 reader|tinybird.showReferences',
      '5:▶ Run node locally|tinybird.runNodeLocally',
      '5:Show compiled SQL|tinybird.showCompiledSql',
      '11:copy → events_serving_ds · 0 readers|',
      '11:▶ Run copy|tinybird.runCopy',
      '11:▶ Run copy locally|tinybird.runCopyLocally',
      '11:Show compiled SQL|tinybird.showCompiledSql',
    ]);
    assert.deepEqual(lenses('events_api').filter((l) => l.startsWith('13:')), [
      '13:endpoint · 0 readers|',
      '13:▶ Run endpoint|tinybird.runEndpoint',
      '13:▶ Run locally|tinybird.runEndpointLocally',
      '13:Show compiled SQL|tinybird.showCompiledSql',
    ]);
  });

  it('passes the file URI and node name to the actions, locations to the reader lens', () => {
    const file = fileOf(index, 'events_merger_copy');
    const all = codeLenses(ctxOf(index), file);
    const run = all.find((l) => l.command!.command === 'tinybird.runCopy')!;
    assert.deepEqual(run.command!.arguments, [pathToUri(file.path), 'merged']);
    const compiled = all.filter((l) => l.command!.command === 'tinybird.showCompiledSql').map((l) => l.command!.arguments);
    assert.deepEqual(compiled.map((a) => a![1]), file.nodes.map((n) => n.name));
    const readers = all[0].command!.arguments!;
    assert.equal(readers[0], pathToUri(file.path));
    assert.equal(readers[2].length, 1);
  });

  it('shows writers and readers above a datasource', () => {
    assert.deepEqual(lenses('events_serving_ds'), [
      '0:1 writer · multi-snapshot|tinybird.showReferences',
      '0:read by 2 pipes|tinybird.showReferences',
      '0:Push|tinybird.push',
    ]);
    assert.deepEqual(lenses('by_segment.incl'), []);
  });
});

describe('semantic tokens', () => {
  it('marks resolved datasources, pipes, nodes and columns only', () => {
    const file = fileOf(index, 'events_mv');
    const { data } = semanticTokens(ctxOf(index), file);
    const tokens: string[] = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      char = data[i] ? data[i + 1] : char + data[i + 1];
      const start = file.parsed.lineStarts[line] + char;
      tokens.push(`${file.parsed.text.slice(start, start + data[i + 2])}:${SEMANTIC_TOKENS_LEGEND.tokenTypes[data[i + 3]]}${data[i + 4] ? '+decl' : ''}`);
    }
    assert.deepEqual(tokens, [
      'events_enrich:function+decl',
      'updatedAt:property',
      'id:property',
      'segmentId:property',
      'value:property',
      'events:class',
      'events_mv_ds:class',
    ]);
    const unresolved = indexOf(`${FIXTURES}/snapshot-lambda`);
    unresolved.update('/tmp/x/a.pipe', 'NODE a\nSQL >\n    SELECT * FROM missing\n');
    assert.equal(semanticTokens(ctxOf(unresolved), fileOf(unresolved, 'a')).data.length, 5, 'only the node name');
  });
});

describe('lineage graph', () => {
  it('layers upstream left and downstream right, with edges', () => {
    const view = lineageGraph(ctxOf(index), fileOf(index, 'events_mv_ds'), 'all', 'all')!;
    const layers = Object.fromEntries(view.nodes.map((n) => [n.id, n.layer]));
    assert.deepEqual(layers, { events_mv_ds: 0, events_mv: -1, events: -2, events_merger_copy: 1, events_serving_ds: 2, events_api: 3 });
    assert.ok(view.edges.some((e) => e.from === 'events_mv' && e.to === 'events_mv_ds'));
    assert.equal(view.nodes.find((n) => n.id === 'events_serving_ds')!.detail, 'copy target · multi-snapshot');
    assert.equal(view.nodes.find((n) => n.id === 'events_api')!.detail, 'endpoint');
    assert.equal(lineageGraph(ctxOf(index), fileOf(index, 'by_segment.incl')), null);
  });

  it('walks each direction to its own depth: 1, 2 (the default) or all', () => {
    const layersOf = (up?: 1 | 2 | 'all', down?: 1 | 2 | 'all') => {
      const view = lineageGraph(ctxOf(index), fileOf(index, 'events_mv_ds'), up, down)!;
      return { layers: Object.fromEntries(view.nodes.map((n) => [n.id, n.layer])), cut: view.cut, depth: view.depth };
    };
    assert.deepEqual(layersOf(), {
      layers: { events_mv_ds: 0, events_mv: -1, events: -2, events_merger_copy: 1, events_serving_ds: 2 },
      cut: { upstream: 0, downstream: 1 },
      depth: { upstream: 2, downstream: 2 },
    });
    assert.deepEqual(layersOf(1, 'all').layers, { events_mv_ds: 0, events_mv: -1, events_merger_copy: 1, events_serving_ds: 2, events_api: 3 });
    assert.deepEqual(layersOf(1, 'all').cut, { upstream: 1, downstream: 0 });
    const notes = cutNotes(lineageGraph(ctxOf(index), fileOf(index, 'events_mv_ds'), 1, 1)!);
    assert.deepEqual(notes, ['1 more upstream beyond depth 1', '2 more downstream beyond depth 1']);
  });

  it('stays readable for the corpus biggest fan-out: collapsed columns, expandable', () => {
    const corpus = corpusIndex();
    let widest = { name: '', count: 0 };
    for (const name of corpus.names()) {
      const count = corpus.readersOf(name).length;
      if (count > widest.count) widest = { name, count };
    }
    const view = lineageGraph(ctxOf(corpus), fileOf(corpus, widest.name))!;
    const layout = layoutLineage(view, new Set());
    const perColumn = new Map<number, number>();
    for (const b of layout.boxes) perColumn.set(b.layer, (perColumn.get(b.layer) ?? 0) + 1);
    assert.ok(Math.max(...perColumn.values()) <= 12);
    const more = layout.boxes.find((b) => b.id === moreId(1))!;
    assert.match(more.label, /^\+\d+ more$/);
    assert.equal(more.hidden! + 11, view.nodes.filter((n) => n.layer === 1).length);
    assert.equal(more.hiddenLabels!.length, more.hidden, 'the search looks into a collapsed column');
    assert.ok(layout.edges.every((e) => layout.boxes.some((b) => b.id === e.from) && layout.boxes.some((b) => b.id === e.to)));
    const expanded = layoutLineage(view, new Set([1]));
    assert.equal(expanded.boxes.filter((b) => b.layer === 1).length, view.nodes.filter((n) => n.layer === 1).length);
    const root = layout.boxes.find((b) => b.root)!;
    assert.ok(layout.boxes.every((b) => b.shortLabel.length <= 32 && (b.label.length > 32 || b.shortLabel === b.label)));
    assert.ok(layout.boxes.filter((b) => b.layer < 0).every((b) => b.x < root.x));
    assert.ok(layout.boxes.filter((b) => b.layer > 0).every((b) => b.x > root.x));
  });

  it('elides long names in the middle so the distinguishing suffix stays visible', () => {
    assert.equal(elideMiddle('activityRelations_deduplicated_cleaned_bucket_3', 32), 'activityRelat…d_cleaned_bucket_3');
    assert.equal(elideMiddle('activityRelations_deduplicated_cleaned_bucket_3', 32).length, 32);
    assert.equal(elideMiddle('short_name', 32), 'short_name');
    const names = Array.from({ length: 8 }, (_, i) => `activityRelations_deduplicated_cleaned_bucket_${i}`);
    assert.equal(new Set(names.map((n) => elideMiddle(n, 32))).size, 8, 'eight buckets stay distinguishable');
  });

  it('serves a self-contained page under a nonce CSP', () => {
    const html = lineageHtml('abc123', 'vscode-resource:');
    assert.match(html, /content="default-src 'none';[^"]*script-src 'nonce-abc123';/);
    assert.doesNotMatch(html, /https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    assert.equal(html.match(/<script nonce="abc123">/g)!.length, 1);
  });
});
