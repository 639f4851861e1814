import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { CURRENT_ENV_KEY } from '../../client/tinybird/context';
import { pathToUri } from '../../server/lsp/convert';
import { CONTINUE_ACTION, FORCE_ACTION, PUSH_ANYWAY_ACTION, SKIP_ACTION } from '../../client/tinybird/push';
import { ONLY_THIS_ACTION, WITH_UPSTREAM_ACTION, pushAll, pushChanged, pushCurrent } from '../../client/tinybird/pushActions';
import { ALTER_ACTION, RECREATE_ACTION } from '../../client/tinybird/pushDatasource';
import type { ProjectGraph } from '../../server/protocol';
import { RecordedRequest, TinybirdApiServer } from './apiServer';
import { ScriptedUi, TestContext, corpusGraph, makeContext, tempProject, uriOf, CORPUS_PUSH_ORDER } from './helpers';
import { writeTree } from '../support/tempTree';

let server: TinybirdApiServer;
let root: string;

beforeEach(async () => {
  server = await TinybirdApiServer.start();
  root = await tempProject(
    [`TB_HOST_STAGING=${server.url}`, `TB_TOKEN_STAGING=${server.token}`, `TB_HOST_PRODUCTION=${server.url}`, `TB_TOKEN_PRODUCTION=${server.token}`].join('\n'),
  );
});
afterEach(() => server.close());

function context(ui = new ScriptedUi(), env = 'STAGING', graph?: ProjectGraph): TestContext {
  const ctx = makeContext(root, ui, {}, graph);
  ctx.memory.values.set(CURRENT_ENV_KEY, env);
  return ctx;
}

const ORDER = CORPUS_PUSH_ORDER;
const DATASOURCES = ORDER.slice(0, 4);

const writeFiles = (files: Record<string, string>) => writeTree(root, files);

function git(...args: string[]) {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-C', root, ...args]);
}

const uri = (file: string) => pathToUri(path.join(root, file));

/** Non-GET requests as "METHOD /path" plus the alter's `dry` flag, when there is one. */
function writes(): string[] {
  const show = (r: RecordedRequest) => `${r.method} ${r.path}${r.form?.dry ? ` dry=${r.form.dry}` : ''}`;
  return server.requests.filter((r) => r.method !== 'GET').map(show);
}

function noTokenInUrls() {
  for (const r of server.requests) assert.ok(!('token' in r.query), `token in URL of ${r.method} ${r.path}`);
}

