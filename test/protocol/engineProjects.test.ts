// One embedded engine per Tinybird project, from the built server over stdio with the real engine:
// two projects define `events` with different columns, so a single engine for the workspace would
// judge one of them against the other's table.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidChangeWorkspaceFoldersNotification, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { Requests, type EngineProject, type QueryResult } from '../../server/protocol';
import { startServer, type LspHarness } from '../support/lspClient';
import { until } from '../support/until';

const PIPE = 'NODE by_user\nSQL >\n    SELECT user_idd, sum(amount) AS total FROM events GROUP BY user_idd\n';
const PROJECTS: Record<string, Record<string, string>> = {
  // `user_idd` is a typo here…
  a: {
    'tinybird-lint.json': '{}\n',
    'datasources/events.datasource': 'SCHEMA >\n    `user_id` String,\n    `amount` Float64\n',
    'pipes/by_user.pipe': PIPE,
  },
  // …and the column's real name there.
  b: {
    'tinybird-lint.json': '{}\n',
    'datasources/events.datasource': 'SCHEMA >\n    `user_idd` String,\n    `amount` Float64\n',
    'pipes/by_user.pipe': PIPE,
    'fixtures/events.ndjson': '{"user_idd": "u1", "amount": 2}\n{"user_idd": "u1", "amount": 3}\n{"user_idd": "u2", "amount": 4}\n',
  },
};

let tmp: string;
let server: LspHarness;
const root = (project: string) => path.join(tmp, project);
const pipeUri = (project: string) => pathToFileURL(path.join(root(project), 'pipes/by_user.pipe')).href;
const folder = (project: string) => ({ uri: pathToFileURL(root(project)).href, name: project });
const clickhouse = (project: string): Diagnostic[] => (server.diagnostics.get(pipeUri(project))?.diagnostics ?? []).filter((d) => d.code === 'clickhouse');
const projects = async () => ((await server.connection.sendRequest(Requests.engineProjects, {})) as EngineProject[]).sort((x, y) => x.root.localeCompare(y.root));
const engineProcesses = () => fs.readFileSync(`/proc/${server.child.pid}/task/${server.child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).length;

function open(project: string): void {
  void server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: pipeUri(project), languageId: 'tinybird-pipe', version: 1, text: PIPE } });
}

before(async () => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tb-engine-projects-')));
  for (const [project, files] of Object.entries(PROJECTS)) {
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root(project), file)), { recursive: true });
      fs.writeFileSync(path.join(root(project), file), text);
    }
  }
  server = await startServer(root('a'), { workspace: { workspaceFolders: true }, window: { workDoneProgress: false } });
  await server.allPublished([pipeUri('a')]);
});

after(async () => {
  await server.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test("a project's engine starts when one of its files opens, with that project's tables, and reports its memory", async () => {
  assert.deepEqual(await projects(), [], 'no engine before a datafile is open');
  open('a');
  await until('the finding in a', () => clickhouse('a'), (d) => d.length > 0);
  assert.deepEqual(clickhouse('a').map((d) => d.message), ['UNKNOWN_IDENTIFIER: Unknown expression identifier user_idd']);
  const [a] = await projects();
  assert.equal(a.root, root('a'));
  assert.equal(a.state, 'ready');
  assert.deepEqual([a.pipes, a.findings], [1, 1]);
  assert.ok(a.rssBytes! > 20 * 2 ** 20, `engine RSS ${a.rssBytes}`);
  assert.equal(engineProcesses(), 1);
});

test('a second project gets an engine of its own: the same pipe is clean against its own events', async () => {
  await server.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [folder('b')], removed: [] } });
  await server.allPublished([pipeUri('b')]);
  open('b');
  const [a, b] = await until('both projects analysed', projects, (ps) => ps.length === 2 && ps[1].pipes === 1);
  assert.deepEqual([a.root, a.findings], [root('a'), 1]);
  assert.deepEqual([b.root, b.findings], [root('b'), 0]);
  assert.deepEqual(clickhouse('b'), []);
  assert.equal(clickhouse('a').length, 1, "a's finding stays");
  assert.ok(b.rssBytes! > 20 * 2 ** 20);
  assert.equal(engineProcesses(), 2);
});

test("Run Locally runs in the file's project engine, on that project's fixtures", async () => {
  const result = (await server.connection.sendRequest(Requests.runLocally, { uri: pipeUri('b') })) as QueryResult;
  assert.deepEqual(
    result.data.map((r) => [r.user_idd, r.total]).sort(),
    [
      ['u1', 5],
      ['u2', 4],
    ],
  );
  assert.equal(engineProcesses(), 2, 'no engine started for the run');
  const again = (await server.connection.sendRequest(Requests.runLocally, { uri: pipeUri('b') })) as QueryResult;
  assert.equal(again.rows, 2, 'each run starts from the fixtures');
  assert.deepEqual(clickhouse('b'), [], 'the analysis of b is unaffected');
});

test("removing a project's workspace folder closes its engine", async () => {
  await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: pipeUri('b') } });
  await server.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [folder('b')] } });
  const left = await until('b closed', projects, (ps) => ps.length === 1);
  assert.equal(left[0].root, root('a'));
  await until('one engine process', engineProcesses, (n) => n === 1);
});
