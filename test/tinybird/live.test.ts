// Live contract tests: the same flows against a real Tinybird Local when TB_LOCAL_URL is set
// (e.g. TB_LOCAL_URL=http://localhost:7181 after the `docker run` of the team guide). Skipped otherwise.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CURRENT_ENV_KEY } from '../../client/tinybird/context';
import { pull } from '../../client/tinybird/pull';
import { FORCE_ACTION } from '../../client/tinybird/push';
import { pushCurrent } from '../../client/tinybird/pushActions';
import { runSql } from '../../client/tinybird/queryActions';
import { testPipeOnTinybirdLocal } from '../../client/tinybird/testLocally';
import type { InputOptions } from '../../client/tinybird/ui';
import { ScriptedUi, corpusGraph, makeContext, tempProject, uriOf } from './helpers';

const LOCAL = process.env.TB_LOCAL_URL;
const skip = LOCAL ? false : 'TB_LOCAL_URL is not set: live contract tests against Tinybird Local skipped';
if (skip) console.log(skip);

/** Overwrites whatever a previous run left (force, then apply the alter), and accepts default parameter values. */
class LiveUi extends ScriptedUi {
  override async confirm(_message: string, _detail: string, actions: string[]): Promise<string | undefined> {
    return actions.includes(FORCE_ACTION) ? FORCE_ACTION : actions[0];
  }
  override async input(_prompt: string, options?: InputOptions): Promise<string | undefined> {
    return options?.value ?? '';
  }
}

describe('Tinybird Local (live)', { skip }, () => {
  const graph = corpusGraph();
  const context = async () => {
    const ctx = makeContext(await tempProject(`TB_HOST_LOCAL=${LOCAL}\n`), new LiveUi());
    ctx.memory.values.set(CURRENT_ENV_KEY, 'LOCAL');
    return ctx;
  };

  test('test pipe locally: token, push closure, fixture, endpoint', async () => {
    const ctx = await context();
    await testPipeOnTinybirdLocal(ctx, uriOf(graph, 'sitemap_projects'));
    assert.deepEqual(ctx.ui.errors, []);
    const [view] = ctx.ui.results;
    assert.deepEqual(view.result.meta.map((m) => m.name), ['slug']);
    assert.equal(typeof view.result.statistics?.elapsed, 'number');
  });

  test('run SQL and pull against the pushed resources', async () => {
    const ctx = await context();
    await runSql(ctx, uriOf(graph, 'sitemap_projects'), 'SELECT count() AS n FROM insightsProjects', 0);
    assert.deepEqual(ctx.ui.results[0].result.meta, [{ name: 'n', type: 'UInt64' }]);
    await pull(ctx, uriOf(graph, 'sitemap_projects'));
    assert.match(ctx.ui.diffs[0].remoteText, /NODE sitemap_projects_slugs/);
  });

  test('push a materialized view and a copy pipe', async () => {
    const ctx = await context();
    for (const name of ['activityRelations', 'activityRelations_bucket_MV_ds_0', 'activityRelations_bucket_MV_0', 'activityRelations_bucket_MV_snapshot_0']) {
      const report = await pushCurrent(ctx, uriOf(graph, name));
      assert.equal(report.failed, undefined, report.failed?.message);
    }
  });
});
