// Push All / Push Changed in a workspace of two projects (README "Projects"): they run on one project,
// the active file's or the one picked, with that project's .env, and never push the other project.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { CURRENT_ENV_KEY } from '../../client/tinybird/context';
import { pushAll, pushChanged } from '../../client/tinybird/pushActions';
import { pathToUri } from '../../server/lsp/convert';
import type { ProjectGraph } from '../../server/protocol';
import { TinybirdApiServer } from './apiServer';
import { FakeLanguageServer, ScriptedUi, makeContext, tempProject, type TestContext } from './helpers';

let alphaApi: TinybirdApiServer;
let betaApi: TinybirdApiServer;
let alpha: ProjectGraph;
let beta: ProjectGraph;

/** A project whose STAGING is `api`, holding an `events` datasource with `schema`. */
async function project(api: TinybirdApiServer, schema: string): Promise<ProjectGraph> {
  const root = await tempProject(`TB_HOST_STAGING=${api.url}\nTB_TOKEN_STAGING=${api.token}\n`, { 'datasources/events.datasource': `SCHEMA >\n    ${schema}\n` });
  return { root, resources: [{ name: 'events', kind: 'datasource', uri: pathToUri(path.join(root, 'datasources/events.datasource')), dependsOn: [] }] };
}

beforeEach(async () => {
  alphaApi = await TinybirdApiServer.start();
  betaApi = await TinybirdApiServer.start();
  alpha = await project(alphaApi, '`kind` String');
  beta = await project(betaApi, '`amount` Float64');
});
afterEach(async () => {
  await Promise.all([alphaApi.close(), betaApi.close()]);
  await Promise.all([alpha, beta].map((g) => fs.rm(g.root, { recursive: true, force: true })));
});

function context(ui = new ScriptedUi()): TestContext {
  const ctx = makeContext(alpha.root, ui, {}, alpha);
  ctx.server = new FakeLanguageServer(alpha, [beta]);
  ctx.memory.values.set(CURRENT_ENV_KEY, 'STAGING');
  return ctx;
}

test('Push All pushes the active file’s project to that project’s environment only', async () => {
  const ui = new ScriptedUi();
  const report = await pushAll(context(ui), beta.resources[0].uri);
  assert.deepEqual(report.done, [{ name: 'events', status: 'created' }]);
  assert.equal(betaApi.datasources.get('events')?.schema, '`amount` Float64');
  assert.deepEqual(alphaApi.requests, [], 'nothing reaches the other project’s environment');
  assert.deepEqual(ui.prompts, [], 'the active file names the project: nothing is asked');
});

test('without an active datafile, Push All asks which project; cancelling pushes nothing', async () => {
  const ui = new ScriptedUi([path.basename(alpha.root)]);
  const report = await pushAll(context(ui));
  assert.deepEqual(ui.prompts.map((p) => [p.kind, p.text, p.options]), [['pick', 'Tinybird project to push', [path.basename(alpha.root), path.basename(beta.root)]]]);
  assert.deepEqual(report.done, [{ name: 'events', status: 'created' }]);
  assert.equal(alphaApi.datasources.get('events')?.schema, '`kind` String');
  assert.deepEqual(betaApi.requests, []);

  const cancelled = await pushAll(context(new ScriptedUi([undefined])));
  assert.equal(cancelled.cancelled, true);
  assert.deepEqual(betaApi.requests, []);
});

test('Push Changed asks which project too, and looks for changes in that project only', async () => {
  // Neither project is a git repository: the picked one's root is where git runs (and fails).
  const ui = new ScriptedUi([path.basename(beta.root)]);
  await assert.rejects(pushChanged(context(ui)), (err: Error) => err.message.includes(`git failed in ${beta.root}`));
  assert.deepEqual(ui.prompts.map((p) => p.text), ['Tinybird project to push the changes of']);
});
