// Deep nesting through the built CLI (dist/cli.js) as a whole process: where tb gives up (sqlfmt's or the
// template parser's recursion limit), the CLI gives up the same way, at once, with the exit code tb's users see.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/corpus';
import { tempTree } from '../support/tempTree';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args, '--no-cache'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** A pipe whose node nests `levels` parentheses, one a line, as tb fmt leaves SQL it gives up on. */
function nestedPipe(levels: number): string {
  return 'NODE n\nSQL >\n    SELECT\n' + '    (\n'.repeat(levels) + '    1\n' + '    )\n'.repeat(levels);
}

test('fmt leaves 20,000 nested parentheses as written, like tb fmt', () => {
  const dir = tempTree('fmt-nesting-', { 'deep.pipe': nestedPipe(20_000) });
  const file = path.join(dir, 'deep.pipe');
  const check = run(['fmt', '--check', file]);
  assert.equal(check.status, 0, check.stderr);
  assert.equal(check.stdout + check.stderr, '');
  const printed = run(['fmt', file]);
  assert.equal(printed.status, 0, printed.stderr);
  assert.equal(printed.stdout, fs.readFileSync(file, 'utf8'));
});

test("fmt formats 900 nested parentheses, below sqlfmt's recursion limit", () => {
  const dir = tempTree('fmt-nesting-', { 'deep.pipe': nestedPipe(900) });
  const check = run(['fmt', '--check', path.join(dir, 'deep.pipe')]);
  assert.equal(check.status, 1, check.stderr);
  assert.match(check.stdout, /deep\.pipe\n/u);
  assert.match(check.stderr, /^1 file\(s\) need formatting/u);
  const printed = run(['fmt', path.join(dir, 'deep.pipe')]).stdout.split('\n');
  assert.equal(printed[3], '        (');
  assert.equal(printed[3 + 900], ' '.repeat(4 + 4 * 901) + '1');
});

test('check reports 20,000 nested if blocks as one template error at the 1000th', () => {
  const template = '    %\n    SELECT 1\n' + '    {% if x %}\n'.repeat(20_000) + '    AND 1\n' + '    {% end %}\n'.repeat(20_000);
  const dir = tempTree('check-nesting-', { 'deep.pipe': 'NODE n\nSQL >\n' + template });
  const result = run(['check', path.join(dir, 'deep.pipe')]);
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /deep\.pipe:1004:5 error template-error RecursionError: template nesting too deep: 1000 blocks open at once/u);
  assert.doesNotMatch(result.stdout + result.stderr, /Maximum call stack size exceeded|failed on this file/u);
});
