// The V8 code cache of the CLI's bundles: reused when it matches the bundle, recompiled and replaced
// when it is missing, damaged or made for other source (even of the same length); the built CLI
// keeps one file per bundle in its cache folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadBundle } from '../../cli/codeCache';
import { REPO_ROOT } from '../support/shared';
import { tempTree } from '../support/tempTree';

const bundle = (factor: number): string => `exports.scale = (x) => x * ${factor};\nexports.where = __filename + ' ' + __dirname;\n`;

test('a bundle runs like a CommonJS module and reuses its code cache once saved', () => {
  const dir = tempTree('tb-code-cache-', { 'b.js': bundle(2) });
  const file = path.join(dir, 'b.js');
  const cache = path.join(dir, 'cache');
  const first = loadBundle(file, cache);
  const exports = first.exports as { scale(x: number): number; where: string };
  assert.equal(exports.scale(21), 42);
  assert.equal(exports.where, `${file} ${dir}`);
  assert.equal(first.fromCache, false);
  first.save();
  const second = loadBundle(file, cache);
  assert.equal(second.fromCache, true);
  assert.equal((second.exports as { scale(x: number): number }).scale(21), 42);
  rmSync(dir, { recursive: true });
});

test('a code cache for other source of the same length, or damaged, is not used and is replaced', () => {
  const dir = tempTree('tb-code-cache-', { 'b.js': bundle(2) });
  const file = path.join(dir, 'b.js');
  const cache = path.join(dir, 'cache');
  const stored = path.join(cache, 'code-b.bin');
  loadBundle(file, cache).save();
  writeFileSync(file, bundle(3));
  const changed = loadBundle(file, cache);
  assert.equal(changed.fromCache, false);
  assert.equal((changed.exports as { scale(x: number): number }).scale(21), 63);
  changed.save();
  assert.equal(loadBundle(file, cache).fromCache, true);
  const good = readFileSync(stored);
  const flipped = Buffer.from(good);
  flipped[flipped.length - 10] ^= 0xff;
  for (const damaged of [flipped, good.subarray(0, good.length - 100), Buffer.from('garbage'), Buffer.alloc(0)]) {
    writeFileSync(stored, damaged);
    const run = loadBundle(file, cache);
    assert.equal(run.fromCache, false);
    assert.equal((run.exports as { scale(x: number): number }).scale(1), 3);
    run.save();
    assert.equal(loadBundle(file, cache).fromCache, true);
  }
  rmSync(dir, { recursive: true });
});

test('a cache folder that cannot be written only costs the cache', () => {
  const dir = tempTree('tb-code-cache-', { 'b.js': bundle(2), 'not-a-folder': '' });
  const run = loadBundle(path.join(dir, 'b.js'), path.join(dir, 'not-a-folder'));
  assert.doesNotThrow(() => run.save());
  assert.equal(loadBundle(path.join(dir, 'b.js'), path.join(dir, 'not-a-folder')).fromCache, false);
  rmSync(dir, { recursive: true });
});

test('the built CLI stores the code cache of the bundle it ran and leaves it alone once it matches', () => {
  const cache = tempTree('tb-code-cache-');
  const project = tempTree('tb-code-cache-project-', { 'pipes/a.pipe': 'NODE n\nSQL >\n    select 1\n' });
  const run = () => spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'fmt', '--check', '--no-cache', project], { encoding: 'utf8', env: { ...process.env, TB_DATAFILES_CACHE_DIR: cache } });
  const first = run();
  assert.equal(first.status, 0, first.stderr);
  const stored = readFileSync(path.join(cache, 'code-cli-fmt.bin'));
  const second = run();
  assert.equal(second.status, 0, second.stderr);
  assert.deepEqual(readFileSync(path.join(cache, 'code-cli-fmt.bin')), stored);
  rmSync(cache, { recursive: true });
  rmSync(project, { recursive: true });
});
