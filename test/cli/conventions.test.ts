// What CI tools expect of a command line: --version, --help per command, exit codes, colour switches,
// globs and folders, --quiet, formatting stdin.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { globToRegExp, useColor } from '../../cli/common';
import { CLI_BUNDLE } from '../support/cliProcess';
import { cli, project } from './support';

const MESSY = 'NODE n\nSQL >\n  select 1\n';
const CLEAN = 'NODE n\nSQL >\n    select 1\n';
const PACKAGE_VERSION = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')).version;

test('--version prints the package version, top-level and after a command', () => {
  assert.deepEqual(cli(['--version']), { code: 0, out: `${PACKAGE_VERSION}\n`, err: '' });
  assert.equal(cli(['fmt', '--version']).out, `${PACKAGE_VERSION}\n`);
});

test('every command has --help with exit code 0; no command or an unknown one is a usage error', () => {
  for (const command of ['fmt', 'check', 'render', 'run', 'test']) {
    const r = cli([command, '--help']);
    assert.equal(r.code, 0, command);
    assert.match(r.out, new RegExp(`^Usage: tb-datafiles ${command} `), command);
  }
  assert.match(cli(['--help']).out, /Exit codes: 0 ok, 1 findings or files to format, 2 usage error or refused files/);
  assert.equal(cli([]).code, 2);
  assert.equal(cli(['lint']).code, 2);
  assert.equal(cli(['check', '--bogus', '.']).code, 2);
});

