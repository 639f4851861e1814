import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDatafile } from '../../server/format/datafile';
import { formatSqlTemplateDetailed } from '../../server/format/sql/index';
import { runUnderHeapLimit } from '../support/heapLimit';

// sqlfmt gives up (CPython's recursion limit) on a source line with more than 500 cut points; the
// formatter gives up the same way, but as soon as the line reaches that count, not after building
// every node of it (10k nested brackets held a stack of up to 10k brackets per node: 1 GB).
test('a line of 10k nested parentheses gives up like sqlfmt, within a 64 MB heap', () => {
  const run = runUnderHeapLimit(64, `
    const { formatSqlTemplateDetailed } = src('server/format/sql/index');
    const sql = 'SELECT ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000);
    const r = formatSqlTemplateDetailed(sql);
    process.stdout.write(JSON.stringify({ fallback: r.fallback, same: r.text === sql }));`);
  assert.ok(run.ok, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), { fallback: 'maximum recursion depth exceeded', same: true });
});

test('200k function calls on one line give up like sqlfmt, within a 64 MB heap', () => {
  const run = runUnderHeapLimit(64, `
    const { formatSqlTemplateDetailed } = src('server/format/sql/index');
    const sql = 'SELECT ' + Array.from({ length: 200_000 }, () => 'f(1)').join(' + ');
    process.stdout.write(String(formatSqlTemplateDetailed(sql).fallback));`);
  assert.ok(run.ok, run.stderr);
  assert.equal(run.stdout, 'maximum recursion depth exceeded');
});

test('a line of 600 nested parentheses that ends with fmt: off is not split, so it is no give-up', () => {
  const nested = '('.repeat(600) + '1' + ')'.repeat(600);
  assert.equal(formatSqlTemplateDetailed(`SELECT ${nested}\nFROM t`).fallback, 'maximum recursion depth exceeded');
  const off = formatSqlTemplateDetailed(`SELECT ${nested} -- fmt: off\nFROM t`);
  assert.equal(off.fallback, undefined);
  assert.equal(off.text, `SELECT ${nested} -- fmt: off\nFROM t`);
});

// A 50 MB pipe ran `fmt` out of memory (4 GB): above 20 MB the formatter refuses the file instead.
test('a file above 20 MB is refused with the reason, not formatted', () => {
  const text = 'NODE n\nSQL >\n' + '    SELECT a, bc\n'.repeat(1_300_000);
  const result = formatDatafile(text, 'large.pipe');
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.error : '', /^Not formatted: the file has 22100013 characters, above the formatter's limit/);
  assert.equal(formatDatafile('NODE n\nSQL >\n    SELECT 1\n', 'small.pipe').ok, true);
});