test('Push all sends the corpus files in dependency order with the documented request shapes', async () => {
  const ctx = context();
  const report = await pushAll(ctx);
  assert.deepEqual(report.done.map((d) => [d.name, d.status]), ORDER.map((n) => [n, 'created']));
  assert.equal(report.failed, undefined);

  const id = (pipe: string) => server.pipes.get(pipe)?.id;
  const node = (pipe: string, i = 0) => server.pipes.get(pipe)?.nodes[i].id;
  assert.deepEqual(server.calls(), [
    ...DATASOURCES.map((n) => `GET /v0/datasources/${n}`),
    ...ORDER.slice(4).map((n) => `GET /v0/pipes/${n}`),
    ...DATASOURCES.map(() => 'POST /v0/datasources'),
    'POST /v0/pipes',
    'POST /v0/pipes',
    'GET /v0/datasources/activityRelations_bucket_MV_ds_0',
    `PUT /v0/pipes/${id('activityRelations_bucket_MV_snapshot_0')}/nodes/${node('activityRelations_bucket_MV_snapshot_0')}/copy`,
    'POST /v0/pipes',
    `POST /v0/pipes/insightsProjects_filtered/nodes/${node('insightsProjects_filtered')}/endpoint`,
    'POST /v0/pipes',
    `POST /v0/pipes/ping/nodes/${node('ping')}/endpoint`,
    'POST /v0/pipes',
    `POST /v0/pipes/sitemap_projects/nodes/${node('sitemap_projects')}/endpoint`,
  ]);
  noTokenInUrls();
  for (const r of server.requests) assert.equal(r.headers.authorization, `Bearer ${server.token}`);
  assert.deepEqual(server.requests[0].query, { attrs: [''] });

  const creates = server.requests.filter((r) => r.method === 'POST' && r.path === '/v0/datasources');
  assert.deepEqual(creates.map((r) => r.form?.name), DATASOURCES);
  const insights = creates[2].form ?? {};
  assert.equal(creates[2].headers['content-type'], 'application/x-www-form-urlencoded');
  assert.ok(insights.schema.startsWith('`id` String `json:$.record.id`,`name` String `json:$.record.name`,'), insights.schema);
  assert.ok(insights.schema.endsWith('`keywords` Array(String) `json:$.record.keywords[:]` DEFAULT []'));
  assert.match(insights.description, /^- `insightsProjects` contains project definitions/);
  assert.deepEqual(
    { format: insights.format, engine: insights.engine, pk: insights.engine_partition_key, sk: insights.engine_sorting_key, ver: insights.engine_ver },
    { format: 'ndjson', engine: 'ReplacingMergeTree', pk: 'toYear(createdAt)', sk: 'id', ver: 'updatedAt' },
  );
  assert.equal(creates[0].form?.engine_sorting_key, 'segmentId, timestamp, type, platform, channel, sourceId');

  const pipes = server.requests.filter((r) => r.method === 'POST' && r.path === '/v0/pipes');
  for (const p of pipes) {
    assert.equal(p.headers['content-type'], 'application/json');
    assert.deepEqual(p.query, { ignore_sql_errors: ['false'], unlink_on_populate_error: ['false'] });
  }
  assert.deepEqual(pipes[0].json, {
    name: 'activityRelations_bucket_MV_0',
    description: '',
    nodes: [{ name: 'bucket_activityRelations_0', sql: 'SELECT * FROM activityRelations WHERE cityHash64(segmentId) % 10 = 0', type: 'materialized', datasource: 'activityRelations_bucket_MV_ds_0' }],
  });
  assert.deepEqual(pipes[1].json, {
    name: 'activityRelations_bucket_MV_snapshot_0',
    description: '',
    nodes: [
      {
        name: 'untitled_pipe_8603_0',
        sql: 'SELECT * FROM activityRelations WHERE cityHash64(segmentId) % 10 = 0',
        type: 'copy',
        target_datasource: 'activityRelations_bucket_MV_ds_0',
        copy_schedule: '@on-demand',
        mode: 'append',
      },
    ],
    target_datasource: 'activityRelations_bucket_MV_ds_0',
    schedule_cron: null,
  });
  const copyPut = server.requests.find((r) => r.method === 'PUT');
  assert.deepEqual(copyPut?.form, { mode: 'append' });
  const filtered = pipes[2].json as { nodes: Array<{ sql: string; type: string }> };
  assert.ok(filtered.nodes[0].sql.startsWith('%\nSELECT\n    insights_projects_populated_ds.id,'));
  assert.equal(server.pipes.get('sitemap_projects')?.type, 'endpoint');
  assert.equal(server.pipes.get('activityRelations_bucket_MV_snapshot_0')?.type, 'copy');
  assert.deepEqual(ctx.ui.infos, ['Tinybird push to STAGING: 9 created.']);
  assert.deepEqual(ctx.logger.lines.slice(-10), ['Push report for STAGING: 9 resource(s)', ...ORDER.map((n) => `  created  ${n}`)]);
  assert.equal(ctx.ui.progressTitles[1], 'Tinybird: pushing to STAGING');
  assert.match(ctx.ui.progressMessages.join('|'), /^activityRelations \(1\/9\)\|/);
});

test('existing resources are skipped unless "force" is chosen; force shows the alter operations, applies them on confirmation and re-creates pipes', async () => {
  await pushAll(context());

  server.reset();
  const skip = context(new ScriptedUi([SKIP_ACTION]));
  const skipped = await pushAll(skip);
  assert.deepEqual(skipped.done.map((d) => d.status), ORDER.map(() => 'skipped'));
  assert.ok(server.requests.every((r) => r.method === 'GET'));
  assert.match(skip.ui.prompts[0].text, /^9 resource\(s\) already exist on STAGING: activityRelations, /);
  assert.deepEqual(skip.ui.prompts[0].options, [FORCE_ACTION, SKIP_ACTION]);

  server.reset();
  const ds = server.datasources.get('insightsProjects');
  assert.ok(ds);
  const pushed = ds.schema;
  ds.schema = pushed.replace('`enabled` UInt8', '`enabled` UInt16').replace(/,`keywords`.*$/, ',`legacy` String');
  const ctx = context(new ScriptedUi([FORCE_ACTION, ALTER_ACTION]));
  const forced = await pushAll(ctx);
  assert.deepEqual(
    forced.done.map((d) => d.status),
    ['unchanged', 'unchanged', 'updated', 'unchanged', 'updated', 'updated', 'updated', 'updated', 'updated'],
  );
  assert.deepEqual(ctx.ui.prompts[1], {
    kind: 'confirm',
    text: [
      'Alter the datasource insightsProjects on STAGING? 3 operation(s) will be applied. | Operations (from a dry run):',
      '• MODIFY COLUMN `enabled` UInt8 DEFAULT 1',
      '• ADD COLUMN `keywords` Array(String) DEFAULT [] AFTER `isLF`',
      '• DROP COLUMN `legacy`',
      'Pipes that depend on it: sitemap_projects',
    ].join('\n'),
    options: [ALTER_ACTION],
  });
  assert.deepEqual(writes().filter((w) => w.includes('/v0/datasources')), [
    'POST /v0/datasources/insightsProjects/alter dry=true',
    'POST /v0/datasources/insightsProjects/alter dry=false',
  ]);
  assert.deepEqual(Object.keys(server.requests.find((r) => r.path.endsWith('/alter'))?.form ?? {}), ['schema', 'dry']);
  const pipePosts = server.requests.filter((r) => r.method === 'POST' && r.path === '/v0/pipes');
  assert.ok(pipePosts.every((r) => r.query.force?.[0] === 'true'));
  assert.equal(ds.schema, pushed);
  assert.deepEqual(ctx.ui.infos, [
    'Tinybird push to STAGING: 6 updated; unchanged: activityRelations, activityRelations_bucket_MV_ds_0, insights_projects_populated_ds.',
  ]);
});

