import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { safeCheck } from '../../server/diagnostics/index';
import type { Rule } from '../../server/diagnostics/rule';
import { DiagnosticsPublisher } from '../../server/lsp/diagnosticsPublisher';
import { WorkspaceIndex } from '../../server/workspace/index';

const idle = () => new Promise((resolve) => setTimeout(resolve, 20));
const diagnostic = (message: string): Diagnostic => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message });

test('a failing file is reported (its batch is retried file by file) and the queue goes on; a vanished file is cleared once, then forgotten', async () => {
  const files = new Set(['/a', '/b', '/c']);
  const sent: [string, string[]][] = [];
  const errors: string[] = [];
  const publisher = new DiagnosticsPublisher({
    compute: (paths) => paths.map((p) => {
      if (p === '/b') throw new Error('boom');
      return [diagnostic(`in ${p}`)];
    }),
    send: (p, ds) => sent.push([p, ds.map((d) => d.message)]),
    isOpen: () => false,
    exists: (p) => files.has(p),
    onError: (p, e) => errors.push(`${p}: ${(e as Error).message}`),
  });
  publisher.publish(['/a', '/b', '/c']);
  await idle();
  assert.deepEqual(errors, ['/b: boom']);
  assert.deepEqual(sent.map(([p]) => p).sort(), ['/a', '/c']);
  files.delete('/c');
  publisher.publish(['/c', '/a']);
  await idle();
  // /a is unchanged and closed: not re-sent; /c vanished: cleared
  assert.deepEqual(sent.slice(2), [['/c', []]]);
  publisher.publish(['/c']);
  await idle();
  assert.deepEqual(sent.slice(3), [['/c', []]], 'a forgotten path is cleared again rather than remembered forever');
});

test('a rule that throws becomes a finding instead of breaking the other rules', () => {
  const index = new WorkspaceIndex();
  index.update('/p/x.pipe', 'NODE n\nSQL >\n    SELECT 1\n');
  const broken = { id: 'broken-rule', check: () => { throw new Error('unexpected shape'); } } as unknown as Rule;
  const findings = safeCheck(broken, { index, file: index.get('/p/x.pipe')!, options: {} as never });
  assert.equal(findings.length, 1);
  assert.match(findings[0].message, /^Rule broken-rule failed on this file \(unexpected shape\)/);
});
