// `tb-datafiles render` as a whole process (the built dist/cli.js): single node, resolved query, batch mode.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/corpus';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const run = (args: string[], input?: string) => spawnSync(process.execPath, [CLI, 'render', ...args], { encoding: 'utf8', input });

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'render-cli-'));
  fs.mkdirSync(path.join(dir, 'pipes'));
  fs.writeFileSync(
    path.join(dir, 'pipes', 'top.pipe'),
    [
      'NODE base',
      'SQL >',
      '    %',
      "    SELECT * FROM events WHERE kind = {{ String(kind, 'click') }}",
      '',
      'NODE counts',
      'SQL >',
      '    %',
      '    SELECT count() AS c FROM base {% if defined(limit) %}LIMIT {{ Int32(limit) }}{% end %}',
      '',
      'NODE broken',
      'SQL >',
      '    %',
      '    SELECT {{ 1 / 2 }}',
      '',
    ].join('\n'),
  );
  return path.join(dir, 'pipes', 'top.pipe');
}

test('render prints a node, with parameters, and the resolved query', () => {
  const file = project();
  const node = run([file, '--node', 'counts', '--param', 'limit=5']);
  assert.equal(node.status, 0, node.stderr);
  assert.equal(node.stdout, "\n    SELECT count() AS c FROM base LIMIT toInt32('5')\n");
  const resolved = run([file, '--node', 'counts', '--resolved', '--param', 'kind=view']);
  assert.equal(resolved.stdout, "\n    SELECT count() AS c FROM (\n\n    SELECT * FROM events WHERE kind = 'view'\n) AS base \n");
  const test = run([file, '--node', 'counts', '--test-mode']);
  assert.equal(test.stdout, '\n    SELECT count() AS c FROM base \n');
});

test('a template error exits 1 with its position and Tinybird message', () => {
  const r = run([project()]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /top\.pipe:14:12 SQLTemplateException: Template Syntax Error: Invalid BinOp: Div\(\)/);
  assert.equal(run([project(), '--node', 'nope']).status, 2);
});

test('render --batch answers one JSON line per request', () => {
  const input = [
    JSON.stringify({ template: 'SELECT {{Int32(x)}}', variables: { x: '3' }, test_mode: false }),
    JSON.stringify({ template: 'SELECT {{x}}', variables: null, test_mode: true }),
    JSON.stringify({ template: "SELECT {{tb_secret('k')}}", variables: {}, test_mode: false, secrets: ['tb_secret_k'] }),
    JSON.stringify({ template: '{% if x %}', variables: null, test_mode: false }),
  ].join('\n');
  const r = run(['--batch'], `${input}\n`);
  assert.equal(r.status, 0);
  assert.deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l)), [
    { ok: true, sql: "SELECT toInt32('3')" },
    { ok: true, sql: "SELECT '__no_value__'" },
    { ok: true, sql: 'SELECT {k: String}' },
    { ok: false, error: 'UnClosedIfError', message: 'Missing {% end %} block for if at line 1' },
  ]);
});