test('dismissing the alter confirmation applies nothing and stops the push there', async () => {
  await pushAll(context());
  server.reset();
  const ds = server.datasources.get('insightsProjects');
  assert.ok(ds);
  ds.schema = '`id` String';
  const ctx = context(new ScriptedUi([FORCE_ACTION, undefined]));
  const report = await pushAll(ctx);
  assert.equal(report.cancelled, true);
  assert.deepEqual(report.done, [
    { name: 'activityRelations', status: 'unchanged' },
    { name: 'activityRelations_bucket_MV_ds_0', status: 'unchanged' },
  ]);
  assert.deepEqual(report.notPushed, ORDER.slice(2));
  assert.equal(ds.schema, '`id` String');
  assert.deepEqual(writes(), ['POST /v0/datasources/insightsProjects/alter dry=true']);
  assert.match(ctx.ui.prompts[1].text, /^Alter the datasource insightsProjects on STAGING\? 17 operation\(s\) will be applied\. \| Operations \(from a dry run\):\n• ADD COLUMN `name` String AFTER `id`\n/);
  assert.deepEqual(ctx.ui.infos, ['Tinybird push to STAGING: unchanged: activityRelations, activityRelations_bucket_MV_ds_0; 7 not pushed; cancelled.']);
  assert.equal(ctx.logger.lines.filter((l) => / {2}not pushed {2}\S+ — cancelled$/.test(l)).length, 7);
});

test('force push of an unchanged datasource compares it with the remote and sends nothing (the API refuses an empty alter)', async () => {
  const file = uriOf(corpusGraph(), 'insightsProjects');
  await pushCurrent(context(), file);
  server.reset();
  const ctx = context(new ScriptedUi([FORCE_ACTION]));
  const report = await pushCurrent(ctx, file);
  assert.deepEqual(report.done, [{ name: 'insightsProjects', status: 'unchanged' }]);
  assert.deepEqual(ctx.ui.prompts.map((p) => p.options), [[FORCE_ACTION, SKIP_ACTION]]);
  assert.deepEqual(server.calls(), ['GET /v0/datasources/insightsProjects']);
  assert.deepEqual(ctx.ui.infos, ['Tinybird push to STAGING: unchanged: insightsProjects.']);
});

test('the test API server rejects an alter with no operations, dry run included, as the real API does', async () => {
  const file = uriOf(corpusGraph(), 'insightsProjects');
  await pushCurrent(context(), file);
  const ds = server.datasources.get('insightsProjects');
  const res = await fetch(`${server.url}/v0/datasources/insightsProjects/alter`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ schema: ds?.schema ?? '', dry: 'true' }),
  });
  assert.equal(res.status, 400);
  assert.match(((await res.json()) as { error: string }).error, /^There were no operations to perform, new schema, ttl and indexes are the same as the existing ones\.$/);
});

test('force push of only a new description or TTL alters just that field, without an operations prompt for a description', async () => {
  const file = uriOf(corpusGraph(), 'insightsProjects');
  await pushCurrent(context(), file);
  const ds = server.datasources.get('insightsProjects');
  assert.ok(ds);
  ds.description = 'old text';
  server.reset();
  const ctx = context(new ScriptedUi([FORCE_ACTION]));
  const report = await pushCurrent(ctx, file);
  assert.deepEqual(report.done, [{ name: 'insightsProjects', status: 'updated' }]);
  assert.deepEqual(writes(), ['POST /v0/datasources/insightsProjects/alter dry=true', 'POST /v0/datasources/insightsProjects/alter dry=false']);
  assert.deepEqual(Object.keys(server.requests[1].form ?? {}), ['description', 'dry']);
  assert.notEqual(ds.description, 'old text');

  ds.ttl = 'toDate(createdAt) + INTERVAL 1 DAY';
  server.reset();
  const ttl = context(new ScriptedUi([FORCE_ACTION, ALTER_ACTION]));
  assert.deepEqual((await pushCurrent(ttl, file)).done, [{ name: 'insightsProjects', status: 'updated' }]);
  assert.match(ttl.ui.prompts[1].text, /• REMOVE TTL/);
  assert.equal(ds.ttl, undefined);
});

