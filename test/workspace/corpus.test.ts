import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WorkspaceIndex } from '../../server/workspace/index';
import { dependenciesOf, downstreamOf, upstreamOf, walk } from '../../server/workspace/lineage';
import { corpusFiles } from '../support/corpus';

const files = corpusFiles();
const index = new WorkspaceIndex();
for (const f of files) index.update(f.path, f.text);

test('all 427 corpus files parse with zero error diagnostics', () => {
  assert.equal(files.length, 427);
  const errors = [...index.all()].flatMap((f) => f.parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => `${f.name}: ${d.message}`));
  assert.deepEqual(errors, []);
});

test('leaderboards_copy_ds is written by 14 append-mode scheduled COPY nodes', () => {
  const writers = index.writersOf('leaderboards_copy_ds');
  assert.equal(writers.length, 14);
  for (const w of writers) {
    assert.equal(w.node.type, 'copy');
    assert.equal(w.node.copyMode, 'append');
    assert.match(w.node.copySchedule ?? '', /^\d+ \d+ \* \* \*$/);
  }
  assert.ok(writers.some((w) => w.file.name === 'leaderboards_stars' && w.node.name === 'leaderboards_copy_github_stars'));
});

test('activityRelations_enrich_snapshot_MV_ds is written by the MV of activityRelations_enrich_snapshot_MV', () => {
  const writers = index.writersOf('activityRelations_enrich_snapshot_MV_ds');
  assert.deepEqual(
    writers.map((w) => [w.file.name, w.node.name, w.node.type]),
    [['activityRelations_enrich_snapshot_MV', 'activityRelations_deduplicated_cleaned_denormalized', 'materialized']],
  );
});

test('pipes/sitemap_leaderboards.pipe reads leaderboards_copy_ds', () => {
  const readers = index.readersOf('leaderboards_copy_ds');
  const sitemap = readers.filter((r) => r.file.name === 'sitemap_leaderboards');
  assert.equal(sitemap.length, 1);
  assert.ok(sitemap[0].file.path.endsWith('pipes/sitemap_leaderboards.pipe'));
  const text = index.text(sitemap[0].file.path)!;
  assert.equal(text.slice(sitemap[0].read.span.start, sitemap[0].read.span.end), 'leaderboards_copy_ds');
});

test('upstream and downstream follow reads and writes', () => {
  assert.ok(upstreamOf(index, 'leaderboards_copy_ds').includes('leaderboards_stars'));
  assert.ok(downstreamOf(index, 'leaderboards_copy_ds').includes('sitemap_leaderboards'));
  assert.ok(upstreamOf(index, 'sitemap_leaderboards').includes('leaderboards_copy_ds'));
  const { levels } = walk(index, 'leaderboards_copy_ds', 'up', 2);
  assert.ok(levels[0].names.includes('leaderboards_stars'));
});

test('a pipe depends on what it reads and writes', () => {
  const deps = dependenciesOf(index, index.pipe('leaderboards_stars')!);
  assert.ok(deps.includes('leaderboards_copy_ds'));
});
