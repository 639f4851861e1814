// The check command: text and JSON output, exit codes, project-wide indexing.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { check, projectRoot } from '../../cli/check';
import { CORPUS, FIXTURES } from './helpers';
import { runCli } from '../support/cliProcess';

const run = (...args: string[]) => runCli(['check', ...args]);

test('the project root of a corpus pipe is the corpus folder, so lineage sees every datasource', () => {
  assert.equal(projectRoot(path.join(CORPUS, 'pipes', 'sitemap_leaderboards.pipe')), CORPUS);
  const { findings } = check([path.join(CORPUS, 'pipes', 'sitemap_leaderboards.pipe')]);
  assert.deepEqual(findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.rule}`), ['3:42 warning snapshot-filter']);
});

test('text output and exit code 1 on errors', () => {
  const dir = path.join(FIXTURES, 'engine-sign', 'flags-uint8-sign');
  const result = run(dir);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /events\.datasource:6:13 error engine-sign Sign column \(sign\)/);
});

test('JSON output and exit code 0 with warnings only', () => {
  const result = run('--format', 'json', path.join(FIXTURES, 'snapshot-filter', 'flags-unfiltered-read'));
  assert.equal(result.status, 0);
  const [finding] = JSON.parse(result.stdout);
  assert.deepEqual(Object.keys(finding), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'message']);
  assert.deepEqual([finding.line, finding.column, finding.endLine, finding.endColumn, finding.rule], [3, 27, 3, 37, 'snapshot-filter']);
});

test('usage errors exit 2', () => {
  assert.equal(run('--format', 'xml', FIXTURES).status, 2);
  assert.equal(run('/no/such/path').status, 2);
});
