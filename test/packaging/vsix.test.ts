// scripts/check-vsix.mjs (run by `npm run package`): lists a VSIX and rejects source maps, sources,
// fixtures and token-like text.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/corpus';
import { tempTree } from '../support/tempTree';

const CHECK = path.join(REPO_ROOT, 'scripts/check-vsix.mjs');

function vsix(files: Record<string, string>): string {
  const dir = tempTree('vsix-', files);
  execFileSync('zip', ['-qr', 'out.vsix', ...Object.keys(files)], { cwd: dir });
  return path.join(dir, 'out.vsix');
}

const check = (file: string) => spawnSync(process.execPath, [CHECK, file], { encoding: 'utf8' });

const BUNDLES = ['extension', 'server', 'server-core', 'engine', 'cli', 'cli-fmt', 'cli-check', 'cli-tools'];
const bundles = (): Record<string, string> => Object.fromEntries(BUNDLES.map((b) => [`extension/dist/${b}.js`, 'x']));

test('a clean VSIX passes and its files are listed with their sizes', () => {
  const result = check(vsix({ ...bundles(), 'extension/dist/server.js': 'x'.repeat(5000), 'extension/package.json': '{}' }));
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^extension\/dist\/server\.js 5000$/m);
});

test('a VSIX without a bundle the shipped code loads is rejected', () => {
  const files = bundles();
  delete files['extension/dist/engine.js'];
  delete files['extension/dist/cli-fmt.js'];
  const result = check(vsix({ ...files, 'extension/package.json': '{}' }));
  assert.equal(result.status, 1);
  assert.match(result.stderr, /^extension\/dist\/engine\.js: missing/m);
  assert.match(result.stderr, /^extension\/dist\/cli-fmt\.js: missing/m);
});

test('source maps, fixtures and token-like text are rejected', () => {
  const token = `p.eyJ${'a'.repeat(40)}`;
  const result = check(
    vsix({ 'extension/dist/server.js.map': '{}', 'extension/test/fixtures/a.pipe': 'NODE n', 'extension/dist/cli.js': `const t = "${token}".repeat(100);` }),
  );
  assert.equal(result.status, 1);
  assert.match(result.stderr, /server\.js\.map: should not be shipped/);
  assert.match(result.stderr, /fixtures\/a\.pipe: should not be shipped/);
  assert.match(result.stderr, /dist\/cli\.js: contains something that looks like a Tinybird token/);
});
