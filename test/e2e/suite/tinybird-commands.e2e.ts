import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { queryResponse, RecordedRequest, TinybirdApiServer } from '../../tinybird/apiServer';
import { Requests } from '../../../server/protocol';
import type { ProjectGraph } from '../../../server/protocol';
import { activeApi, closeAllEditors, openFile, waitFor, workspaceFile } from './helpers';

// "Push" and "Run endpoint" against the project's Tinybird API test server, started here in the
// extension host on 127.0.0.1:<random port>. Its host comes from the settings (tinybird.environments,
// tinybird.defaultEnvironment); the token is set with "Tinybird: Set Token", as the settings never
// hold tokens. Prompts are answered by stubbing vscode.window.show* for the duration of each test.

const ENV = 'E2E';
const DATASOURCE = 'e2e/e2e_events.datasource';
const PIPE = 'e2e/e2e_events_by_kind.pipe';

const STUBBED = ['showQuickPick', 'showInputBox', 'showWarningMessage', 'showInformationMessage', 'showErrorMessage', 'showOpenDialog'] as const;
const FIXTURE = 'e2e/e2e_events.ndjson';

interface Prompts {
  quickPicks: string[];
  inputs: Array<{ prompt?: string; value?: string; password?: boolean }>;
  warnings: string[];
  infos: string[];
  errors: string[];
}

/**
 * Replaces the window prompts: quick picks choose the item labelled `pick`, input boxes answer
 * `input(options)`, warnings (confirmations) are dismissed, messages are recorded. Returns a restore function.
 */
function stubPrompts(answers: { pick?: string; input?: (o: vscode.InputBoxOptions) => string | undefined; file?: vscode.Uri }): { prompts: Prompts; restore: () => void } {
  const win = vscode.window as unknown as Record<string, unknown>;
  const saved = new Map(STUBBED.map((k) => [k, win[k]]));
  const prompts: Prompts = { quickPicks: [], inputs: [], warnings: [], infos: [], errors: [] };
  win.showQuickPick = async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>, options?: vscode.QuickPickOptions) => {
    const list = await items;
    prompts.quickPicks.push(`${options?.placeHolder ?? ''}: ${list.map((i) => i.label).join(', ')}`);
    return list.find((i) => i.label === answers.pick);
  };
  win.showInputBox = async (options: vscode.InputBoxOptions = {}) => {
    prompts.inputs.push({ prompt: options.prompt, value: options.value, password: options.password });
    const value = answers.input?.(options);
    if (value !== undefined && options.validateInput) {
      const invalid = await options.validateInput(value);
      if (invalid) throw new Error(`stub answer "${value}" is invalid for "${options.prompt}": ${JSON.stringify(invalid)}`);
    }
    return value;
  };
  win.showWarningMessage = async (message: string) => {
    prompts.warnings.push(message);
    return undefined;
  };
  win.showInformationMessage = async (message: string) => {
    prompts.infos.push(message);
    return undefined;
  };
  win.showErrorMessage = async (message: string) => {
    prompts.errors.push(message);
    return undefined;
  };
  win.showOpenDialog = async () => (answers.file ? [answers.file] : undefined);
  return {
    prompts,
    restore: () => {
      for (const [k, v] of saved) win[k] = v;
    },
  };
}

/** Every request carries the bearer token in its header and never the token in its URL. */
function assertAuthenticated(api: TinybirdApiServer, requests: RecordedRequest[]): void {
  assert.ok(requests.length > 0, 'some request was sent');
  for (const r of requests) {
    const where = `${r.method} ${r.path}`;
    assert.equal(r.headers.authorization, `Bearer ${api.token}`, `${where} sends the bearer token`);
    assert.equal(r.query.token, undefined, `${where} has no token parameter`);
    const url = `${r.path}?${new URLSearchParams(Object.entries(r.query).flatMap(([k, vs]) => vs.map((v): [string, string] => [k, v]))).toString()}`;
    assert.ok(!url.includes(api.token) && !decodeURIComponent(url).includes(api.token), `${where}: no token in the URL`);
  }
}

function resultsTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && /tinybird\.results$/.test(t.input.viewType));
}

interface PipeBody {
  name: string;
  nodes: Array<{ name: string; sql: string }>;
}

