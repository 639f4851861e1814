import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { caseIds, GOLDEN_ROOT, runGoldenCase } from './sqlGoldenCases';

const GROUPS = ['sql-nodes-a', 'crowd-mangled-a', 'use-case-examples', 'synthetic'];
const datafileLevel: string[] = [];

for (const group of GROUPS) {
  test(`golden SQL blocks: ${group}`, () => {
    let blocks = 0;
    let passed = 0;
    let noExpected = 0;
    const failures: string[] = [];
    for (const id of caseIds(group)) {
      const results = runGoldenCase(group, id);
      if (results === 'no-expected') {
        // tb fmt refused the file (error.txt): there is no SQL block to compare.
        assert.ok(fs.existsSync(path.join(GOLDEN_ROOT, group, id, 'error.txt')), `${id}: neither expected.pipe nor error.txt`);
        noExpected++;
        continue;
      }
      if (results === 'include-changes-nodes') {
        // INCLUDE replaces nodes, so blocks cannot be paired; golden.test.ts compares the whole file.
        datafileLevel.push(`${group}/${id}`);
        continue;
      }
      const fallbackExpected = fs.existsSync(path.join(GOLDEN_ROOT, group, id, 'sqlfmt-error.txt'));
      if (fallbackExpected && !results.some((r) => r.fallback)) failures.push(`${id}: sqlfmt-error.txt but no node took the fallback`);
      for (const r of results) {
        blocks++;
        if (r.ok) passed++;
        else failures.push(`${id}#${r.block}${fallbackExpected ? ' (sqlfmt-error case)' : ''}`);
      }
    }
    console.log(
      `[${group}] ${passed}/${blocks} SQL blocks identical (${noExpected} error cases without output, ` +
        `${datafileLevel.filter((c) => c.startsWith(group)).length} INCLUDE cases that change the node list)`,
    );
    assert.equal(failures.length, 0, `${failures.length} failing blocks, first ones:\n${failures.slice(0, 30).join('\n')}`);
  });
}