test('an engine or sorting key change is said plainly with the ways out; declining fails that resource without sending anything', async () => {
  const file = uriOf(corpusGraph(), 'activityRelations');
  await pushCurrent(context(), file);
  const ds = server.datasources.get('activityRelations');
  assert.ok(ds);
  ds.engine = 'MergeTree';
  ds.engineArgs.sorting_key = 'id';
  server.reset();
  const ctx = context(new ScriptedUi([FORCE_ACTION, undefined]));
  const report = await pushCurrent(ctx, file);
  assert.deepEqual(ctx.ui.prompts[1].options, [RECREATE_ACTION]);
  assert.match(ctx.ui.prompts[1].text, /^activityRelations on STAGING cannot be altered to match the file: engine: MergeTree → ReplacingMergeTree; sorting key: id → .+\. \| Ways out: drop and recreate it \(all its rows are deleted; .*\), or add VERSION <n> to the file, push it as a new datasource activityRelations__v<n>, and fill it from the old one with a copy pipe\.$/);
  assert.match(report.failed?.message ?? '', /cannot be altered to match the file: engine: MergeTree → ReplacingMergeTree/);
  assert.deepEqual(writes(), []);
});

test('recreating after an engine change drops and creates the datasource; on production it asks a second time', async () => {
  const file = uriOf(corpusGraph(), 'activityRelations');
  await pushCurrent(context(), file);
  const ds = server.datasources.get('activityRelations');
  assert.ok(ds);
  ds.engine = 'MergeTree';
  server.reset();
  const ctx = context(new ScriptedUi([FORCE_ACTION, RECREATE_ACTION]));
  assert.deepEqual((await pushCurrent(ctx, file)).done, [{ name: 'activityRelations', status: 'recreated' }]);
  assert.deepEqual(writes(), ['DELETE /v0/datasources/activityRelations', 'POST /v0/datasources']);
  assert.equal(server.datasources.get('activityRelations')?.engine, 'ReplacingMergeTree');

  (server.datasources.get('activityRelations') as { engine?: string }).engine = 'MergeTree';
  server.reset();
  const prod = context(new ScriptedUi([FORCE_ACTION, 'Push to PRODUCTION', RECREATE_ACTION, undefined]), 'PRODUCTION');
  const declined = await pushCurrent(prod, file);
  assert.match(prod.ui.prompts[3].text, /^Really drop the datasource activityRelations on the production environment PRODUCTION\?/);
  assert.equal(declined.cancelled, true);
  assert.deepEqual(writes(), []);
});

test('force push sends KAFKA_*/IMPORT_* settings with PUT /v0/datasources/<name> after the alter', async () => {
  writeFiles({
    'datasources/kafka_events.datasource': 'SCHEMA >\n    `id` String\n',
    'datasources/s3_events.datasource': 'SCHEMA >\n    `id` String,\n    `ts` DateTime\n',
  });
  server.addDatasource('kafka_events');
  server.addDatasource('s3_events');
  const graph: ProjectGraph = {
    resources: [
      { name: 'kafka_events', kind: 'datasource', uri: uri('datasources/kafka_events.datasource'), dependsOn: [] },
      { name: 's3_events', kind: 'datasource', uri: uri('datasources/s3_events.datasource'), dependsOn: [] },
    ],
  };
  // The stand-in language server does not read connector settings; these are the API names the real one maps them to (§2.5).
  const settings: Record<string, Record<string, string>> = {
    kafka_events: { kafka_connection_name: 'kafka_main', kafka_topic: 'events', kafka_group_id: 'events_group', kafka_auto_offset_reset: 'latest' },
    s3_events: { service: 's3', connection: 's3_main', bucket_uri: 's3://bucket/events/*.ndjson', cron: '@once', mode: 'append' },
  };
  const ctx = context(new ScriptedUi([FORCE_ACTION, ALTER_ACTION]), 'STAGING', graph);
  const read = ctx.server.pushDefinition.bind(ctx.server);
  ctx.server.pushDefinition = async (u) => {
    const def = await read(u);
    return def.kind === 'datasource' ? { ...def, connector: settings[def.name] } : def;
  };
  const report = await pushAll(ctx);
  assert.deepEqual(report.done, [
    { name: 'kafka_events', status: 'updated' },
    { name: 's3_events', status: 'updated' },
  ]);
  assert.deepEqual(writes(), [
    'PUT /v0/datasources/kafka_events',
    'POST /v0/datasources/s3_events/alter dry=true',
    'POST /v0/datasources/s3_events/alter dry=false',
    'PUT /v0/datasources/s3_events',
  ]);
  const puts = server.requests.filter((r) => r.method === 'PUT');
  assert.deepEqual(puts.map((r) => [r.headers['content-type'], r.form]), [
    ['application/x-www-form-urlencoded', settings.kafka_events],
    ['application/x-www-form-urlencoded', settings.s3_events],
  ]);
  assert.deepEqual(server.datasources.get('s3_events')?.settings, settings.s3_events);
  assert.deepEqual(ctx.ui.prompts.map((p) => p.options), [[FORCE_ACTION, SKIP_ACTION], [ALTER_ACTION]]);
  assert.match(ctx.ui.prompts[1].text, /^Alter the datasource s3_events on STAGING\? 1 operation\(s\) will be applied\. \| Operations \(from a dry run\):\n• ADD COLUMN `ts` DateTime AFTER `id`$/);
});

