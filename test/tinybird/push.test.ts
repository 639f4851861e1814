import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { CURRENT_ENV_KEY } from '../../client/tinybird/context';
import { pathToUri } from '../../client/tinybird/project';
import { FORCE_ACTION, SKIP_ACTION } from '../../client/tinybird/push';
import { pushAll, pushChanged, pushCurrent } from '../../client/tinybird/pushActions';
import type { ProjectGraph } from '../../server/protocol';
import { TinybirdApiServer } from './apiServer';
import { ScriptedUi, TestContext, corpusGraph, makeContext, tempProject, uriOf, CORPUS_PUSH_ORDER } from './helpers';

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
  assert.deepEqual(ctx.ui.infos, [`Tinybird push to STAGING: created: ${ORDER.join(', ')}.`]);
  assert.equal(ctx.ui.progressTitles[1], 'Tinybird: pushing to STAGING');
  assert.match(ctx.ui.progressMessages.join('|'), /^activityRelations \(1\/9\)\|/);
});

test('existing resources are skipped unless "force" is chosen; force alters datasources and re-creates pipes', async () => {
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
  ds.schema = '`id` String';
  const forced = await pushAll(context(new ScriptedUi([FORCE_ACTION])));
  assert.deepEqual(
    forced.done.map((d) => d.status),
    ['unchanged', 'unchanged', 'overwritten', 'unchanged', 'overwritten', 'overwritten', 'overwritten', 'overwritten', 'overwritten'],
  );
  const alters = server.requests.filter((r) => r.path.endsWith('/alter'));
  assert.deepEqual(alters.map((r) => [r.path, r.form?.dry]), [
    ['/v0/datasources/activityRelations/alter', 'true'],
    ['/v0/datasources/activityRelations_bucket_MV_ds_0/alter', 'true'],
    ['/v0/datasources/insightsProjects/alter', 'true'],
    ['/v0/datasources/insightsProjects/alter', 'false'],
    ['/v0/datasources/insights_projects_populated_ds/alter', 'true'],
  ]);
  assert.ok(alters[3].form?.schema.startsWith('`id` String `json:$.record.id`'));
  const pipePosts = server.requests.filter((r) => r.method === 'POST' && r.path === '/v0/pipes');
  assert.ok(pipePosts.every((r) => r.query.force?.[0] === 'true'));
  assert.equal(server.datasources.get('insightsProjects')?.schema.startsWith('`id` String `json:'), true);
});

test('dismissing the force question pushes nothing', async () => {
  server.addDatasource('activityRelations');
  const report = await pushAll(context(new ScriptedUi([undefined])));
  assert.equal(report.cancelled, true);
  assert.deepEqual(report.done, []);
  assert.equal(report.notPushed.length, 9);
  assert.ok(server.requests.every((r) => r.method === 'GET'));
});

test('a failing resource stops the push with the API error and a summary of what was and was not pushed', async () => {
  server.fail({ method: 'POST', path: /^\/v0\/pipes$/ }, { status: 400, error: 'Data Source activityRelations_bucket_MV_ds_0 has incompatible schema' });
  const ctx = context();
  const report = await pushAll(ctx);
  assert.deepEqual(report.done.map((d) => d.name), DATASOURCES);
  assert.deepEqual(report.failed, { name: 'activityRelations_bucket_MV_0', message: 'STAGING: POST /v0/pipes failed (400): Data Source activityRelations_bucket_MV_ds_0 has incompatible schema. (see https://www.tinybird.co/docs/api-reference/errors)' });
  assert.deepEqual(report.notPushed, ORDER.slice(5));
  assert.equal(server.calls().filter((c) => c.startsWith('POST /v0/pipes')).length, 1);
  assert.deepEqual(ctx.ui.errors, [
    `Tinybird push to STAGING: created: ${DATASOURCES.join(', ')}; FAILED activityRelations_bucket_MV_0: ${report.failed?.message}; not pushed: ${ORDER.slice(5).join(', ')}.`,
  ]);
});

test('production writes need a modal confirmation naming the environment and resources', async () => {
  const declined = context(new ScriptedUi([undefined]), 'PRODUCTION');
  const report = await pushCurrent(declined, uriOf(corpusGraph(), 'sitemap_projects'));
  assert.equal(report.cancelled, true);
  assert.deepEqual(declined.ui.prompts.map((p) => [p.kind, p.text, p.options]), [
    ['confirm', 'Write 1 resource(s) to the production environment PRODUCTION? | Resources: sitemap_projects', ['Push to PRODUCTION']],
  ]);
  assert.deepEqual(server.calls(), ['GET /v0/pipes/sitemap_projects']);

  server.reset();
  const accepted = context(new ScriptedUi(['Push to PRODUCTION']), 'PRODUCTION');
  const ok = await pushCurrent(accepted, uriOf(corpusGraph(), 'sitemap_projects'));
  assert.deepEqual(ok.done, [{ name: 'sitemap_projects', status: 'created' }]);
  assert.deepEqual(server.calls().slice(0, 2), ['GET /v0/pipes/sitemap_projects', 'POST /v0/pipes']);
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
  for (const [name, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await fs.writeFile(path.join(root, name), text);
  }
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-C', root, ...args]);
  git('init', '-q');
  git('add', 'datasources/unchanged.datasource', 'pipes/events_endpoint.pipe');
  git('commit', '-q', '-m', 'init');
  await fs.appendFile(path.join(root, 'pipes/events_endpoint.pipe'), '\n');

  const uri = (f: string) => pathToUri(path.join(root, f));
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
