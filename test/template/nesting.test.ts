// Deeply nested blocks: Tornado's parser recurses once per open block, so Tinybird's gives up at Python's
// recursion limit; the engine gives up there too, with the range of the tag, instead of overflowing the stack.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { templateFailures } from '../../server/template/check';
import { renderTemplate, TemplateError } from '../../server/template/render';
import { MAX_OPEN_BLOCKS } from '../../server/template/scanner';

const OPEN = '{% if x %}\n';
const nestedIfs = (levels: number): string => 'SELECT 1\n' + OPEN.repeat(levels) + 'AND {{ Int32(y, 1) }}\n' + '{% end %}\n'.repeat(levels);

test('999 nested blocks render', () => {
  assert.equal(MAX_OPEN_BLOCKS, 1000);
  const sql = renderTemplate(nestedIfs(999), { testMode: true }).sql;
  assert.match(sql, /^SELECT 1\n+AND /u);
});

test('the 1000th open block gives up like Python, at that tag', () => {
  const template = nestedIfs(1000);
  const start = 'SELECT 1\n'.length + OPEN.length * 999;
  assert.throws(
    () => renderTemplate(template, { testMode: true }),
    (e: unknown) =>
      e instanceof TemplateError &&
      e.kind === 'RecursionError' &&
      e.message === 'template nesting too deep: 1000 blocks open at once, past Python\'s recursion limit' &&
      e.offset === start &&
      e.end === start + OPEN.length - 1,
  );
});

test('20k nested blocks are one template failure, not a stack overflow', () => {
  const failures = templateFailures(nestedIfs(20_000), 'n');
  const start = 'SELECT 1\n'.length + OPEN.length * 999;
  assert.deepEqual(failures, [
    {
      kind: 'RecursionError',
      message: "template nesting too deep: 1000 blocks open at once, past Python's recursion limit",
      start,
      end: start + OPEN.length - 1,
      modes: ['test', 'defaults'],
    },
  ]);
});