test('dismissing the force question pushes nothing', async () => {
  server.addDatasource('activityRelations');
  const report = await pushAll(context(new ScriptedUi([undefined])));
  assert.equal(report.cancelled, true);
  assert.deepEqual(report.done, []);
  assert.equal(report.notPushed.length, 9);
  assert.ok(server.requests.every((r) => r.method === 'GET'));
});

test('a failure asks whether to continue; stopping reports counts and the first failure, the report has every resource', async () => {
  server.fail({ method: 'POST', path: /^\/v0\/pipes$/ }, { status: 400, error: 'Data Source activityRelations_bucket_MV_ds_0 has incompatible schema' });
  const ctx = context(new ScriptedUi([undefined]));
  const report = await pushAll(ctx);
  assert.deepEqual(report.done.map((d) => d.name), DATASOURCES);
  const message = 'STAGING: POST /v0/pipes failed (400): Data Source activityRelations_bucket_MV_ds_0 has incompatible schema. (see https://www.tinybird.co/docs/api-reference/errors)';
  assert.deepEqual(report.failed, { name: 'activityRelations_bucket_MV_0', message });
  assert.deepEqual(report.notPushed, ORDER.slice(5));
  assert.deepEqual(ctx.ui.prompts.map((p) => [p.text, p.options]), [
    [`activityRelations_bucket_MV_0 failed on STAGING: ${message} | Stop here, or continue with the other 4 resource(s)? Resources that depend on activityRelations_bucket_MV_0 are skipped either way.`, [CONTINUE_ACTION]],
  ]);
  assert.equal(server.calls().filter((c) => c.startsWith('POST /v0/pipes')).length, 1);
  assert.deepEqual(ctx.ui.errors, [
    `Tinybird push to STAGING: 4 created; failed: activityRelations_bucket_MV_0; 4 not pushed. First failure: activityRelations_bucket_MV_0: ${message}. The full report is in the Tinybird output.`,
  ]);
  assert.deepEqual(ctx.logger.lines.slice(-10), [
    'Push report for STAGING: 9 resource(s)',
    ...DATASOURCES.map((n) => `  created     ${n}`),
    `  FAILED      activityRelations_bucket_MV_0 — ${message}`,
    ...ORDER.slice(5).map((n) => `  not pushed  ${n} — the push stopped at the failure`),
  ]);
});

test('continuing past failures pushes the rest and skips what depends on a failed resource', async () => {
  const failing = (name: string) => (r: RecordedRequest) => r.form?.name === name || (r.json as { name?: string } | undefined)?.name === name;
  server.fail({ method: 'POST', path: /^\/v0\/datasources$/, where: failing('insightsProjects') }, { status: 400, error: 'Invalid schema' });
  server.fail({ method: 'POST', path: /^\/v0\/pipes$/, where: failing('ping') }, { status: 400, error: 'Invalid SQL' });
  const ctx = context(new ScriptedUi([CONTINUE_ACTION]));
  const report = await pushAll(ctx);
  assert.equal(ctx.ui.prompts.length, 1, 'asked once, at the first failure');
  assert.deepEqual(report.failures.map((f) => f.name), ['insightsProjects', 'ping']);
  assert.deepEqual(report.upstreamFailed, [{ name: 'sitemap_projects', upstream: 'insightsProjects' }]);
  assert.deepEqual(report.notPushed, []);
  assert.deepEqual(report.outcomes.map((o) => [o.name, o.status]), [
    ['activityRelations', 'created'],
    ['activityRelations_bucket_MV_ds_0', 'created'],
    ['insightsProjects', 'failed'],
    ['insights_projects_populated_ds', 'created'],
    ['activityRelations_bucket_MV_0', 'created'],
    ['activityRelations_bucket_MV_snapshot_0', 'created'],
    ['insightsProjects_filtered', 'created'],
    ['ping', 'failed'],
    ['sitemap_projects', 'upstream-failed'],
  ]);
  assert.ok(!server.pipes.has('sitemap_projects'));
  assert.match(ctx.ui.errors[0], /^Tinybird push to STAGING: 6 created; failed: insightsProjects, ping; skipped \(upstream failed\): sitemap_projects\. First failure: insightsProjects: STAGING: POST \/v0\/datasources failed \(400\): Invalid schema\. /);
  assert.ok(ctx.logger.lines.includes('  skipped (upstream)  sitemap_projects — not attempted: insightsProjects failed or was skipped'));
});

