// The content cache of fmt and check: reuse, invalidation (content, other files, settings, $VARs),
// corrupt files, --no-cache, concurrent runs.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { cacheDir } from '../../cli/cache';
import { formatInputs } from '../../cli/fmtCache';
import { startCli } from '../support/cliProcess';
import { cli, project } from './support';

const MESSY = 'NODE n\nSQL >\n  select 1\n';
const CLEAN = 'NODE n\nSQL >\n    select 1\n';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The result files in a cache folder: not the bundle's compiled code (`code-*.bin`), which runs keep even with --no-cache. */
const resultFiles = (dir: string) => readdirSync(dir).filter((f) => !/^code-.*\.bin$/.test(f));

function withCache(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tb-cache-'));
  return { dir, env: { TB_DATAFILES_CACHE_DIR: dir } };
}

test('the cache folder: TB_DATAFILES_CACHE_DIR, else ./node_modules/.cache, else XDG_CACHE_HOME', () => {
  const cwd = project({ 'node_modules/x': '' });
  assert.equal(cacheDir({ TB_DATAFILES_CACHE_DIR: '/c' }, cwd), '/c');
  assert.equal(cacheDir({ XDG_CACHE_HOME: '/x' }, cwd), path.join(cwd, 'node_modules', '.cache', 'tb-datafiles'));
  assert.equal(cacheDir({ XDG_CACHE_HOME: '/x' }, path.join(cwd, 'node_modules')), '/x/tb-datafiles');
  rmSync(cwd, { recursive: true });
});

test('what a file formatting depends on: its bytes and the $VARs it names; INCLUDE files are not cached', () => {
  const text = 'NODE n\nSQL >\n    select ${A}, $B\n';
  const base = formatInputs(text, sha256(text), { A: '1', B: '2' });
  assert.equal(formatInputs(text, sha256(text), { A: '1', B: '2', C: '3' }), base);
  assert.notEqual(formatInputs(text, sha256(text), { A: '1', B: '3' }), base);
  assert.notEqual(formatInputs(text, sha256(text), { A: '1' }), base);
  assert.equal(formatInputs(CLEAN, 'h', {}), 'h');
  assert.equal(formatInputs(`INCLUDE "x.incl"\n\n${CLEAN}`, 'h', {}), undefined);
});

test('fmt --check skips a file recorded as formatted with the same content, and re-checks it when it changes', () => {
  const { dir: cache, env } = withCache();
  const dir = project({ 'pipes/a.pipe': CLEAN, 'pipes/b.pipe': MESSY });
  assert.equal(cli(['fmt', '--check', dir], { env }).code, 1);
  const [file] = resultFiles(cache);
  assert.equal(file, 'fmt-100.json');
  const stored = JSON.parse(readFileSync(path.join(cache, file), 'utf8'));
  assert.deepEqual(Object.keys(stored.data), [path.join(dir, 'pipes', 'a.pipe')]); // only formatted files
  // Recorded as formatted (a hash this test computes): the file is skipped, not formatted again.
  stored.data[path.join(dir, 'pipes', 'b.pipe')] = sha256(MESSY);
  writeFileSync(path.join(cache, file), JSON.stringify(stored));
  assert.equal(cli(['fmt', '--check', dir], { env }).code, 0);
  assert.equal(cli(['fmt', '--check', '--no-cache', dir], { env }).code, 1);
  // Changed content is a cache miss.
  writeFileSync(path.join(dir, 'pipes', 'a.pipe'), MESSY.replace('1', '2'));
  assert.match(cli(['fmt', '--check', dir], { env }).out, /a\.pipe/);
  // Another line length is another cache.
  assert.equal(cli(['fmt', '--check', '--line-length', '80', path.join(dir, 'pipes', 'b.pipe')], { env }).code, 1);
  rmSync(dir, { recursive: true });
  rmSync(cache, { recursive: true });
});

