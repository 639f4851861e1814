import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { CURRENT_ENV_KEY } from '../../client/tinybird/context';
import { runCopy } from '../../client/tinybird/copy';
import { CancelledError, LOCAL_DOCKER_COMMAND } from '../../client/tinybird/errors';
import { appendFixture } from '../../client/tinybird/fixtures';
import { pull } from '../../client/tinybird/pull';
import { WITH_UPSTREAM_ACTION, pushCurrent } from '../../client/tinybird/pushActions';
import { runEndpoint, runSql } from '../../client/tinybird/queryActions';
import { runEndpointLocally, runNodeLocally } from '../../client/tinybird/runLocally';
import { secretKey } from '../../client/tinybird/session';
import { testPipeLocally } from '../../client/tinybird/testLocally';
import type { InputOptions } from '../../client/tinybird/ui';
import { TinybirdApiServer, queryResponse } from './apiServer';
import { CORPUS, ScriptedUi, TestContext, corpusGraph, makeContext, tempProject, uriOf } from './helpers';

let server: TinybirdApiServer;
let root: string;
const graph = corpusGraph();
const uri = (name: string) => uriOf(graph, name);

beforeEach(async () => {
  server = await TinybirdApiServer.start();
  root = await tempProject(
    [`TB_HOST_LOCAL=${server.url}`, `TB_HOST_STAGING=${server.url}`, `TB_TOKEN_STAGING=${server.token}`, `TB_HOST_PRODUCTION=${server.url}`, `TB_TOKEN_PRODUCTION=${server.token}`].join('\n'),
  );
});
afterEach(() => server.close());

function context(answers: unknown[] = [], env = 'STAGING', settings: Record<string, unknown> = {}): TestContext {
  const ctx = makeContext(root, new ScriptedUi(answers), settings);
  ctx.memory.values.set(CURRENT_ENV_KEY, env);
  return ctx;
}

async function pushed(...names: string[]): Promise<void> {
  for (const n of names) await pushCurrent(context([WITH_UPSTREAM_ACTION]), uri(n));
  server.reset();
}

test('Run endpoint asks the template parameters in one form, remembers them, and shows the result with statistics', async () => {
  await pushed('insightsProjects_filtered');
  const ctx = context([{ slug: 'k8s', isLF: 'true' }]);
  await runEndpoint(ctx, uri('insightsProjects_filtered'));
  assert.deepEqual(server.calls(), ['GET /v0/pipes/insightsProjects_filtered.json']);
  assert.deepEqual(server.requests[0].query, { slug: ['k8s'], isLF: ['true'] });
  assert.deepEqual(ctx.ui.prompts, [
    { kind: 'params', text: 'insightsProjects_filtered · Run', options: { params: ['slug', 'isLF', 'slugs'], values: { slug: '', isLF: '', slugs: '' } } },
  ]);
  const [view] = ctx.ui.results;
  assert.equal(view.title, 'insightsProjects_filtered.json');
  assert.equal(view.environment, 'STAGING');
  assert.deepEqual(view.result.meta, [{ name: 'param', type: 'String' }, { name: 'value', type: 'String' }]);
  assert.equal(view.result.rows, 2);
  assert.deepEqual(view.result.statistics, { elapsed: 0.0012, rows_read: 20, bytes_read: 1280 });
  assert.equal(view.pipe, 'insightsProjects_filtered');
  assert.deepEqual(view.params, { slug: 'k8s', isLF: 'true' });
  assert.equal(view.curl, `curl -sS -H "Authorization: Bearer $TB_TOKEN" '${server.url}/v0/pipes/insightsProjects_filtered.json?slug=k8s&isLF=true'`);

  server.reset();
  ctx.ui.answer({});
  await runEndpoint(ctx, uri('insightsProjects_filtered'));
  assert.deepEqual(ctx.ui.prompts[1].options, { params: ['slug', 'isLF', 'slugs'], values: { slug: 'k8s', isLF: 'true', slugs: '' } }, 'prefilled with the last values');
  assert.deepEqual(server.requests[0].query, { slug: ['k8s'], isLF: ['true'] });

  server.reset();
  ctx.ui.answer(undefined);
  await runEndpoint(ctx, uri('insightsProjects_filtered'));
  assert.deepEqual(server.calls(), [], 'cancelling the form sends nothing');
});