test('a pipe created but not published says what exists remotely; the same for a failed copy-settings PUT', async () => {
  server.fail({ method: 'POST', path: /\/endpoint$/ }, { status: 500, error: 'Internal error' });
  const ctx = context();
  const report = await pushCurrent(ctx, uriOf(corpusGraph(), 'ping'));
  assert.match(report.failed?.message ?? '', /^STAGING: server error \(500\) for POST \/v0\/pipes\/ping\/nodes\/\S+\/endpoint: Internal error\. .*The pipe ping was created on STAGING but is not published as an endpoint \(node \S+\)\.$/);
  assert.ok(server.pipes.has('ping'));

  await pushCurrent(context(new ScriptedUi([WITH_UPSTREAM_ACTION])), uriOf(corpusGraph(), 'activityRelations_bucket_MV_ds_0'));
  await pushCurrent(context(), uriOf(corpusGraph(), 'activityRelations'));
  server.fail({ method: 'PUT', path: /\/copy$/ }, { status: 400, error: 'Invalid cron expression' });
  const copy = await pushCurrent(context(), uriOf(corpusGraph(), 'activityRelations_bucket_MV_snapshot_0'));
  assert.match(copy.failed?.message ?? '', /The pipe activityRelations_bucket_MV_snapshot_0 was created on STAGING but its copy settings \(mode, schedule, target\) were not applied\.$/);
});

test('production writes need a confirmation naming the environment and resources, with Cancel as the default', async () => {
  const declined = context(new ScriptedUi([undefined]), 'PRODUCTION');
  const report = await pushCurrent(declined, uriOf(corpusGraph(), 'ping'));
  assert.equal(report.cancelled, true);
  assert.deepEqual(declined.ui.prompts, [
    { kind: 'confirm', text: 'Write 1 resource(s) to the production environment PRODUCTION? | Resources: ping', options: ['Push to PRODUCTION'], cancelFirst: true },
  ]);
  assert.deepEqual(server.calls(), ['GET /v0/pipes/ping']);

  server.reset();
  const accepted = context(new ScriptedUi(['Push to PRODUCTION']), 'PRODUCTION');
  const ok = await pushCurrent(accepted, uriOf(corpusGraph(), 'ping'));
  assert.deepEqual(ok.done, [{ name: 'ping', status: 'created' }]);
  assert.deepEqual(server.calls().slice(0, 2), ['GET /v0/pipes/ping', 'POST /v0/pipes']);
});

test('settings can mark another environment as production', async () => {
  const ctx = makeContext(root, new ScriptedUi([undefined]), { productionEnvironments: ['staging'] });
  ctx.memory.values.set(CURRENT_ENV_KEY, 'STAGING');
  const report = await pushCurrent(ctx, uriOf(corpusGraph(), 'ping'));
  assert.equal(report.cancelled, true);
  assert.match(ctx.ui.prompts[0].text, /production environment STAGING\?/);
});

test('cancelling the progress stops before the next resource', async () => {
  const ui = new ScriptedUi();
  ui.cancelWhen = 'insightsProjects (3/9)';
  const report = await pushAll(context(ui));
  assert.equal(report.cancelled, true);
  assert.deepEqual(report.done.map((d) => d.name), DATASOURCES.slice(0, 2));
  assert.deepEqual(report.notPushed, ORDER.slice(2));
  assert.equal(server.requests.filter((r) => r.method === 'POST').length, 2);
});

