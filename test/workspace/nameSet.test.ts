// unknown-reference reads the set of all names (for typo hints), so creating or deleting a resource
// re-checks the files whose reads are not defined (they read the name set).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { diagnoseFile, FILE_FINDINGS } from '../../server/diagnostics/index';
import { WorkspaceIndex } from '../../server/workspace/index';

const DS = 'SCHEMA >\n    `id` Int32\n';
const READS_EVENTZ = 'NODE r\nSQL >\n    SELECT id FROM eventz\n';

/** The index plus the diagnostics an editor would show, kept up to date through the stale findings only. */
class Incremental {
  readonly index = new WorkspaceIndex();
  readonly shown = new Map<string, string>();

  set(file: string, text: string | undefined): void {
    if (text === undefined) this.index.remove(file);
    else this.index.update(file, text);
    for (const p of new Set([file, ...this.index.queries.takeStale(FILE_FINDINGS)])) this.refresh(p);
  }

  private refresh(p: string): void {
    const facts = this.index.get(p);
    if (facts) this.shown.set(p, codes(this.index, p));
    else this.shown.delete(p);
  }
}

function codes(index: WorkspaceIndex, p: string): string {
  return JSON.stringify(diagnoseFile(index, index.get(p)!).map((d) => `${d.code}@${d.range.start.line}:${d.message}`));
}

/** The diagnostics of a fresh index of the same files. */
function fresh(index: WorkspaceIndex): Map<string, string> {
  const other = new WorkspaceIndex();
  for (const f of index.all()) other.update(f.path, index.text(f.path)!);
  return new Map([...other.all()].map((f) => [f.path, codes(other, f.path)]));
}

test('creating events.datasource turns the unresolved read of eventz into a typo hint, deleting it restores the first diagnostic', () => {
  const ws = new Incremental();
  ws.set('/p/pipes/p.pipe', READS_EVENTZ);
  const first = ws.shown.get('/p/pipes/p.pipe');
  ws.set('/p/datasources/events.datasource', DS);
  assert.deepEqual(ws.shown, fresh(ws.index));
  assert.notEqual(ws.shown.get('/p/pipes/p.pipe'), first);
  ws.set('/p/datasources/events.datasource', undefined);
  assert.deepEqual(ws.shown, fresh(ws.index));
  assert.equal(ws.shown.get('/p/pipes/p.pipe'), first);
});

// Random edits over a small workspace of look-alike names: after each step the incrementally kept
// diagnostics equal those of a fresh index.
const NAMES = ['events', 'eventz', 'event', 'clicks', 'clickz'];
const name = fc.constantFrom(...NAMES);
const content = fc.oneof(
  fc.constant(DS),
  fc.constant('SCHEMA >\n    `other` String\n'),
  fc.tuple(name, name).map(([a, b]) => `NODE r\nSQL >\n    SELECT id FROM ${a} JOIN ${b} USING id\n`),
  fc.tuple(name, name).map(([a, b]) => `NODE m\nSQL >\n    SELECT id FROM ${a}\nTYPE materialized\nDATASOURCE ${b}\n`),
  fc.tuple(name, name).map(([a, b]) => `NODE c\nSQL >\n    SELECT id FROM ${a}\nTYPE copy\nTARGET_DATASOURCE ${b}\n`),
);
const fileOf = (n: string, kind: 'datasource' | 'pipe') => `/p/${kind}s/${n}.${kind}`;
const step = fc.oneof(
  fc.record({ op: fc.constant('write' as const), name, kind: fc.constantFrom('datasource' as const, 'pipe' as const), text: content }),
  fc.record({ op: fc.constant('delete' as const), name, kind: fc.constantFrom('datasource' as const, 'pipe' as const) }),
  fc.record({ op: fc.constant('rename' as const), name, to: name, kind: fc.constantFrom('datasource' as const, 'pipe' as const) }),
);

test('property: incremental diagnostics equal a fresh index after every creation, edit, deletion and rename', () => {
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
      const ws = new Incremental();
      for (const s of steps) {
        const file = fileOf(s.name, s.kind);
        if (s.op === 'write') ws.set(file, s.text);
        else if (s.op === 'delete') ws.set(file, undefined);
        else {
          const text = ws.index.text(file);
          if (text === undefined || s.to === s.name) continue;
          ws.set(file, undefined);
          ws.set(fileOf(s.to, s.kind), text);
        }
        assert.deepEqual(ws.shown, fresh(ws.index));
      }
    }),
    { numRuns: 300 },
  );
});
