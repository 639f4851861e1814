// `tb-datafiles check --engine`: ClickHouse findings on the command line, through dist/engine.js.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { CORPUS, REPO_ROOT } from '../support/corpus';
import { runCli } from '../support/cliProcess';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'engine');
const cli = (...args: string[]) => runCli(args, { cwd: REPO_ROOT });

test('check --engine reports ClickHouse errors on the identifier and exits 1', () => {
  const result = cli('check', '--engine', path.join(FIXTURES, 'planted-typo'));
  assert.equal(result.stderr, '');
  assert.equal(result.status, 1);
  assert.equal(result.stdout, 'test/fixtures/engine/planted-typo/pipes/totals.pipe:3:12 error clickhouse UNKNOWN_IDENTIFIER: Unknown expression identifier user_idd\n');
});

test('check without --engine has no ClickHouse finding', () => {
  const result = cli('check', path.join(FIXTURES, 'planted-typo'));
  assert.equal(result.status, 0);
  assert.equal(result.stdout, '');
});

// The whole corpus is analysed in process by analysis.test.ts ('corpus analysis'); through the CLI,
// its datasources and its 15 largest pipes (a third of the run time of the whole corpus).
test('check --engine on the corpus datasources and largest pipes adds no clickhouse finding', () => {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-engine-corpus-'));
  try {
    fs.cpSync(path.join(CORPUS, 'datasources'), path.join(project, 'datasources'), { recursive: true });
    const pipes = fs.readdirSync(path.join(CORPUS, 'pipes')).map((name) => path.join(CORPUS, 'pipes', name));
    const largest = pipes.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size).slice(0, 15);
    fs.mkdirSync(path.join(project, 'pipes'));
    for (const pipe of largest) fs.copyFileSync(pipe, path.join(project, 'pipes', path.basename(pipe)));
    const result = cli('check', '--engine', '--format', 'json', project);
    assert.equal(result.stderr, '');
    const findings = JSON.parse(result.stdout) as { rule: string; file: string }[];
    assert.ok(findings.some((f) => f.file.endsWith('.datasource')), 'the project was checked');
    assert.deepEqual(findings.filter((f) => f.rule === 'clickhouse'), []);
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
});

test('tinybird-lint.json sets the clickhouse severity: a warning is reported and exits 0', () => {
  const result = cli('check', '--engine', path.join(FIXTURES, 'clickhouse-warning'));
  assert.equal(result.stderr, '');
  assert.equal(result.status, 0);
  assert.equal(result.stdout, 'test/fixtures/engine/clickhouse-warning/pipes/totals.pipe:3:12 warning clickhouse UNKNOWN_IDENTIFIER: Unknown expression identifier user_idd\n');
});

test('tinybird-lint.json turns clickhouse off: no finding, exit 0', () => {
  const result = cli('check', '--engine', path.join(FIXTURES, 'clickhouse-off'));
  assert.equal(result.stderr, '');
  assert.equal(result.status, 0);
  assert.equal(result.stdout, '');
});