test('Run endpoint shows the API error; invalid values and non-endpoint pipes are refused', async () => {
  await pushed('insightsProjects_filtered');
  server.endpoints.set('insightsProjects_filtered', { required: ['collectionSlug'] });
  await assert.rejects(runEndpoint(context([{}]), uri('insightsProjects_filtered')), {
    message: 'STAGING: GET /v0/pipes/insightsProjects_filtered.json failed (400): [Error] Missing required parameter: collectionSlug. (see https://www.tinybird.co/docs/api-reference/errors)',
  });
  await assert.rejects(runEndpoint(context([{ slug: 'k8s', isLF: 'maybe' }]), uri('insightsProjects_filtered')), /isLF must be true or false/);
  await assert.rejects(runEndpoint(context(), uri('activityRelations_bucket_MV_snapshot_0')), /is not an endpoint pipe/);
  await assert.rejects(runEndpoint(context(), uri('insightsProjects')), /Open a \.pipe file/);
});

test('Run SQL sends the selection with FORMAT JSON and pipeline=<pipe>', async () => {
  await pushed('insightsProjects_filtered');
  const ctx = context();
  await runSql(ctx, uri('insightsProjects_filtered'), ' SELECT count() FROM insightsProjects_filtered_1 FORMAT CSV; ', 0);
  assert.deepEqual(server.requests[0].query, { q: ['SELECT count() FROM insightsProjects_filtered_1\nFORMAT JSON'], pipeline: ['insightsProjects_filtered'] });
  assert.equal(ctx.ui.results[0].title, 'insightsProjects_filtered · selection');
  await assert.rejects(runSql(ctx, uri('insightsProjects_filtered'), 'DROP TABLE x', 0), /failed \(400\): Only SELECT queries are supported/);
});

test('Run SQL runs the current node (nodeAt), asking parameters for templated SQL', async () => {
  await pushed('insightsProjects_filtered');
  const ctx = context([{ slug: 'cncf' }]);
  ctx.server.nodeAnswer = { node: 'insightsProjects_filtered_1', sql: '%\nSELECT id FROM insights_projects_populated_ds WHERE slug = {{ String(slug) }}' };
  server.sqlResult = () => queryResponse([{ name: 'id', type: 'String' }], [{ id: 'a' }, { id: 'b' }]);
  await runSql(ctx, uri('insightsProjects_filtered'), '', 12);
  assert.deepEqual(server.requests[0].query, {
    q: ['%\nSELECT id FROM insights_projects_populated_ds WHERE slug = {{ String(slug) }}\nFORMAT JSON'],
    pipeline: ['insightsProjects_filtered'],
    slug: ['cncf'],
  });
  assert.equal(ctx.ui.results[0].title, 'insightsProjects_filtered · insightsProjects_filtered_1');
  assert.equal(ctx.ui.results[0].result.rows, 2);
  ctx.server.nodeAnswer = null;
  await assert.rejects(runSql(ctx, uri('insightsProjects_filtered'), '', 0), /Select SQL or put the cursor inside a node/);
});

test('Run copy starts the job, polls it until done and reports rows written', async () => {
  await pushed('activityRelations', 'activityRelations_bucket_MV_ds_0', 'activityRelations_bucket_MV_snapshot_0');
  server.copyOutcomes.set('activityRelations_bucket_MV_snapshot_0', { rows: 42 });
  const ctx = context();
  await runCopy(ctx, uri('activityRelations_bucket_MV_snapshot_0'));
  const jobId = [...server.jobs.keys()][0];
  assert.deepEqual(server.calls(), ['POST /v0/pipes/activityRelations_bucket_MV_snapshot_0/copy', ...Array(3).fill(`GET /v0/jobs/${jobId}`)]);
  assert.deepEqual(server.requests[0].query, {});
  assert.deepEqual(ctx.ui.progressMessages, [`job ${jobId}: waiting 0%`, `job ${jobId}: working 50%`, `job ${jobId}: done 100%`]);
  assert.deepEqual(ctx.ui.infos, ['Tinybird: copy activityRelations_bucket_MV_snapshot_0 → activityRelations_bucket_MV_ds_0 done on STAGING: 42 rows written.']);
});

