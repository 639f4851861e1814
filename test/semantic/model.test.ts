import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver';
import { hover } from '../../server/features/hover';
import { pathToUri } from '../../server/lsp/convert';
import { countVisits } from '../../server/semantic/model';
import { occurrences } from '../../server/semantic/symbols';
import { WorkspaceIndex } from '../../server/workspace/index';
import { CORPUS, fileOf, indexOf, offsetOf } from '../features/support';

/** Facts computed more than once for one file during a run. */
function repeated(visits: ReadonlyMap<string, readonly string[]>): string[] {
  const out: string[] = [];
  for (const [path, facts] of visits) for (const fact of new Set(facts)) if (facts.filter((f) => f === fact).length > 1) out.push(`${path}: ${fact}`);
  return out;
}

describe('semantic model', () => {
  it('a hover computes each fact of each file once, and a second hover none', () => {
    // A fresh index: its facts have no model yet.
    const index = indexOf(CORPUS);
    const file = fileOf(index, 'active_contributors');
    const offset = offsetOf(file, 'af.memberId', 4);
    const cold = countVisits(() => hover({ index, uriOf: pathToUri }, file, offset));
    assert.match((cold.result?.contents as MarkupContent).value, /^\*\*column\*\* `memberId` `String` of \[`activityRelations_collection_deduplicated_cleaned_bucket_0_ds`\]/);
    assert.deepEqual(repeated(cold.visits), []);
    assert.deepEqual(cold.visits.get(file.path)?.filter((f) => f === 'occurrences'), ['occurrences'], 'the hovered file is resolved once');
    assert.ok(cold.visits.size > 10, `the column's readers are resolved too (${cold.visits.size} files)`);
    const warm = countVisits(() => hover({ index, uriOf: pathToUri }, file, offset));
    assert.deepEqual(warm.result, cold.result);
    assert.deepEqual([...warm.visits], []);
  });

  it('keeps the resolved names of a file across unrelated edits and recomputes them when a name they read changes', () => {
    const index = new WorkspaceIndex();
    index.update('/p/datasources/events.datasource', 'SCHEMA >\n    `id` String,\n    `ts` DateTime\n');
    index.update('/p/datasources/other.datasource', 'SCHEMA >\n    `x` String\n');
    index.update('/p/pipes/reader.pipe', 'NODE n\nSQL >\n    SELECT id, ts FROM events\n');
    const pipe = () => index.get('/p/pipes/reader.pipe')!;
    const columns = () => occurrences(index, pipe()).flatMap((o) => (o.target.kind === 'column' ? [o.target.name] : []));
    const recomputed = () => countVisits(columns).visits.get('/p/pipes/reader.pipe') ?? [];
    assert.deepEqual(columns(), ['id', 'ts']);
    index.update('/p/datasources/other.datasource', 'SCHEMA >\n    `y` String\n');
    assert.deepEqual(recomputed(), [], 'an edit of a datasource it does not read keeps them');
    index.update('/p/datasources/events.datasource', 'SCHEMA >\n    `id` String\n');
    assert.ok(recomputed().includes('occurrences'));
    assert.deepEqual(columns(), ['id'], 'the removed column is no longer resolved');
    index.remove('/p/datasources/events.datasource');
    assert.deepEqual(columns(), []);
  });

  it('sees the nodes of an included file as they are after the include is created or edited', () => {
    const index = new WorkspaceIndex();
    index.update('/p/pipes/reader.pipe', 'INCLUDE "shared.incl"\n\nNODE n\nSQL >\n    SELECT * FROM base\n');
    const read = () => occurrences(index, index.get('/p/pipes/reader.pipe')!).find((o) => o.span.start === index.text('/p/pipes/reader.pipe')!.indexOf('base'))?.target;
    assert.deepEqual(read(), { kind: 'resource', name: 'base' });
    index.update('/p/pipes/shared.incl', 'NODE base\nSQL >\n    SELECT 1\n');
    assert.deepEqual(read(), { kind: 'node', path: '/p/pipes/shared.incl', name: 'base' });
    index.update('/p/pipes/shared.incl', 'NODE other\nSQL >\n    SELECT 1\n');
    assert.deepEqual(read(), { kind: 'resource', name: 'base' });
  });
});
