import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidChangeWorkspaceFoldersNotification } from 'vscode-languageserver-protocol/node';
import { Requests, type ProjectGraph, type ProjectSummary } from '../../server/protocol';
import { startServer, type LspHarness } from '../support/lspClient';

// A folder added to the workspace is indexed; a removed one leaves the index and its diagnostics are cleared.
let tmp: string;
let server: LspHarness;
const folder = (dir: string) => ({ uri: pathToFileURL(dir).href, name: path.basename(dir) });

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-folders-'));
  write(path.join(tmp, 'first/datasources/events.datasource'), 'SCHEMA >\n    `id` Int32\n');
  write(path.join(tmp, 'second/datasources/clicks.datasource'), 'SCHEMA >\n    `id` Int32\n');
  write(path.join(tmp, 'second/pipes/clicks_by_id.pipe'), 'NODE n\nSQL >\n    SELECT id FROM clicks_missing\n');
  server = await startServer(path.join(tmp, 'first'), { workspace: { workspaceFolders: true } });
});

after(async () => {
  await server.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The resources of every project of the workspace. */
const names = async () => {
  const projects = (await server.connection.sendRequest(Requests.projects, {})) as ProjectSummary[];
  const graphs = await Promise.all(projects.map(({ root }) => server.connection.sendRequest(Requests.projectGraph, { root }) as Promise<ProjectGraph>));
  return graphs.flatMap((g) => g.resources.map((r) => r.name)).sort();
};
const pipeUri = () => pathToFileURL(path.join(tmp, 'second/pipes/clicks_by_id.pipe')).href;

test('an added workspace folder is indexed and its files get diagnostics', async () => {
  assert.deepEqual(await names(), ['events']);
  await server.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [folder(path.join(tmp, 'second'))], removed: [] } });
  assert.deepEqual(await names(), ['clicks', 'clicks_by_id', 'events']);
  await server.allPublished([pipeUri()]);
  assert.ok(server.diagnostics.get(pipeUri())!.diagnostics.some((d) => d.code === 'unknown-reference' || d.code === 'unresolved-reference'));
});

test('a removed workspace folder leaves the index and its diagnostics are cleared', async () => {
  const cleared = server.nextDiagnostics(pipeUri());
  await server.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [folder(path.join(tmp, 'second'))] } });
  assert.deepEqual((await cleared).diagnostics, []);
  assert.deepEqual(await names(), ['events']);
});