test('NO_COLOR wins over FORCE_COLOR; FORCE_COLOR colours a pipe; a terminal is coloured by default', () => {
  assert.equal(useColor({ isTTY: true }, { NO_COLOR: '1', FORCE_COLOR: '1' }), false);
  assert.equal(useColor({ isTTY: false }, { FORCE_COLOR: '1' }), true);
  assert.equal(useColor({ isTTY: true }, { FORCE_COLOR: '0' }), false);
  assert.equal(useColor({ isTTY: true }, {}), true);
  assert.equal(useColor({ isTTY: false }, {}), false);
  const dir = project({ 'pipes/messy.pipe': MESSY });
  assert.match(cli(['fmt', '--diff', dir], { env: { FORCE_COLOR: '1' } }).out, /\x1b\[31m- {2}select 1\x1b\[39m/);
  assert.doesNotMatch(cli(['fmt', '--diff', dir], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).out, /\x1b\[/);
  rmSync(dir, { recursive: true });
});

test('globs: **, *, {a,b}, ? over relative paths', () => {
  assert.ok(globToRegExp('**/*.pipe').test('a/b/c.pipe'));
  assert.ok(globToRegExp('**/*.pipe').test('c.pipe'));
  assert.ok(!globToRegExp('*.pipe').test('a/c.pipe'));
  assert.ok(globToRegExp('{pipes,datasources}/x?.*').test('datasources/x1.datasource'));
  assert.ok(!globToRegExp('pipes/*.pipe').test('pipes.pipe'));
});

test('fmt --check takes quoted globs and folders; a glob matching nothing exits 2', () => {
  const dir = project({ 'pipes/messy.pipe': MESSY, 'pipes/clean.pipe': CLEAN, 'datasources/nested/messy.pipe': MESSY });
  const r = cli(['fmt', '--check', 'pipes/*.pipe'], { cwd: dir });
  assert.equal(r.code, 1);
  assert.equal(r.out, `${path.join('pipes', 'messy.pipe')}\n`);
  assert.equal(cli(['fmt', '--check', '**/messy.pipe'], { cwd: dir }).out.split('\n').filter(Boolean).length, 2);
  const none = cli(['fmt', '--check', 'pipes/*.datasource'], { cwd: dir });
  assert.equal(none.code, 2);
  assert.match(none.err, /pipes\/\*\.datasource: no datafiles match/);
  rmSync(dir, { recursive: true });
});

test('--quiet leaves only the exit code (and errors)', () => {
  const dir = project({ 'pipes/messy.pipe': MESSY });
  assert.deepEqual(cli(['fmt', '--check', '--quiet', dir]), { code: 1, out: '', err: '' });
  rmSync(dir, { recursive: true });
});

test('fmt --stdin-filepath formats stdin as that file; INCLUDE paths, also through a $VAR, are relative to it', () => {
  assert.deepEqual(cli(['fmt', '--stdin-filepath', 'nowhere/x.pipe'], { input: MESSY }), { code: 0, out: CLEAN, err: '' });
  const dir = project({ 'pipes/shared.incl': 'NODE shared\nSQL >\n    select 2\n' });
  const withInclude = 'INCLUDE "shared.incl"\n\nNODE n\nSQL >\n  select 1\n';
  const inFolder = cli(['fmt', '--stdin-filepath', path.join(dir, 'pipes', 'main.pipe')], { input: withInclude });
  assert.equal(inFolder.code, 0, inFolder.err);
  assert.equal(inFolder.out, 'INCLUDE "shared.incl"\n\nNODE n\nSQL >\n    select 1\n');
  const elsewhere = cli(['fmt', '--stdin-filepath', path.join(dir, 'main.pipe')], { input: withInclude });
  assert.equal(elsewhere.code, 2);
  assert.match(elsewhere.err, /shared\.incl/);
  // A $VAR in the INCLUDE path takes its value from the environment; the path it gives is relative to PATH too.
  const viaVariable = cli(['fmt', '--stdin-filepath', path.join(dir, 'main.pipe')], { input: 'INCLUDE "$INCL_DIR/shared.incl"\n\nNODE n\nSQL >\n  select 1\n', env: { INCL_DIR: 'pipes' } });
  assert.equal(viaVariable.code, 0, viaVariable.err);
  assert.equal(viaVariable.out, 'INCLUDE "$INCL_DIR/shared.incl"\n\nNODE n\nSQL >\n    select 1\n');
  assert.equal(cli(['fmt', '--stdin-filepath', path.join(dir, 'main.pipe')], { input: 'INCLUDE "$INCL_DIR/shared.incl"\n', env: { INCL_DIR: 'elsewhere' } }).code, 2);
  const wrongKind = cli(['fmt', '--stdin-filepath', 'notes.txt'], { input: MESSY });
  assert.equal(wrongKind.code, 2);
  assert.match(wrongKind.err, /Unsupported file type/);
  assert.equal(cli(['fmt', '--stdin-filepath', 'x.pipe', '--check'], { input: MESSY }).code, 2);
  rmSync(dir, { recursive: true });
});

test('fmt --check --format github annotates the first line that changes', () => {
  const dir = project({ 'pipes/messy.pipe': MESSY, 'pipes/bad.pipe': 'NODE\nSQL >\n    select 1\n' });
  const r = cli(['fmt', '--check', '--format', 'github', 'pipes'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.equal(
    r.out,
    `::error file=pipes/messy.pipe,line=3,title=tb-datafiles fmt::not formatted like tb fmt (first difference at line 3); run tb-datafiles fmt --write pipes/messy.pipe\n`,
  );
  assert.match(r.err, /^::error file=pipes\/bad.pipe,title=tb-datafiles fmt::line 1: Missing node name/);
  assert.equal(cli(['fmt', '--format', 'github', 'pipes'], { cwd: dir }).code, 2);
  rmSync(dir, { recursive: true });
});

test('a reader that goes away (| head) stops the run quietly with exit code 141, not a stack trace', async () => {
  // Far more output than a pipe holds, so the CLI is still writing when its reader closes.
  const columns = Array.from({ length: 100_000 }, (_, i) => `        a${i}`).join(',\n');
  const dir = project({ 'pipes/big.pipe': `NODE n\nSQL >\n    SELECT\n${columns}\n    FROM t\n` });
  const child = spawn(process.execPath, [CLI_BUNDLE, 'fmt', path.join(dir, 'pipes', 'big.pipe')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(stderr, '');
  assert.equal(code, 141);
  rmSync(dir, { recursive: true });
});
