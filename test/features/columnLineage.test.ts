import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver';
import { columnWriters } from '../../server/features/columnLineage';
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