describe('tinybird commands (API test server)', () => {
  let api: TinybirdApiServer;
  let pipeBody: PipeBody | undefined;
  let restore: (() => void) | undefined;
  const config = () => vscode.workspace.getConfiguration('tinybird');

  before(async () => {
    const { client } = await activeApi();
    // Push looks the file up in the server's project graph: wait until the workspace is indexed.
    await waitFor('the project graph to list the e2e pipe', async () => {
      const graph = await client.sendRequest<ProjectGraph>(Requests.projectGraph, { uri: workspaceFile(PIPE).toString() });
      return graph.resources.some((r) => r.name === 'e2e_events_by_kind');
    }, 20_000);
    api = await TinybirdApiServer.start({ localTokens: false });
    assert.match(api.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    await config().update('environments', { [ENV]: { host: api.url } }, vscode.ConfigurationTarget.Workspace);
    await config().update('defaultEnvironment', ENV, vscode.ConfigurationTarget.Workspace);
  });

  afterEach(() => {
    restore?.();
    restore = undefined;
  });

  after(async () => {
    restore?.();
    await config().update('environments', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('defaultEnvironment', undefined, vscode.ConfigurationTarget.Workspace);
    await api?.close();
    await closeAllEditors();
  });

  it('Set Token checks the token on the environment from the settings', async () => {
    await openFile(PIPE);
    const stub = stubPrompts({ pick: ENV, input: () => api.token });
    restore = stub.restore;
    await vscode.commands.executeCommand('tinybird.setToken');
    assert.deepEqual(stub.prompts.errors, []);
    assert.equal(stub.prompts.quickPicks.length, 1);
    assert.match(stub.prompts.quickPicks[0], /^Environment to set the token for: .*\bE2E\b/);
    assert.equal(stub.prompts.inputs.length, 1);
    assert.equal(stub.prompts.inputs[0].password, true);
    assert.deepEqual(api.calls(), ['GET /v0/workspace']);
    assertAuthenticated(api, api.requests);
    assert.deepEqual(stub.prompts.infos, ['Token for E2E saved (workspace Tinybird_Local_Testing).']);
  });

  it('Push sends the datasource and the endpoint pipe', async () => {
    api.reset();
    const stub = stubPrompts({});
    restore = stub.restore;
    await vscode.commands.executeCommand('tinybird.push', workspaceFile(DATASOURCE));
    await vscode.commands.executeCommand('tinybird.push', workspaceFile(PIPE));
    assert.deepEqual(stub.prompts.errors, []);
    assert.deepEqual(stub.prompts.warnings, [], 'nothing existed: no overwrite confirmation');

    const calls = api.calls();
    assert.equal(calls.length, 6, calls.join(', '));
    // Pushing the pipe first checks that its upstream (the datasource) exists remotely: it does, so nothing is asked.
    assert.deepEqual(calls.slice(0, 5), ['GET /v0/datasources/e2e_events', 'POST /v0/datasources', 'GET /v0/datasources/e2e_events', 'GET /v0/pipes/e2e_events_by_kind', 'POST /v0/pipes']);
    // Publishes the endpoint node by the id the API gave it.
    const endpointNode = api.pipes.get('e2e_events_by_kind')?.nodes.find((n) => n.name === 'e2e_count');
    assert.equal(calls[5], `POST /v0/pipes/e2e_events_by_kind/nodes/${endpointNode?.id}/endpoint`);
    assertAuthenticated(api, api.requests);

    const [getDs, createDs, , , createPipe] = api.requests;
    assert.deepEqual(getDs.query, { attrs: [''] });
    assert.equal(createDs.form?.name, 'e2e_events');
    assert.equal(createDs.form?.schema, '`id` String `json:$.id`,`kind` LowCardinality(String) `json:$.kind`,`timestamp` DateTime `json:$.timestamp`');
    assert.equal(createDs.form?.format, 'ndjson');
    assert.equal(createDs.form?.engine, 'MergeTree');
    assert.equal(createDs.form?.engine_sorting_key, 'kind, timestamp');
    assert.deepEqual(createPipe.query, { ignore_sql_errors: ['false'], unlink_on_populate_error: ['false'] });
    pipeBody = createPipe.json as PipeBody;
    assert.equal(pipeBody.name, 'e2e_events_by_kind');
    // The included node is sent too (its order is checked by the next test).
    assert.deepEqual(pipeBody.nodes.map((n) => n.name).sort(), ['e2e_count', 'e2e_window']);
    assert.match(pipeBody.nodes.find((n) => n.name === 'e2e_count')?.sql ?? '', /FROM e2e_window/);

    assert.equal(api.datasources.get('e2e_events')?.engine, 'MergeTree');
    assert.equal(api.pipes.get('e2e_events_by_kind')?.type, 'endpoint');
    assert.deepEqual(stub.prompts.infos, [
      'Tinybird push to E2E: created: e2e_events.',
      'Tinybird push to E2E: created: e2e_events_by_kind.',
    ]);
  });

  it('Push sends the pipe nodes in file order, the INCLUDE expanded in place (as tb push)', () => {
    assert.ok(pipeBody, 'the previous test pushed the pipe');
    // e2e_events_by_kind.pipe has `INCLUDE "includes/e2e_window.incl"` before `NODE e2e_count`, and tb
    // replaces the INCLUDE line by the file's text (reference §3.2): e2e_window comes first. The order
    // matters: e2e_count reads e2e_window, and without TYPE endpoint the last node is published.
    assert.deepEqual(pipeBody.nodes.map((n) => n.name), ['e2e_window', 'e2e_count']);
  });

  // Unit tests run the multipart upload in plain Node; only the extension host showed it failing before
  // anything was sent (undici FormData with the host's Blob), so the upload is checked here too.
  it('Append Fixture uploads the file as multipart from inside the extension host', async () => {
    assert.ok(api.datasources.has('e2e_events'), 'the push test created the datasource');
    api.reset();
    const stub = stubPrompts({ pick: 'Browse…', file: workspaceFile(FIXTURE) });
    restore = stub.restore;
    await vscode.commands.executeCommand('tinybird.appendFixture', workspaceFile(DATASOURCE));
    assert.deepEqual(stub.prompts.errors, []);
    assert.deepEqual(api.calls(), ['POST /v0/datasources']);
    const [append] = api.requests;
    assert.deepEqual(append.query, { name: ['e2e_events'], mode: ['append'], format: ['ndjson'] });
    assert.match(String(append.headers['content-type']), /^multipart\/form-data; boundary=/);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile(FIXTURE)));
    assert.deepEqual(append.multipart?.files, [{ field: 'ndjson', fileName: 'e2e_events.ndjson', content: text }]);
    assertAuthenticated(api, api.requests);
    assert.equal(api.datasources.get('e2e_events')?.rows, 2);
    assert.deepEqual(stub.prompts.infos, ['Appended e2e_events.ndjson to e2e_events on E2E.']);
  });

  it('Run endpoint queries the pipe with its parameters and shows the results view', async () => {
    assert.equal(api.pipes.get('e2e_events_by_kind')?.type, 'endpoint', 'the previous test pushed the pipe');
    api.reset();
    api.endpoints.set('e2e_events_by_kind', {
      respond: () => queryResponse([{ name: 'kind', type: 'LowCardinality(String)' }, { name: 'total', type: 'UInt64' }], [{ kind: 'click', total: 3 }, { kind: 'view', total: 5 }]),
    });
    await closeAllEditors();
    await openFile(PIPE);
    const stub = stubPrompts({});
    restore = stub.restore;
    const run = vscode.commands.executeCommand('tinybird.runEndpoint', workspaceFile(PIPE));
    // The parameters form opens prefilled with the default; submit it as the page would, keeping the value.
    const { paramsForms } = await activeApi();
    const form = await waitFor('the parameters form', () => paramsForms.current);
    assert.deepEqual(form.params.map((p) => [p.name, p.type, p.required, p.default]), [['startDate', 'DateTime', false, '2024-01-01 00:00:00']]);
    assert.deepEqual(form.values, { startDate: '2024-01-01 00:00:00' });
    await form.handle({ type: 'submit', values: form.values });
    await run;
    assert.deepEqual(stub.prompts.errors, []);
    assert.deepEqual(stub.prompts.inputs, [], 'no input box per parameter');

    assert.deepEqual(api.calls(), ['GET /v0/pipes/e2e_events_by_kind.json']);
    assert.deepEqual(api.requests[0].query, { startDate: ['2024-01-01 00:00:00'] });
    assertAuthenticated(api, api.requests);

    const [tab] = await waitFor('the results webview panel', () => resultsTabs().length > 0 && resultsTabs());
    assert.equal(resultsTabs().length, 1);
    assert.equal(tab.label, 'e2e_events_by_kind.json · E2E');
  });
});
