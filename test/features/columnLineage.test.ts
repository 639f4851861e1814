import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver';
import { columnWriters } from '../../server/semantic/writers';
import { columnPath, columnPathAt } from '../../server/features/columnPath';
import { hover } from '../../server/features/hover';
import { references } from '../../server/features/references';
import { pathToUri, uriToPath } from '../../server/lsp/convert';
import { corpusIndex, fileOf, offsetOf, where } from './support';

describe('column lineage on the corpus', () => {
  const index = corpusIndex();
  const ctx = { index, uriOf: pathToUri };
  const leaderboards = fileOf(index, 'leaderboards_copy_ds');
  const snapshotId = offsetOf(leaderboards, '`snapshotId` DateTime', 2);

  it('finds the 14 `AS snapshotId` writers among the references of the column', () => {
    const refs = references(ctx, leaderboards, snapshotId, false);
    const writers = refs.filter((loc) => {
      const file = index.get(uriToPath(loc.uri)!)!;
      const line = file.parsed.text.split('\n')[loc.range.start.line];
      return /\bas snapshotId\b/i.test(line) && file.nodes.some((n) => n.target?.name === 'leaderboards_copy_ds');
    });
    assert.equal(writers.length, 14);
    assert.ok(writers.every((l) => where(index, l).endsWith(':snapshotId')));
    assert.ok(refs.some((l) => where(index, l).startsWith('leaderboards.pipe:')), 'readers still found');
  });

  it('hovers a SCHEMA column with its writers\' expressions and its readers', () => {
    const text = (hover(ctx, leaderboards, snapshotId)!.contents as MarkupContent).value;
    assert.match(text, /\*\*Written by\*\* \(14\)\n- \[`leaderboards_avg_commits_per_author_results`\]\([^)]*\) of \[`leaderboards_avg_commits_per_author`\]\([^)]*\): `toStartOfInterval\(now\(\), INTERVAL 1 day\) as snapshotId`/);
    assert.match(text, /- \[\+6 more\]\(command:tinybird\.showLineage/);
    assert.match(text, /\*\*Read by\*\* \(2\)\n- \[`leaderboards`\]\([^)]*\) \*\*\(endpoint\)\*\* \(2 uses\)/);
    const link = /\[Show column lineage\]\(command:tinybird\.showColumnLineage\?([^)]*)\)$/.exec(text);
    assert.ok(link, 'ends with the link to the column\'s path');
    assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), [pathToUri(leaderboards.path), 'snapshotId']);
  });

  it('stops at SELECT *: the writer is named as not traced, never guessed', () => {
    const traced = columnWriters(index, 'activityRelations_enrich_snapshot_MV_ds', 'gitChangedLines');
    assert.deepEqual(traced.writers.map((w) => w.expression), ['(gitInsertions + gitDeletions) as gitChangedLines']);
    const star = columnWriters(index, 'activityRelations_enrich_snapshot_MV_ds', 'activityId');
    assert.deepEqual(star.writers, []);
    assert.deepEqual(star.untraced.map((u) => `${u.node.name}:${u.reason}`), ['activityRelations_deduplicated_cleaned_denormalized:star']);
    const ds = fileOf(index, 'activityRelations_enrich_snapshot_MV_ds');
    const text = (hover(ctx, ds, offsetOf(ds, '`activityId`', 2))!.contents as MarkupContent).value;
    assert.match(text, /selects `\*`: not traced further/);
  });
});

