// Public Tinybird projects (test/fixtures/real/<name>/, each with its LICENSE and SOURCE.md): every
// error and warning the rules give is listed in the project's expected.txt (`rule path:line`), each
// judged true. Anything else is a false finding on a valid project.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findingsIn, loadWorkspace } from './helpers';

const REAL = path.resolve(__dirname, '..', 'fixtures', 'real');

for (const name of fs.readdirSync(REAL).sort()) {
  test(`${name}: only the findings judged true`, () => {
    const root = path.join(REAL, name);
    const found = findingsIn(loadWorkspace(root), root)
      .filter((f) => f.found.severity !== 'info')
      .map((f) => `${f.found.rule.id} ${f.where}`);
    const expected = fs.readFileSync(path.join(root, 'expected.txt'), 'utf8').split('\n').filter(Boolean);
    assert.deepEqual(found, expected);
  });
}

test('a Forward project layout is checked like a classic one, with no findings', () => {
  const root = path.resolve(__dirname, '..', 'fixtures', 'diagnostics', 'forward-syntax', 'ok-forward-layout');
  assert.deepEqual(findingsIn(loadWorkspace(root), root).map((f) => `${f.found.rule.id} ${f.where}`), []);
});
