// Every golden `tb fmt` case must come out byte for byte; error cases must be refused or left unchanged.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextMemo } from '../../server/diagnostics/support/textMemo';
import { formatDatafile } from '../../server/format';
import type { Memo } from '../../server/format/sql/types';
import { firstDiff, GOLDEN_ENV, goldenCases, goldenGroups, type GoldenCase } from './testData';

function check(c: GoldenCase, memo?: Memo): string | undefined {
  const result = formatDatafile(c.input, c.inputPath, { env: GOLDEN_ENV, memo });
  if (c.expected === undefined) {
    if (!result.ok || result.text === c.input) return undefined;
    return `tb fails (${c.error}) but the formatter returned a changed text`;
  }
  if (!result.ok) return `refused: ${result.error.split('\n')[0]}`;
  if (result.text !== c.expected) return firstDiff(result.text, c.expected);
  return undefined;
}

for (const group of goldenGroups()) {
  test(`golden fmt: ${group}`, () => {
    const cases = goldenCases(group);
    const failures = cases.map((c) => ({ id: c.id, why: check(c) })).filter((f) => f.why !== undefined);
    console.log(`golden ${group}: ${cases.length - failures.length}/${cases.length} pass`);
    const list = failures.map((f) => `  ${f.id}`).join('\n');
    assert.equal(failures.length, 0, `${failures.length} failing in ${group}:\n${list}\nfirst: ${failures[0]?.id}\n${failures[0]?.why}`);
  });
}

test('golden fmt: every case with one memo shared by all (as the CLI formats many files)', () => {
  const memo = new TextMemo(1 << 20);
  const cases = goldenGroups().flatMap((group) => goldenCases(group));
  const failures = cases.map((c) => ({ id: c.id, why: check(c, memo) })).filter((f) => f.why !== undefined);
  assert.equal(failures.length, 0, `${failures.length} failing with a shared memo; first: ${failures[0]?.id}\n${failures[0]?.why}`);
});
