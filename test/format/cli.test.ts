// The `fmt` command: modes, exit codes, atomic in-place writes, tb-style diffs.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runFmt, type CliIO } from '../../cli/fmt';

const MESSY = 'NODE n\nSQL >\n  select 1\n';
const CLEAN = 'NODE n\nSQL >\n    select 1\n';

function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tb-fmt-'));
  mkdirSync(path.join(dir, 'pipes'));
  mkdirSync(path.join(dir, 'node_modules'));
  writeFileSync(path.join(dir, 'pipes', 'messy.pipe'), MESSY);
  writeFileSync(path.join(dir, 'pipes', 'clean.pipe'), CLEAN);
  writeFileSync(path.join(dir, 'node_modules', 'ignored.pipe'), MESSY);
  writeFileSync(path.join(dir, 'notes.txt'), 'not a datafile');
  return dir;
}

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += t), err: (t) => (err += t), color: false };
  return { code: runFmt(args, io), out, err };
}

test('fmt --check lists the files that would change and exits 1', () => {
  const dir = project();
  const { code, out } = run(['--check', dir]);
  assert.equal(code, 1);
  assert.equal(out, `${path.join(dir, 'pipes', 'messy.pipe')}\n`);
  rmSync(dir, { recursive: true });
});

test('fmt --diff prints a tb-style unified diff', () => {
  const dir = project();
  const { code, out } = run(['--diff', path.join(dir, 'pipes')]);
  assert.equal(code, 1);
  assert.equal(out, '--- messy.pipe local\n+++ fmt datafile\n@@ -1,3 +1,3 @@\n NODE n\n SQL >\n-  select 1\n+    select 1\n');
  rmSync(dir, { recursive: true });
});

test('fmt --write rewrites only the files that change; then --check passes', () => {
  const dir = project();
  assert.equal(run(['--write', dir]).code, 0);
  assert.equal(readFileSync(path.join(dir, 'pipes', 'messy.pipe'), 'utf8'), CLEAN);
  assert.equal(readFileSync(path.join(dir, 'node_modules', 'ignored.pipe'), 'utf8'), MESSY);
  assert.equal(run(['--check', dir]).code, 0);
  rmSync(dir, { recursive: true });
});

test('fmt reports refused files on stderr and exits 2', () => {
  const dir = project();
  writeFileSync(path.join(dir, 'pipes', 'broken.pipe'), 'NODE\nSQL >\n    select 1\n');
  const { code, err } = run(['--check', dir]);
  assert.equal(code, 2);
  assert.match(err, /broken\.pipe: line 1: Missing node name/);
  assert.equal(run(['--check', path.join(dir, 'notes.txt')]).code, 2);
  assert.equal(run(['--check', '--write', dir]).code, 2);
  rmSync(dir, { recursive: true });
});