test('Run copy: a failed job shows its error; cancelling cancels the job', async () => {
  await pushed('activityRelations', 'activityRelations_bucket_MV_ds_0', 'activityRelations_bucket_MV_snapshot_0');
  server.copyOutcomes.set('activityRelations_bucket_MV_snapshot_0', { error: '[Error] Memory limit exceeded' });
  await assert.rejects(runCopy(context(), uri('activityRelations_bucket_MV_snapshot_0')), /^UserError: Job [\w-]+ failed on STAGING: \[Error\] Memory limit exceeded$/);

  server.reset();
  server.jobPollsUntilDone = 100;
  const ctx = context();
  ctx.ui.cancelWhen = 'working';
  await assert.rejects(runCopy(ctx, uri('activityRelations_bucket_MV_snapshot_0')), CancelledError);
  const jobId = [...server.jobs.keys()][1];
  assert.equal(server.calls().at(-1), `POST /v0/jobs/${jobId}/cancel`);
  assert.equal(server.jobs.get(jobId)?.cancelled, true);

  // When the API refuses the cancel, the user is told the job may still run.
  server.reset();
  server.fail({ method: 'POST', path: /^\/v0\/jobs\/[^/]+\/cancel$/ }, { status: 500, error: 'cannot cancel now' });
  const refused = context();
  refused.ui.cancelWhen = 'working';
  await assert.rejects(
    runCopy(refused, uri('activityRelations_bucket_MV_snapshot_0')),
    /^UserError: Stopped waiting, but job [\w-]+ could not be cancelled on STAGING and may still run: .*cannot cancel now/,
  );
});

