// The crowd.dev corpus (427 real files, all tb fmt fixed points): one template error and exactly the
// warnings listed here, each a true positive (see the README's corpus section).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CORPUS, findingsIn, loadWorkspace } from './helpers';

const index = loadWorkspace(CORPUS);
const findings = findingsIn(index, CORPUS);
const of = (severity: string) => findings.filter((f) => f.found.severity === severity).map((f) => `${f.found.rule.id} ${f.where}`);

test('the corpus has one error: the template of activities_relations_filtered fails for any request that sets repos', () => {
  assert.ok(index.size >= 427);
  assert.deepEqual(of('error'), ['template-error pipes/activities_relations_filtered.pipe:120']);
});

test('the corpus warnings are exactly the known true positives', () => {
  assert.deepEqual(of('warning'), [
    'replacing-without-ver datasources/activityRelations_enrich_snapshot_MV_ds.datasource:31',
    'target-missing-column pipes/cdp_segment_metrics_copy_pipe.pipe:99',
    'unresolved-reference pipes/pull_request_analysis_MV_baseline_merge.pipe:18',
    'unresolved-reference pipes/pull_request_analysis_MV_baseline_merge.pipe:20',
    'unresolved-reference pipes/pull_request_analysis_MV_baseline_merge.pipe:235',
    'unresolved-reference pipes/pull_request_analysis_MV_baseline_merge.pipe:237',
    'unresolved-reference pipes/segmentId_aggregates_initial_snapshot.pipe:10',
    'unresolved-reference pipes/segmentId_aggregates_initial_snapshot.pipe:12',
    'snapshot-filter pipes/sitemap_leaderboards.pipe:3',
  ]);
});

test('snapshot-filter flags the unfiltered read of leaderboards_copy_ds and nothing that filters', () => {
  const snapshot = findings.filter((f) => f.found.rule.id === 'snapshot-filter');
  assert.deepEqual(
    snapshot.map((f) => `${f.where} ${f.file.parsed.text.slice(f.found.finding.span.start, f.found.finding.span.end)}`),
    ['pipes/sitemap_leaderboards.pipe:3 leaderboards_copy_ds'],
  );
  for (const silent of ['pipes/leaderboards.pipe', 'pipes/activityRelations_snapshot_merger_copy_']) {
    assert.ok(!snapshot.some((f) => f.where.startsWith(silent)), silent);
  }
  assert.ok(index.readersOf('pull_requests_analyzed').length > 0);
  assert.ok(!snapshot.some((f) => f.found.finding.message.startsWith('pull_requests_analyzed')));
});

test('the multi-snapshot datasources of the corpus are recognised and their readers checked', () => {
  const readers = index.readersOf('leaderboards_copy_ds').map((r) => r.file.name);
  assert.ok(readers.includes('leaderboards') && readers.includes('sitemap_leaderboards'));
});
