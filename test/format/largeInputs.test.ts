import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatDatafile } from '../../server/format/datafile';
import { formatSqlTemplateDetailed } from '../../server/format/sql/index';
import { dedentBlockTags } from '../../server/format/sql/dedent';
import { lex } from '../../server/format/sql/lexer';
import { mergeLinesStepwise, surelyTooDeep } from '../../server/format/sql/merge';
import { splitLine } from '../../server/format/sql/split';
import { formatTags } from '../../server/format/sql/tags';
import { SqlLine } from '../../server/format/sql/types';
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

// sqlfmt merges lines recursively, one Python frame per nesting level it goes into (two for a level
// that also holds a segment before its bracket), so CPython's recursion limit stops it on nesting
// spread over lines too: 959 parentheses one per line format, 960 do not (a merge of two or more
// lines at recursion depth 961).
const perLine = (levels: number, level: string): string => 'SELECT\n' + level.repeat(levels) + '1\n' + ')\n'.repeat(levels);

test('959 nested parentheses one per line format, 960 give up like sqlfmt', () => {
  const formatted = formatSqlTemplateDetailed(perLine(959, '(\n'));
  assert.equal(formatted.fallback, undefined);
  const lines = formatted.text.split('\n');
  assert.equal(lines.length, 2 + 2 * 959);
  assert.equal(lines[1], '    (');
  assert.equal(lines[960], ' '.repeat(4 * 960) + '1');
  const refused = formatSqlTemplateDetailed(perLine(960, '(\n'));
  assert.deepEqual(refused, { text: perLine(960, '(\n').trim(), fallback: 'maximum recursion depth exceeded' });
});

test('a level that also holds a value before its bracket takes two frames: 479 format, 480 give up', () => {
  assert.equal(formatSqlTemplateDetailed(perLine(479, '(\n1,\n')).fallback, undefined);
  assert.equal(formatSqlTemplateDetailed(perLine(480, '(\n1,\n')).fallback, 'maximum recursion depth exceeded');
});

// 20,000 levels ran out of a 4 GB heap (every node copied its stack of open brackets); 30,000 levels
// must give up within a 64 MB heap, so neither the stacks nor the work done before giving up grow
// with the square of the depth.
test('30k nested parentheses one per line give up like sqlfmt, within a 64 MB heap', () => {
  const run = runUnderHeapLimit(64, `
    const { formatSqlTemplateDetailed } = src('server/format/sql/index');
    const sql = 'SELECT\\n' + '(\\n'.repeat(30_000) + '1\\n' + ')\\n'.repeat(30_000);
    const r = formatSqlTemplateDetailed(sql);
    process.stdout.write(JSON.stringify({ fallback: r.fallback, same: r.text === sql.trim() }));`);
  assert.ok(run.ok, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), { fallback: 'maximum recursion depth exceeded', same: true });
});

/** The lines mergeLines is given for `sql` (lexed, split, tags formatted, block tags dedented). */
function linesToMerge(sql: string): SqlLine[] {
  const split: SqlLine[] = [];
  const { lines, cuts } = lex(sql);
  for (let i = 0; i < lines.length; i++) splitLine(lines[i], cuts[i], split);
  const tagged = formatTags(split, 100);
  dedentBlockTags(tagged);
  return tagged;
}

const LEVELS: readonly [open: string, close: string][] = [
  ['(\n', ')\n'],
  ['f(\n', ')\n'],
  ['(\n1,\n', ')\n'],
  ['(\na +\n', ')\n'],
  ['(\nSELECT\n', ')\n'],
  ['[\n', ']\n'],
  ['(x, (', '), y)\n'],
  ['(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12) + (\n', ')\n, z\n'],
];

// The one-pass verdict only ever gives up where every merge step, run to the depth limit, gives up too.
test('surelyTooDeep gives up only on nesting that the merge steps give up on', () => {
  let sure = 0;
  fc.assert(
    fc.property(
      fc.integer({ min: 300, max: 1400 }).chain((n) => fc.array(fc.nat(LEVELS.length - 1), { minLength: n, maxLength: n })),
      fc.boolean(),
      (levels, prefix) => {
      const body = levels.map((l) => LEVELS[l][0]).join('') + '1\n' + levels.reverse().map((l) => LEVELS[l][1]).join('');
      const lines = linesToMerge((prefix ? 'SELECT a,\nb,\n' : 'SELECT\n') + body + 'FROM t');
      if (!surelyTooDeep(lines, 100)) return;
      sure++;
      assert.throws(() => mergeLinesStepwise(lines, 100), { message: 'maximum recursion depth exceeded' });
    }),
    { numRuns: 40, seed: 17, endOnFailure: true },
  );
  assert.ok(sure >= 5, `only ${sure} runs were surely too deep`);
});

// Block tags nest like brackets for the merge (sqlfmt's lexer also recurses once per open block): the
// lexer's recursion overflowed the JavaScript stack at 20k blocks and fell back with its message.
test('2k and 20k nested if blocks give up like sqlfmt', () => {
  for (const levels of [2_000, 20_000]) {
    const sql = '%\nSELECT 1\n' + '{% if x %}\n'.repeat(levels) + 'AND 1\n' + '{% end %}\n'.repeat(levels);
    assert.equal(formatSqlTemplateDetailed(sql).fallback, 'maximum recursion depth exceeded', `${levels} levels`);
  }
});

// Shallow but long: a merge returned 200k lines into push(...lines), whose arguments overflowed the
// call stack, and the node fell back with "Maximum call stack size exceeded".
test('200k columns one per line format', () => {
  const sql = 'SELECT\n' + 'a,\n'.repeat(200_000) + 'b\nFROM t';
  const r = formatSqlTemplateDetailed(sql);
  assert.equal(r.fallback, undefined);
  assert.equal(r.text, 'SELECT\n' + '    a,\n'.repeat(200_000) + '    b\nFROM t');
});

// A 50 MB pipe ran `fmt` out of memory (4 GB): above 20 MB the formatter refuses the file instead.
test('a file above 20 MB is refused with the reason, not formatted', () => {
  const text = 'NODE n\nSQL >\n' + '    SELECT a, bc\n'.repeat(1_300_000);
  const result = formatDatafile(text, 'large.pipe');
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.error : '', /^Not formatted: the file has 22100013 characters, above the formatter's limit/);
  assert.equal(formatDatafile('NODE n\nSQL >\n    SELECT 1\n', 'small.pipe').ok, true);
});
