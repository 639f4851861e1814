// The team's lambda architecture end to end on the real engine (test/fixtures/engine/lambda, a small
// crowd.dev-derived project with 2 buckets instead of 10): appends to activityRelations fill the bucket
// MVs, replace-mode copies fill the cleaned bucket datasources, the serving pipe reads the latest snapshot.
// Expected rows by hand from fixtures/: kernel has a1 (m1, 5+2 lines) and a2 (m2, 40+10); linux has a3
// (m1, no git lines) and a4 by `bot`, which members_sorted does not have, so the copies drop it.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it, test } from 'node:test';
import { indexProject } from '../../cli/checkProject';
import type { EngineClient } from '../../server/engine/client';
import { appendNdjson } from '../../server/engine/fixtures';
import { prepareRun, runPipe, type RunSession } from '../../server/engine/run';
import { REPO_ROOT } from '../support/corpus';
import { testEngine } from '../support/engine';
import { runCli } from '../support/cliProcess';

const LAMBDA = path.join(REPO_ROOT, 'test/fixtures/engine/lambda');
const pipe = (name: string) => path.join(LAMBDA, 'pipes', `${name}.pipe`);
const COPIES = ['activityRelations_bucket_clean_enrich_copy_pipe_0', 'activityRelations_bucket_clean_enrich_copy_pipe_1'];

describe('lambda architecture', () => {
  const index = indexProject(LAMBDA);
  let engine: EngineClient;
  let session: RunSession;
  before(async () => {
    engine = testEngine();
    session = await prepareRun(engine, index, LAMBDA);
  });
  after(() => engine.close());
  const rows = async (sql: string) => (await engine.request({ op: 'run', sql })).result!.data;
  const run = (name: string, variables: Record<string, string> = {}) => runPipe(session, index.get(pipe(name))!, { variables });
  const copyAll = async () => {
    for (const copy of COPIES) await run(copy);
  };

  it('routes every appended activity into exactly one bucket MV', async () => {
    assert.deepEqual(session.views.sort(), ['activityRelations_bucket_MV_0.bucket_activityRelations_0', 'activityRelations_bucket_MV_1.bucket_activityRelations_1']);
    const buckets = await rows(`SELECT b, groupArray(activityId) AS ids, countIf(cityHash64(segmentId) % 2 != b) AS misrouted FROM (
      SELECT 0 AS b, activityId, segmentId FROM activityRelations_bucket_MV_ds_0 UNION ALL SELECT 1 AS b, activityId, segmentId FROM activityRelations_bucket_MV_ds_1
    ) GROUP BY b ORDER BY b`);
    assert.equal(buckets.length, 2, 'both buckets hold rows');
    assert.deepEqual(buckets.map((b) => b.misrouted), [0, 0]);
    assert.deepEqual(buckets.flatMap((b) => b.ids as string[]).sort(), ['a1', 'a2', 'a3', 'a4']);
  });

  it('serves the latest snapshot written by the replace-mode copies', async () => {
    await copyAll();
    assert.deepEqual((await run('segment_contributions')).data, [
      { segmentId: 'kernel', contributors: 2, changedLines: 57, activities: 2 },
      { segmentId: 'linux', contributors: 1, changedLines: 0, activities: 1 },
    ]);
    assert.deepEqual((await run('segment_contributions', { platform: 'discord' })).data, [{ segmentId: 'linux', contributors: 1, changedLines: 0, activities: 1 }]);
  });

  it('after more appends (an update and a new activity), the next copies replace the snapshot', async () => {
    const appended = await appendNdjson(engine, session.tables.get('activityRelations')!, [
      '{"record":{"activityId":"a2","updatedAt":"2025-03-02 10:00:00.000","memberId":"m2","platform":"github","segmentId":"kernel","timestamp":"2025-03-01 09:30:00.000","channel":"repo1","gitInsertions":60,"gitDeletions":10}}',
      '{"record":{"activityId":"a5","updatedAt":"2025-03-02 10:00:00.000","memberId":"m2","platform":"github","segmentId":"linux","timestamp":"2025-03-02 08:00:00.000","channel":"repo2","gitInsertions":2,"gitDeletions":1}}',
    ].join('\n'));
    assert.equal(appended.rows, 2);
    await copyAll();
    // a2 now has 70 lines (ReplacingMergeTree by updatedAt, read with FINAL), a5 adds m2 to linux.
    assert.deepEqual((await run('segment_contributions')).data, [
      { segmentId: 'kernel', contributors: 2, changedLines: 77, activities: 2 },
      { segmentId: 'linux', contributors: 2, changedLines: 3, activities: 2 },
    ]);
    const targets = await rows('SELECT count() AS n, uniq(snapshotId) AS snapshots FROM (SELECT snapshotId FROM activityRelations_deduplicated_cleaned_bucket_0_ds UNION ALL SELECT snapshotId FROM activityRelations_deduplicated_cleaned_bucket_1_ds)');
    assert.deepEqual(targets, [{ n: 4, snapshots: 1 }]);
  });
});

test('tb-datafiles run: the copies, then the serving pipe', () => {
  const result = runCli(['run', ...COPIES.map(pipe), pipe('segment_contributions'), '--format', 'csv']);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, 'segmentId,contributors,changedLines,activities\nkernel,2,57,2\nlinux,1,0,1\n');
});