test('a corrupt or foreign cache file is ignored and replaced', () => {
  const { dir: cache, env } = withCache();
  const dir = project({ 'pipes/a.pipe': CLEAN, 'pipes/b.pipe': MESSY });
  for (const garbage of ['{"key":', '[1,2]', '{"key":"x","data":{"a":1}}', '\0\0\0']) {
    writeFileSync(path.join(cache, 'fmt-100.json'), garbage);
    const r = cli(['fmt', '--check', dir], { env });
    assert.equal(r.code, 1, garbage);
    assert.equal(r.out, `${path.join(dir, 'pipes', 'b.pipe')}\n`);
    assert.ok(JSON.parse(readFileSync(path.join(cache, 'fmt-100.json'), 'utf8')).data);
  }
  rmSync(dir, { recursive: true });
  rmSync(cache, { recursive: true });
});

test('--no-cache writes no cache', () => {
  const { dir: cache, env } = withCache();
  const dir = project({ 'pipes/a.pipe': CLEAN });
  assert.equal(cli(['fmt', '--check', '--no-cache', dir], { env }).code, 0);
  assert.equal(cli(['check', '--no-cache', dir], { env }).code, 0);
  assert.deepEqual(resultFiles(cache), []);
  rmSync(dir, { recursive: true });
  rmSync(cache, { recursive: true });
});

test('check: a run whose rules hit the time budget is not cached', () => {
  const { dir: cache, env } = withCache();
  const dir = project({ 'pipes/a.pipe': CLEAN, 'tinybird-lint.json': '{"ruleTimeBudgetMs": 0}' });
  const out = cli(['check', '--format', 'json', dir], { env }).out;
  assert.ok(JSON.parse(out).some((f: { message: string }) => f.message.startsWith('The rules stopped after')));
  assert.deepEqual(resultFiles(cache).filter((f) => f.startsWith('check-')), []);
  rmSync(dir, { recursive: true });
  rmSync(cache, { recursive: true });
});

test('check: the cached findings of a file are invalid once another file of the project changes', () => {
  const { dir: cache, env } = withCache();
  const dir = project({ 'pipes/p.pipe': 'NODE n\nSQL >\n    SELECT * FROM events\n' });
  const pipe = path.join(dir, 'pipes', 'p.pipe');
  const first = cli(['check', '--format', 'json', pipe], { env });
  assert.deepEqual(JSON.parse(first.out).map((f: { rule: string }) => f.rule), ['unresolved-reference']);
  assert.equal(cli(['check', '--format', 'json', pipe], { env }).out, first.out);
  writeFileSync(path.join(dir, 'events.datasource'), 'SCHEMA >\n    `a` Int32\n');
  assert.deepEqual(JSON.parse(cli(['check', '--format', 'json', pipe], { env }).out), []);
  // Corrupt: ignored, the findings are computed again.
  const [file] = resultFiles(cache).filter((f) => f.startsWith('check-'));
  writeFileSync(path.join(cache, file), '{"key":"0","data":[]');
  rmSync(path.join(dir, 'events.datasource'));
  assert.deepEqual(JSON.parse(cli(['check', '--format', 'json', pipe], { env }).out).map((f: { rule: string }) => f.rule), ['unresolved-reference']);
  // A project configuration change is a miss too.
  writeFileSync(path.join(dir, 'tinybird-lint.json'), '{"rules":{"unresolved-reference":"off"}}');
  assert.equal(cli(['check', '--format', 'json', pipe], { env }).out, '[]\n');
  rmSync(dir, { recursive: true });
  rmSync(cache, { recursive: true });
});

test('concurrent runs sharing a cache all succeed and leave a readable cache', async () => {
  const { dir: cache, env } = withCache();
  const files: Record<string, string> = {};
  for (let k = 0; k < 30; k++) files[`pipes/p${k}.pipe`] = CLEAN.replace('1', String(k));
  const dir = project(files);
  const runOne = () =>
    new Promise<number | null>((resolve) => {
      startCli(['fmt', '--check', dir], { env: { ...process.env, ...env } }).on('close', resolve);
    });
  assert.deepEqual(await Promise.all([runOne(), runOne(), runOne(), runOne()]), [0, 0, 0, 0]);
  const stored = JSON.parse(readFileSync(path.join(cache, 'fmt-100.json'), 'utf8'));
  assert.equal(Object.keys(stored.data).length, 30);
  assert.deepEqual(readdirSync(cache).sort(), ['code-cli-fmt.bin', 'fmt-100.json']); // no temporary file left
  assert.ok(!existsSync(path.join(dir, 'node_modules')));
  rmSync(dir, { recursive: true });
  rmSync(cache, { recursive: true });
});