describe('column path for the lineage view, on the corpus', () => {
  const index = corpusIndex();
  const ctx = { index, uriOf: pathToUri };
  const MV_DS = 'activityRelations_enrich_snapshot_MV_ds';
  const WRITER = 'activityRelations_enrich_snapshot_MV.activityRelations_deduplicated_cleaned_denormalized';
  const path = (ds: string, column: string) => columnPath(ctx, fileOf(index, ds), column)!;
  const layers = (view: ReturnType<typeof path>) => Object.fromEntries(view.nodes.map((n) => [n.id, n.layer]));

  it('goes up from a column to the SELECT item writing it and the columns that item reads', () => {
    const view = path(MV_DS, 'gitChangedLines');
    assert.equal(view.root, `${MV_DS}.gitChangedLines`);
    assert.deepEqual(layers(view), { [`${MV_DS}.gitChangedLines`]: 0, [WRITER]: -1, 'activityRelations.gitInsertions': -2, 'activityRelations.gitDeletions': -2 });
    const writer = view.nodes.find((n) => n.id === WRITER)!;
    assert.equal(writer.label, 'activityRelations_enrich_snapshot_MV › activityRelations_deduplicated_cleaned_denormalized');
    assert.equal(writer.detail, '(gitInsertions + gitDeletions) as gitChangedLines');
    assert.equal(writer.line, 14, 'opens at the alias (line 15)');
    assert.deepEqual(view.edges.map((e) => `${e.from} > ${e.to}`).sort(), [
      `activityRelations.gitDeletions > ${WRITER}`,
      `activityRelations.gitInsertions > ${WRITER}`,
      `${WRITER} > ${MV_DS}.gitChangedLines`,
    ]);
    assert.equal(view.nodes.find((n) => n.id === 'activityRelations.gitInsertions')!.detail, 'UInt32 · raw');
    assert.deepEqual(view.stops, []);
  });

  it('says where the trace stops (SELECT *) and goes down through the MV writing an aggregate of it', () => {
    const view = path(MV_DS, 'activityId');
    const writer = view.nodes.find((n) => n.id === WRITER)!;
    assert.equal(writer.stop, 'selects *: not traced further');
    assert.deepEqual(view.stops, [`${WRITER.replace('.', ' › ')} selects *: not traced further`]);
    const l = layers(view);
    assert.equal(l.cdp_member_segment_aggregates_MV, 1);
    assert.equal(l['cdp_member_segment_aggregates_ds.activityCountState'], 2, 'countState(activityId) AS activityCountState');
    assert.ok(view.edges.some((e) => e.from === 'cdp_member_segment_aggregates_MV' && e.to === 'cdp_member_segment_aggregates_ds.activityCountState'));
    assert.equal(view.nodes.find((n) => n.id === 'cdp_member_segment_aggregates_MV')!.detail, 'materialized · 1 use');
  });

  it('names the readers whose SELECT * may pass the column on as stops', () => {
    const view = path('activityRelations', 'organizationId');
    const copy = view.nodes.find((n) => n.id === 'activityRelations_enrich_initial_snapshot_0')!;
    assert.equal(copy.layer, 1);
    assert.equal(copy.stop, 'selects *: not traced further (into activityRelations_enriched_deduplicated_bucket_0_ds)');
    assert.ok(view.stops.includes('activityRelations_enrich_initial_snapshot_0 › activityRelations_deduplicated_enriched_bucket_0 selects *: not traced further (into activityRelations_enriched_deduplicated_bucket_0_ds)'));
  });

  it('finds the column at a position, in SCHEMA or in SQL', () => {
    const ds = fileOf(index, MV_DS);
    assert.equal(columnPathAt(ctx, ds, offsetOf(ds, '`gitChangedLines`', 2))!.root, `${MV_DS}.gitChangedLines`);
    const reader = fileOf(index, 'cdp_member_segment_aggregates_MV');
    assert.equal(columnPathAt(ctx, reader, offsetOf(reader, 'countState(activityId)', 12))!.root, `${MV_DS}.activityId`);
    assert.equal(columnPathAt(ctx, reader, offsetOf(reader, 'countState', 2)), null, 'a function is no column');
  });

  it('answers null for what is not a SCHEMA column', () => {
    assert.equal(columnPath(ctx, fileOf(index, MV_DS), 'noSuchColumn'), null);
    assert.equal(columnPath(ctx, fileOf(index, 'leaderboards'), 'snapshotId'), null);
  });
});
