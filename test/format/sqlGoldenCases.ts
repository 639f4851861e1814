import * as fs from 'node:fs';
import * as path from 'node:path';
import { datafileStage } from '../../server/format/nodeSql';
import { formattedSqlBlocks, nodeSqls } from '../support/sqlBlock';
import { formatSqlTemplateDetailed } from '../../server/format/sql/index';
import { sharedPath } from '../support/shared';

export const GOLDEN_ROOT = sharedPath('golden/fmt');

export interface BlockResult {
  caseId: string;
  block: number;
  ok: boolean;
  expected: string;
  actual: string;
  fallback?: string;
}

/** Formats every SQL node of a golden pipe case and compares it with tb fmt's SQL block. */
export function runGoldenCase(group: string, caseId: string): BlockResult[] | 'no-expected' | 'include-changes-nodes' {
  const dir = path.join(GOLDEN_ROOT, group, caseId);
  const expectedPath = path.join(dir, 'expected.pipe');
  if (!fs.existsSync(expectedPath)) return 'no-expected';
  const input = fs.readFileSync(path.join(dir, 'input.pipe'), 'utf8');
  const expected = formattedSqlBlocks(fs.readFileSync(expectedPath, 'utf8'));
  const blocks = nodeSqls(input);
  // INCLUDE can replace a pipe node by an included one: a datafile-level rule, not an SQL one
  if (/^INCLUDE\b/mu.test(input) && blocks.length !== expected.length) return 'include-changes-nodes';
  const results: BlockResult[] = [];
  const n = Math.max(blocks.length, expected.length);
  for (let b = 0; b < n; b++) {
    const exp = (expected[b] ?? ['<missing block>']).join('\n');
    if (blocks[b] === undefined) {
      results.push({ caseId, block: b, ok: false, expected: exp, actual: '<missing block>' });
      continue;
    }
    const r = formatSqlTemplateDetailed(blocks[b]);
    const actual = datafileStage(r.text);
    results.push({ caseId, block: b, ok: actual === exp, expected: exp, actual, fallback: r.fallback });
  }
  return results;
}

export function caseIds(group: string): string[] {
  const dir = path.join(GOLDEN_ROOT, group);
  return fs
    .readdirSync(dir)
    .filter((d) => fs.existsSync(path.join(dir, d, 'input.pipe')))
    .sort();
}