test('Run copy: a failing job poll is retried; when it keeps failing, the job is reported as possibly still running, not cancelled', async () => {
  await pushed('activityRelations', 'activityRelations_bucket_MV_ds_0', 'activityRelations_bucket_MV_snapshot_0');
  server.copyOutcomes.set('activityRelations_bucket_MV_snapshot_0', { rows: 7 });
  server.fail({ method: 'GET', path: /^\/v0\/jobs\// }, { status: 500, error: 'Internal server error' });
  const transient = context();
  await runCopy(transient, uri('activityRelations_bucket_MV_snapshot_0'));
  assert.match(transient.ui.infos[0], /7 rows written/);

  server.reset();
  server.fail({ method: 'GET', path: /^\/v0\/jobs\// }, { status: 500, error: 'Internal server error' }, 100);
  const err = await runCopy(context(), uri('activityRelations_bucket_MV_snapshot_0')).then(() => undefined, (e: unknown) => e as Error);
  const jobId = [...server.jobs.keys()][1];
  assert.equal(err?.message, `Could not check job ${jobId} on STAGING (STAGING: server error (500) for GET /v0/jobs/${jobId}: Internal server error. (see https://www.tinybird.co/docs/api-reference/errors)). It was not cancelled and may still be running: check it in Tinybird (Jobs) before running the copy again.`);
  assert.equal(server.calls().filter((c) => c.startsWith('GET /v0/jobs/')).length, 4);
  assert.ok(!server.calls().some((c) => c.endsWith('/cancel')));
});

test('Run copy on production asks first; declining sends nothing', async () => {
  await pushed('activityRelations', 'activityRelations_bucket_MV_ds_0', 'activityRelations_bucket_MV_snapshot_0');
  const ctx = context([undefined], 'PRODUCTION');
  await runCopy(ctx, uri('activityRelations_bucket_MV_snapshot_0'));
  assert.equal(ctx.ui.prompts[0].text, 'Run the copy pipe activityRelations_bucket_MV_snapshot_0 on the production environment PRODUCTION? | It writes to activityRelations_bucket_MV_ds_0 (append).');
  assert.deepEqual(server.requests, []);
});

test('Append fixture offers the datasource fixture first and uploads it as multipart', async () => {
  server.addDatasource('insightsProjects');
  const ctx = context(['insightsProjects.ndjson']);
  await appendFixture(ctx, uri('insightsProjects'));
  assert.deepEqual(ctx.ui.prompts[0].options, ['insightsProjects.ndjson', 'activityRelations_deduplicated_cleaned_ds.ndjson', 'Browse…']);
  const [req] = server.requests;
  assert.equal(`${req.method} ${req.path}`, 'POST /v0/datasources');
  assert.deepEqual(req.query, { name: ['insightsProjects'], mode: ['append'], format: ['ndjson'] });
  assert.match(String(req.headers['content-type']), /^multipart\/form-data; boundary=/);
  const fixture = await fs.readFile(path.join(CORPUS, 'fixtures', 'insightsProjects.ndjson'), 'utf8');
  assert.deepEqual(req.multipart, { fields: {}, files: [{ field: 'ndjson', fileName: 'insightsProjects.ndjson', content: fixture }] });
  assert.equal(server.datasources.get('insightsProjects')?.rows, fixture.split('\n').filter((l) => l.trim()).length);
  assert.deepEqual(ctx.ui.infos, ['Appended insightsProjects.ndjson to insightsProjects on STAGING.']);
});

test('Append fixture: browsing for a CSV, invalid lines, and a missing datasource', async () => {
  server.addDatasource('activityRelations');
  const csv = path.join(root, 'rows.csv');
  await fs.writeFile(csv, 'id,name\n1,a\n2,b\n');
  const ctx = context(['activityRelations', 'Browse…', csv]);
  await appendFixture(ctx, undefined);
  assert.deepEqual(server.requests[0].query, { name: ['activityRelations'], mode: ['append'], format: ['csv'] });
  assert.equal(server.requests[0].multipart?.files[0].field, 'csv');
  assert.equal(server.datasources.get('activityRelations')?.rows, 2);

  const bad = path.join(root, 'bad.ndjson');
  await fs.writeFile(bad, '{"a":1}\nnot json\n');
  const withInvalid = context(['activityRelations', 'Browse…', bad]);
  await appendFixture(withInvalid, undefined);
  assert.deepEqual(withInvalid.ui.infos, ['Appended bad.ndjson to activityRelations on STAGING (1 invalid lines).']);

  await assert.rejects(appendFixture(context(['insightsProjects.ndjson']), uri('insightsProjects')), {
    message: 'STAGING: not found (404) for POST /v0/datasources: Data Source "insightsProjects" does not exist. (see https://www.tinybird.co/docs/api-reference/errors)',
  });
});

test('Pull fetches the datafile, formats it with the server and opens a diff', async () => {
  server.addDatasource('insightsProjects');
  server.datafiles.set('datasource:insightsProjects', 'SCHEMA >\n    `id` String\n\n\n');
  const ctx = context();
  await pull(ctx, uri('insightsProjects'));
  assert.deepEqual(server.calls(), ['GET /v0/datasources/insightsProjects.datasource']);
  assert.deepEqual(ctx.server.formatted, [{ text: 'SCHEMA >\n    `id` String\n\n\n', fileName: 'insightsProjects.datasource' }]);
  assert.deepEqual(ctx.ui.diffs, [{ title: 'insightsProjects.datasource: STAGING ↔ local', remoteText: 'SCHEMA >\n    `id` String\n', remoteName: 'insightsProjects.datasource (STAGING)', localUri: uri('insightsProjects') }]);
  await assert.rejects(pull(ctx, uri('sitemap_projects')), /not found \(404\) for GET \/v0\/pipes\/sitemap_projects\.pipe: Pipe "sitemap_projects" does not exist/);
});

test('Pull says "identical" instead of opening an empty diff when the environment has the local text', async () => {
  const local = await fs.readFile(new URL(uri('insightsProjects')), 'utf8');
  server.addDatasource('insightsProjects');
  server.datafiles.set('datasource:insightsProjects', `${local.trimEnd()}\n\n`);
  const ctx = context();
  await pull(ctx, uri('insightsProjects'));
  assert.deepEqual(ctx.ui.diffs, []);
  assert.deepEqual(ctx.ui.infos, ['insightsProjects.datasource on STAGING is identical to the local file (after formatting).']);
});

test('Test pipe locally: Local token, upstream closure pushed, fixtures appended, endpoint called', async () => {
  const ctx = context([], 'STAGING');
  await testPipeLocally(ctx, uri('sitemap_projects'));
  const node = server.pipes.get('sitemap_projects')?.nodes[0].id;
  assert.deepEqual(server.calls(), [
    'GET /tokens',
    'GET /v0/datasources/insightsProjects',
    'GET /v0/pipes/sitemap_projects',
    'POST /v0/datasources',
    'POST /v0/pipes',
    `POST /v0/pipes/sitemap_projects/nodes/${node}/endpoint`,
    'POST /v0/datasources',
    'GET /v0/pipes/sitemap_projects.json',
  ]);
  assert.equal(server.requests[0].headers.authorization, undefined);
  assert.ok(server.requests.slice(1).every((r) => r.headers.authorization === `Bearer ${server.token}`));
  assert.deepEqual(server.requests[6].query, { name: ['insightsProjects'], mode: ['append'], format: ['ndjson'] });
  assert.ok((server.datasources.get('insightsProjects')?.rows ?? 0) > 0);
  assert.equal(ctx.ui.results[0].environment, 'LOCAL');
  assert.equal(ctx.ui.results[0].title, 'sitemap_projects.json (local test)');
  assert.match(ctx.ui.infos[0], /^Tinybird push to LOCAL: created: insightsProjects, sitemap_projects\. Appended insightsProjects\.ndjson to insightsProjects on LOCAL\.$/);
  // One progress notification for connect + push + fixtures, one for the endpoint call: they never stack.
  assert.deepEqual(ctx.ui.progressTitles, ['Tinybird: testing sitemap_projects on Tinybird Local', 'Tinybird: sitemap_projects on LOCAL']);

  server.reset();
  const again = context([FORCE_OR_SKIP], 'STAGING');
  await testPipeLocally(again, uri('sitemap_projects'));
  assert.ok(!server.calls().includes('POST /v0/datasources'), 'fixtures are appended only to datasources created by this run');
});
const FORCE_OR_SKIP = 'Overwrite (force)';

test('Test pipe locally when Tinybird Local is not running shows the docker run line', async () => {
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const host = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((r) => closed.close(r));
  root = await tempProject(`TB_HOST_LOCAL=${host}\n`);
  await assert.rejects(testPipeLocally(context(), uri('sitemap_projects')), {
    message: `Tinybird Local (LOCAL) is not reachable at ${host}: connection refused. Start it with:\n${LOCAL_DOCKER_COMMAND}`,
  });
});

test('Set token checks the token on its environment before storing it; stored tokens win over .env', async () => {
  root = await tempProject(`TB_HOST_STAGING=${server.url}\nTB_TOKEN_STAGING=p.outdated\n`);
  const bad = context(['STAGING', 'p.wrong']);
  await assert.rejects(bad.environments.setToken(bad.ui, root), /STAGING: forbidden \(403\) for GET \/v0\/workspace: Invalid token/);
  assert.equal(bad.secrets.values.size, 0);

  const ctx = context(['STAGING', server.token]);
  assert.equal(await ctx.environments.setToken(ctx.ui, root), 'Token for STAGING saved (workspace Tinybird_Local_Testing).');
  assert.deepEqual([...ctx.secrets.values], [[secretKey({ name: 'STAGING', host: server.url }), server.token]]);
  assert.ok((ctx.ui.prompts[1].options as InputOptions).password);
  server.reset();
  await (await ctx.environments.session(root)).api.workspace();
  assert.equal(server.requests[0].headers.authorization, `Bearer ${server.token}`);
});

test('Select environment stores the choice and notifies; an environment without a token is reported', async () => {
  const ctx = context(['PRODUCTION'], 'STAGING', { environments: { QA: { host: 'https://qa.example' } } });
  const seen: string[] = [];
  ctx.environments.onDidChange((n) => seen.push(n));
  assert.equal(await ctx.environments.select(ctx.ui, root), 'PRODUCTION');
  assert.deepEqual(ctx.ui.prompts[0].options, ['LOCAL', 'STAGING', 'PRODUCTION', 'QA']);
  assert.equal(ctx.memory.values.get(CURRENT_ENV_KEY), 'PRODUCTION');
  assert.deepEqual(seen, ['PRODUCTION']);
  assert.equal((await ctx.environments.current(root)).production, true);

  ctx.memory.values.set(CURRENT_ENV_KEY, 'QA');
  await assert.rejects(ctx.environments.session(root), /No token for QA\. Set TB_TOKEN_QA in the project's \.env or run "Tinybird: Set Token"\./);
});

test('a bad .env line makes only its environment unavailable, with path and line; the problems are announced once', async () => {
  root = await tempProject(`TB_HOST_STAGING=x.example\noops\nTB_HOST_QA=${server.url}\nTB_TOKEN_QA=${server.token}\n`);
  const staging = context(['', '', '']);
  const announced: string[][] = [];
  staging.environments.onProblems((problems) => announced.push(problems.map((p) => p.message)));
  await assert.rejects(runEndpoint(staging, uri('insightsProjects_filtered')), {
    message: `${path.join(root, '.env')}:1: host "x.example" must be a URL such as https://api.tinybird.co (so the environment STAGING is unavailable; the others still work)`,
  });
  await staging.environments.list(root);
  assert.deepEqual(announced, [[`${path.join(root, '.env')}:1: host "x.example" must be a URL such as https://api.tinybird.co`, `${path.join(root, '.env')}:2: expected KEY=value, found "oops"`]]);
  assert.deepEqual((await staging.environments.list(root)).map((e) => e.name), ['QA', 'LOCAL']);

  const qa = context(['', '', ''], 'QA');
  await runEndpoint(qa, uri('insightsProjects_filtered')).catch(() => undefined);
  assert.deepEqual(server.calls(), ['GET /v0/pipes/insightsProjects_filtered.json'], 'QA still works');
});

test('Set Token offers the active environment first, so Enter sets the token where you work', async () => {
  const ctx = context([undefined], 'PRODUCTION');
  await ctx.environments.setToken(ctx.ui, root);
  assert.deepEqual(ctx.ui.prompts[0].options, ['PRODUCTION', 'LOCAL', 'STAGING']);
});

test('Run Endpoint Locally asks the parameters and shows the embedded engine\'s rows in the grid; Tinybird is not called', async () => {
  const ctx = context([{ slug: 'k8s', isLF: 'true' }]);
  await runEndpointLocally(ctx, uri('insightsProjects_filtered'));
  assert.deepEqual(server.calls(), []);
  assert.deepEqual(ctx.server.localRuns, [{ uri: uri('insightsProjects_filtered'), node: undefined, params: { slug: 'k8s', isLF: 'true' } }]);
  const [view] = ctx.ui.results;
  assert.equal(view.environment, 'embedded ClickHouse');
  assert.equal(view.title, 'insightsProjects_filtered.json');
  assert.deepEqual(view.result, ctx.server.localResult);
});

test('Run Node Locally runs the code lens node by name', async () => {
  const ctx = context([{}]);
  await runNodeLocally(ctx, uri('insightsProjects_filtered'), 0, 'insightsProjects_filtered_0');
  assert.equal(ctx.server.localRuns[0].node, 'insightsProjects_filtered_0');
  assert.equal(ctx.ui.results[0].title, 'insightsProjects_filtered · insightsProjects_filtered_0');
});
