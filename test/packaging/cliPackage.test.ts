// scripts/pack-cli.mjs (npm run pack:cli): the CLI packed alone installs offline into a clean folder,
// with no dependencies (chDB optional, left out here), and its tb-datafiles runs fmt and check.
// Needs `npm run build` (it packs the bundles in dist/).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/corpus';

const PACK = path.join(REPO_ROOT, 'scripts', 'pack-cli.mjs');
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'diagnostics');

test('the packed CLI installs offline into a clean folder and runs fmt --check and check', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-pack-'));
  execFileSync(process.execPath, [PACK, '--out', work], { encoding: 'utf8' });
  const tarball = fs.readdirSync(work).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'a tarball');
  assert.ok(fs.statSync(path.join(work, tarball)).size < 1024 * 1024, 'smaller than 1 MB');
  const manifest = JSON.parse(fs.readFileSync(path.join(work, 'cli-package', 'package.json'), 'utf8'));
  assert.deepEqual(manifest.bin, { 'tb-datafiles': 'cli.js' });
  assert.equal(manifest.dependencies, undefined);
  assert.equal(manifest.devDependencies, undefined);
  assert.deepEqual(Object.keys(manifest.optionalDependencies), ['chdb']);

  // A local install (npm install -g ignores --omit=optional, and chDB's library is half a gigabyte).
  const prefix = path.join(work, 'clean');
  const install = spawnSync('npm', ['install', '--offline', '--omit=optional', '--no-audit', '--no-fund', '--prefix', prefix, path.join(work, tarball)], {
    encoding: 'utf8',
    cwd: work,
  });
  assert.equal(install.status, 0, install.stderr);
  const bin = path.join(prefix, 'node_modules', '.bin', 'tb-datafiles');
  const installed = path.join(prefix, 'node_modules', manifest.name);
  assert.deepEqual(fs.readdirSync(path.join(prefix, 'node_modules')).sort(), ['.bin', '.package-lock.json', manifest.name].sort());

  const project = path.join(work, 'project');
  fs.mkdirSync(path.join(project, 'pipes'), { recursive: true });
  fs.writeFileSync(path.join(project, 'pipes', 'messy.pipe'), 'NODE n\nSQL >\n  select 1\n');
  const env = { ...process.env, TB_DATAFILES_CACHE_DIR: path.join(work, 'cache') };
  const run = (...args: string[]) => spawnSync(bin, args, { encoding: 'utf8', cwd: project, env });
  assert.equal(run('--version').stdout, `${manifest.version}\n`);
  const fmt = run('fmt', '--check', '.');
  assert.deepEqual([fmt.status, fmt.stdout], [1, `${path.join('pipes', 'messy.pipe')}\n`]);
  const check = run('check', path.join(FIXTURES, 'engine-sign', 'flags-uint8-sign'));
  assert.equal(check.status, 1, check.stderr);
  assert.match(check.stdout, /events\.datasource:6:13 error engine-sign/);
  // Help links point at the README installed with the CLI.
  const sarif = JSON.parse(run('check', '--format', 'sarif', path.join(FIXTURES, 'engine-sign', 'flags-uint8-sign')).stdout);
  const helpUri: string = sarif.runs[0].tool.driver.rules[0].helpUri;
  assert.ok(helpUri.startsWith(`file://${fs.realpathSync(installed)}/README.md#`), helpUri);
  fs.rmSync(work, { recursive: true, force: true });
});