test('Push changed pushes the files that differ from git HEAD, in order, and grants TOKEN scopes', async () => {
  const files = {
    'datasources/events.datasource': 'SCHEMA >\n    `id` String,\n    `ts` DateTime\n',
    'datasources/unchanged.datasource': 'SCHEMA >\n    `id` String\n',
    'pipes/events_endpoint.pipe': 'TOKEN "app-read" READ\n\nNODE events_endpoint_0\nSQL >\n    SELECT count() FROM events\n',
  };
  writeFiles(files);
  git('init', '-q');
  git('add', 'datasources/unchanged.datasource', 'pipes/events_endpoint.pipe');
  git('commit', '-q', '-m', 'init');
  await fs.appendFile(path.join(root, 'pipes/events_endpoint.pipe'), '\n');

  const graph: ProjectGraph = {
    resources: [
      { name: 'events_endpoint', kind: 'pipe', uri: uri('pipes/events_endpoint.pipe'), dependsOn: ['events'] },
      { name: 'unchanged', kind: 'datasource', uri: uri('datasources/unchanged.datasource'), dependsOn: [] },
      { name: 'events', kind: 'datasource', uri: uri('datasources/events.datasource'), dependsOn: [] },
    ],
  };
  const ctx = context(new ScriptedUi(), 'STAGING', graph);
  const report = await pushChanged(ctx);
  assert.deepEqual(report.done, [
    { name: 'events', status: 'created' },
    { name: 'events_endpoint', status: 'created' },
  ]);
  assert.deepEqual(server.calls().slice(-3), ['POST /v0/pipes/events_endpoint/nodes/' + server.pipes.get('events_endpoint')?.nodes[0].id + '/endpoint', 'GET /v0/tokens', 'POST /v0/tokens']);
  const grant = server.requests[server.requests.length - 1];
  assert.deepEqual(grant.query, { name: ['app-read'], origin: ['P'], resource_id: ['events_endpoint'], scope: ['PIPES:READ:events_endpoint'] });
  assert.equal(server.datasources.get('events')?.schema, '`id` String,`ts` DateTime');

  server.reset();
  git('add', '-A');
  git('commit', '-q', '-m', 'all');
  const none = await pushChanged(context(new ScriptedUi(), 'STAGING', graph));
  assert.deepEqual(none.done, []);
  assert.deepEqual(server.requests, []);
});

test('Push changed pushes every resource that includes a changed .incl, nested includes too, in dependency order', async () => {
  writeFiles({
    'includes/shared.incl': 'KAFKA_TOPIC events\n',
    'includes/kafka.incl': 'KAFKA_CONNECTION_NAME main\nINCLUDE "shared.incl"\n',
    'includes/other.incl': 'NODE other_0\nSQL >\n    SELECT 1\n',
    'datasources/events.datasource': 'SCHEMA >\n    `id` String\n\nINCLUDE "../includes/kafka.incl"\n',
    'datasources/unrelated.datasource': 'SCHEMA >\n    `id` String\n',
    'pipes/events_endpoint.pipe': 'INCLUDE "../includes/shared.incl"\n\nNODE events_endpoint_0\nSQL >\n    SELECT count() FROM events\n',
    'pipes/other_endpoint.pipe': 'INCLUDE "../includes/other.incl"\n\nNODE other_endpoint_0\nSQL >\n    SELECT * FROM other_0\n',
  });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'init');
  await fs.writeFile(path.join(root, 'includes/shared.incl'), 'KAFKA_TOPIC events_v2\n');

  // Listed downstream-first, with `includes` as the language server fills it (events reaches shared.incl through kafka.incl).
  const graph: ProjectGraph = {
    resources: [
      { name: 'other_endpoint', kind: 'pipe', uri: uri('pipes/other_endpoint.pipe'), dependsOn: [], includes: [uri('includes/other.incl')] },
      { name: 'events_endpoint', kind: 'pipe', uri: uri('pipes/events_endpoint.pipe'), dependsOn: ['events'], includes: [uri('includes/shared.incl')] },
      { name: 'unrelated', kind: 'datasource', uri: uri('datasources/unrelated.datasource'), dependsOn: [] },
      { name: 'events', kind: 'datasource', uri: uri('datasources/events.datasource'), dependsOn: [], includes: [uri('includes/kafka.incl'), uri('includes/shared.incl')] },
    ],
  };
  const report = await pushChanged(context(new ScriptedUi(), 'STAGING', graph));
  assert.deepEqual(report.done, [
    { name: 'events', status: 'created' },
    { name: 'events_endpoint', status: 'created' },
  ]);
  assert.deepEqual(server.calls(), [
    'GET /v0/datasources/events',
    'GET /v0/pipes/events_endpoint',
    'POST /v0/datasources',
    'POST /v0/pipes',
    `POST /v0/pipes/events_endpoint/nodes/${server.pipes.get('events_endpoint')?.nodes[0].id}/endpoint`,
  ]);
  assert.equal(server.requests[2].form?.name, 'events');
  assert.equal((server.requests[3].json as { name: string }).name, 'events_endpoint');
});

test('a TOKEN that already exists gets the new scope added to its old ones', async () => {
  server.tokens.set('app-read', { name: 'app-read', token: 'p.app', scopes: [{ type: 'PIPES:READ', resource: 'other_pipe' }] });
  const file = path.join(root, 'pipes/p.pipe');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, 'TOKEN "app-read" READ\n\nNODE p_0\nSQL >\n    SELECT 1\n');
  const graph: ProjectGraph = { resources: [{ name: 'p', kind: 'pipe', uri: pathToUri(file), dependsOn: [] }] };
  await pushCurrent(context(new ScriptedUi(), 'STAGING', graph), pathToUri(file));
  const put = server.requests[server.requests.length - 1];
  assert.equal(`${put.method} ${put.path}`, 'PUT /v0/tokens/app-read');
  assert.deepEqual(put.query, { scope: ['PIPES:READ:other_pipe', 'PIPES:READ:p'] });
  assert.ok(!JSON.stringify(server.requests.map((r) => r.query)).includes('p.app'));
});

