import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Requests, type PushDiagnostic } from '../../server/protocol';
import { startServer, type LspHarness } from '../support/lspClient';

// The push preflight's request, answered by the built server over stdio on a small workspace.
const FILES: Record<string, string> = {
  'datasources/events.datasource': 'SCHEMA >\n    `id` String,\n    `ts` DateTime\n',
  'pipes/reads_events.pipe': 'NODE counted\nSQL >\n    SELECT count() AS n FROM events\n',
  'pipes/reads_ghost.pipe': 'NODE counted\nSQL >\n    SELECT count() AS n FROM zz_ghost_table_42\n',
  'pipes/broken.pipe': 'BOGUS_KEYWORD x\n\nNODE counted\nSQL >\n    SELECT 1\n',
};

let workspace: string;
let server: LspHarness;
const uri = (file: string) => pathToFileURL(path.join(workspace, file)).href;

before(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-push-diagnostics-'));
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
    fs.writeFileSync(path.join(workspace, file), text);
  }
  server = await startServer(workspace);
  await server.allPublished(Object.keys(FILES).map(uri));
});

after(async () => {
  await server.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

test('pushDiagnostics answers the errors and warnings of the given files only, with 0-based lines and rule ids', async () => {
  const uris = ['pipes/reads_events.pipe', 'pipes/reads_ghost.pipe', 'pipes/broken.pipe'].map(uri);
  const answer = (await server.connection.sendRequest(Requests.pushDiagnostics, { uris })) as PushDiagnostic[];
  assert.ok(answer.every((d) => uris.includes(d.uri) && (d.severity === 'error' || d.severity === 'warning')));
  assert.deepEqual(answer.filter((d) => d.uri === uri('pipes/reads_events.pipe')), []);

  const ghost = answer.filter((d) => d.uri === uri('pipes/reads_ghost.pipe'));
  assert.deepEqual(ghost.map((d) => [d.line, d.severity, d.code]), [[2, 'warning', 'unresolved-reference']]);
  // The missing name comes first, so the Problems panel never cuts it off.
  assert.match(ghost[0].message, /^zz_ghost_table_42 is not defined in this workspace/);

  const broken = answer.filter((d) => d.uri === uri('pipes/broken.pipe'));
  assert.deepEqual(broken.map((d) => [d.line, d.severity, d.message]), [[0, 'error', 'BOGUS_KEYWORD is not a valid option']]);
});

test('pushDiagnostics of an unknown file is empty, not an error', async () => {
  assert.deepEqual(await server.connection.sendRequest(Requests.pushDiagnostics, { uris: [uri('pipes/nope.pipe')] }), []);
});
