// A standalone comment at the very end of a query attaches to a final line that continues the last
// clause (sqlfmt's final line takes its newline from the last node), so when the query does not fit on
// one line the comment is printed above that clause, as tb fmt does (issue: real projects, the one
// formatting difference). When the whole query fits, it is hoisted to the top (spec E49).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDatafile } from '../../server/format/index';

const A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

function fmt(sqlLines: string[]): string[] {
  const result = formatDatafile(['NODE n', 'SQL >', ...sqlLines.map((l) => `    ${l}`), ''].join('\n'), 'n.pipe', { env: {} });
  assert.ok(result.ok);
  return result.text.split('\n');
}

test('a trailing comment of a query that does not fit goes above its last clause', () => {
  assert.deepEqual(fmt([`SELECT ${A}, ${B}`, 'FROM t', '-- trailing note']), [
    'NODE n', 'SQL >', '    SELECT', `        ${A},`, `        ${B}`, '    -- trailing note', '    FROM t', '',
  ]);
});

test('the comment stays with the last clause even when several clauses follow the long one', () => {
  assert.deepEqual(fmt([`SELECT ${A}, ${B}`, 'FROM t', 'WHERE x = 1', '-- trailing note']), [
    'NODE n', 'SQL >', '    SELECT', `        ${A},`, `        ${B}`, '    FROM t', '    -- trailing note', '    WHERE x = 1', '',
  ]);
});

test('a trailing comment of a query that fits is hoisted to the top', () => {
  assert.deepEqual(fmt(['SELECT a', 'FROM t', '-- trailing note']), ['NODE n', 'SQL >', '    -- trailing note', '    SELECT a FROM t', '']);
});

test('formatting the result again changes nothing', () => {
  const once = fmt([`SELECT ${A}, ${B}`, 'FROM t', '-- trailing note']).join('\n');
  const again = formatDatafile(once, 'n.pipe', { env: {} });
  assert.ok(again.ok);
  assert.equal(again.text, once);
});
