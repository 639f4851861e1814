// The server exits when its client goes away, even when its main thread is stuck.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { createProtocolConnection, InitializeRequest, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { REPO_ROOT } from '../support/corpus';
import { SERVER_JS } from '../support/lspClient';

const HANG = path.join(REPO_ROOT, 'test/fixtures/protocol/hangAfterStart.cjs');

function exited(child: ChildProcess): Promise<number | string | null> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
}

async function initialize(child: ChildProcess, processId: number | null): Promise<void> {
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, { processId, rootUri: null, workspaceFolders: null, capabilities: {} });
}

test('closing stdin ends the server', { timeout: 30_000 }, async () => {
  const server = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  await initialize(server, process.pid);
  const exit = exited(server);
  server.stdin!.end();
  assert.notEqual(await exit, undefined);
});

test('a stuck server exits once the client process named in initialize is gone', { timeout: 30_000 }, async () => {
  const client = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const server = spawn(process.execPath, ['--require', HANG, SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  await initialize(server, client.pid!);
  const exit = exited(server);
  try {
    await new Promise((r) => setTimeout(r, 2000)); // the main thread is spinning by now
    client.kill('SIGKILL');
    assert.notEqual(await exit, undefined);
  } finally {
    server.kill('SIGKILL');
  }
});

test('a stuck server exits once the process that started it is gone', { timeout: 30_000 }, async () => {
  // A parent that starts the server (stdin kept open by the grandparent: this test) and is then killed.
  const script = `const { spawn } = require('node:child_process');
    const s = spawn(process.execPath, ['--require', ${JSON.stringify(HANG)}, ${JSON.stringify(SERVER_JS)}, '--stdio'], { stdio: ['inherit', 'ignore', 'ignore'] });
    process.stdout.write(String(s.pid) + '\\n');
    setInterval(() => {}, 1000);`;
  const parent = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'ignore'] });
  const pid = Number(await new Promise<string>((resolve) => parent.stdout!.once('data', (d: Buffer) => resolve(d.toString()))));
  await new Promise((r) => setTimeout(r, 2000));
  parent.kill('SIGKILL');
  const alive = (): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + 20_000; // not a timing assertion: the bound only ensures cleanup
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const survived = alive();
  if (survived) process.kill(pid, 'SIGKILL');
  parent.stdin!.end();
  assert.equal(survived, false);
});
