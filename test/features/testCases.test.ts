// Where each case of a pipe test file is, for the Test Explorer's inline results.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listItemLines as itemLinesOf, testFileInfo } from '../../server/features/testCases';

const listItemLines = (text: string) => itemLinesOf(text.split('\n'));

test('each top-level list item spans from its dash to its last non-blank line; comments and blank lines between items are left out', () => {
  const text = '# leading comment\n\n- name: a\n  parameters: x=1\n  expected_result: |\n    {"n":1}\n\n    {"n":2}\n\n# about b\n- name: b\n';
  assert.deepEqual(listItemLines(text), [[2, 7], [10, 10]]);
  assert.deepEqual(testFileInfo('/p/tests/pipe.yaml', text, 'file:///p/tests/pipe.yaml').cases, [
    { name: 'a', line: 2, endLine: 7, endCharacter: 11 },
    { name: 'b', line: 10, endLine: 10, endCharacter: 9 },
  ]);
});

test('a dash inside a block scalar or a nested list is not a case; an indented top-level list and a document marker are read', () => {
  assert.deepEqual(listItemLines('- one:\n    sql: |\n      - not an item\n    pipe:\n      params:\n        - x\n- two:\n    sql: SELECT 1\n'), [[0, 5], [6, 7]]);
  assert.deepEqual(listItemLines('---\n  - a:\n      sql: SELECT 1\n  - b:\n      sql: SELECT 2\n'), [[1, 2], [3, 4]]);
  assert.deepEqual(listItemLines(''), []);
});

test('a flow list or a broken file puts its cases (if any) on the first line instead of guessing', () => {
  assert.equal(listItemLines('[{name: a, parameters: x}]'), undefined);
  assert.deepEqual(testFileInfo('/p/tests/pipe.yaml', '[{name: a, parameters: x}]', 'u').cases, [{ name: 'a', line: 0, endLine: 0, endCharacter: 26 }]);
  const broken = testFileInfo('/p/tests/x.yaml', '- a: [', 'u');
  assert.deepEqual(broken.cases, []);
  assert.match(broken.error ?? '', /unexpected end|flow collection/);
});