test('preflight: errors in the files block the push unless "push anyway"; declining sends nothing at all', async () => {
  const ctx = context(new ScriptedUi([undefined]));
  ctx.server.problems.set('ping', [{ line: 4, severity: 'error', code: 'syntax', message: 'FOO is not a valid option' }]);
  ctx.server.problems.set('sitemap_projects', [{ line: 9, severity: 'warning', code: 'unresolved-reference', message: "'insightsProjectz' not found: no datasource, pipe or node with that name" }]);
  ctx.server.problems.set('insightsProjects', [{ line: 2, severity: 'warning', code: 'other-rule', message: 'a style warning' }]);
  const report = await pushAll(ctx);
  assert.equal(report.cancelled, true);
  assert.deepEqual(server.requests, []);
  assert.deepEqual(ctx.server.diagnosed, [ORDER.map((n) => uriOf(corpusGraph(), n))]);
  assert.deepEqual(ctx.ui.prompts, [
    {
      kind: 'confirm',
      text: [
        '1 error(s) in the files to push to STAGING; they will probably fail or push broken resources. | Errors:',
        'ping:5: FOO is not a valid option',
        'Missing references:',
        "sitemap_projects:10: 'insightsProjectz' not found: no datasource, pipe or node with that name",
      ].join('\n'),
      options: [PUSH_ANYWAY_ACTION],
    },
  ]);

  const anyway = context(new ScriptedUi([PUSH_ANYWAY_ACTION]));
  anyway.server.problems.set('ping', [{ line: 4, severity: 'error', code: 'syntax', message: 'FOO is not a valid option' }]);
  assert.equal((await pushAll(anyway)).done.length, 9);
});

test('preflight: missing references alone are listed for confirmation; on production errors block with no way past', async () => {
  const ctx = context(new ScriptedUi([PUSH_ANYWAY_ACTION]));
  ctx.server.problems.set('sitemap_projects', [{ line: 9, severity: 'warning', code: 'unresolved-reference', message: "'x' not found" }]);
  await pushAll(ctx);
  assert.equal(ctx.ui.prompts[0].text, "1 reference(s) in the files to push to STAGING are not defined in the project; those resources fail unless the names exist on STAGING. | Missing references:\nsitemap_projects:10: 'x' not found");

  server.reset();
  const prod = context(new ScriptedUi(), 'PRODUCTION');
  prod.server.problems.set('ping', [{ line: 0, severity: 'error', code: 'syntax', message: 'FOO is not a valid option' }]);
  await assert.rejects(pushAll(prod), /^UserError: Push to the production environment PRODUCTION blocked: 1 error\(s\) in the files to push\. Fix them first:\nping:1: FOO is not a valid option$/);
  assert.deepEqual(server.requests, []);
});

test('Push Current File offers to push the upstream the environment is missing, and only that', async () => {
  const file = uriOf(corpusGraph(), 'activityRelations_bucket_MV_snapshot_0');
  await pushCurrent(context(), uriOf(corpusGraph(), 'activityRelations'));
  server.reset();
  const ctx = context(new ScriptedUi([WITH_UPSTREAM_ACTION]));
  const report = await pushCurrent(ctx, file);
  assert.deepEqual(ctx.ui.prompts[0].options, [WITH_UPSTREAM_ACTION, ONLY_THIS_ACTION]);
  assert.match(ctx.ui.prompts[0].text, /^activityRelations_bucket_MV_snapshot_0 needs 1 resource\(s\) that STAGING does not have: activityRelations_bucket_MV_ds_0 \| /);
  assert.deepEqual(report.done, [
    { name: 'activityRelations_bucket_MV_ds_0', status: 'created' },
    { name: 'activityRelations_bucket_MV_snapshot_0', status: 'created' },
  ]);

  server.reset();
  const again = context(new ScriptedUi([FORCE_ACTION]));
  await pushCurrent(again, file);
  assert.deepEqual(again.ui.prompts.map((p) => p.options), [[FORCE_ACTION, SKIP_ACTION]], 'upstream present: not offered');

  const only = context(new ScriptedUi([ONLY_THIS_ACTION]));
  const alone = await pushCurrent(only, uriOf(corpusGraph(), 'sitemap_projects'));
  assert.deepEqual(alone.outcomes.map((o) => o.name), ['sitemap_projects']);
  assert.ok(!server.datasources.has('insightsProjects'));
});
