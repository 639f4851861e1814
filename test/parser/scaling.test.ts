import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WorkspaceIndex } from '../../server/workspace/index';
import { bestCpuMs, scalesLinearly } from '../support/cpuTime';

// Linear time on large datafiles: indexing (parse, SQL references, facts) of an input ten times
// larger must take well under a hundred times longer (quadratic). The bound is a generous ratio
// of the best of three runs' CPU time (less disturbed by other processes than wall time), not a timing; speed itself is measured by `npm run bench`.
const shapes: Record<string, { ext: string; unit: string; head?: string; tail?: string }> = {
  schemaColumns: { ext: 'datasource', head: 'SCHEMA >\n', unit: '    `c` String,\n', tail: '    `last` String\n' },
  sqlLines: { ext: 'pipe', head: 'NODE n\nSQL >\n', unit: '    SELECT a, b FROM t WHERE x = 1\n' },
  unclosedSubqueries: { ext: 'pipe', head: 'NODE n\nSQL >\n    SELECT * FROM ', unit: '(SELECT * FROM ' },
  unclosedCtes: { ext: 'pipe', head: 'NODE n\nSQL >\n    WITH ', unit: 'a AS (SELECT 1 FROM t, ' },
  templateBranchList: { ext: 'pipe', head: 'NODE n\nSQL >\n    %\n    SELECT * FROM {% if x %} ', unit: 'a {% elif y %} ', tail: 'b {% end %}\n' },
  includesWithoutNode: { ext: 'pipe', unit: 'INCLUDE "x.incl"\n' },
};

function bestIndexingMs(path: string, text: string): number {
  return bestCpuMs(() => new WorkspaceIndex().update(path, text));
}

for (const [name, shape] of Object.entries(shapes)) {
  test(`indexing scales linearly: ${name} (0.2 MB vs 2 MB)`, () => {
    const make = (bytes: number) => (shape.head ?? '') + shape.unit.repeat(Math.ceil(bytes / shape.unit.length)) + (shape.tail ?? '');
    const path = `/m/${name}.${shape.ext}`;
    bestIndexingMs(path, make(50_000)); // warm-up (JIT)
    const small = bestIndexingMs(path, make(200_000));
    const large = bestIndexingMs(path, make(2_000_000));
    assert.ok(scalesLinearly(small, large), `${name}: ${large.toFixed(0)} ms vs ${small.toFixed(0)} ms`);
  });
}
